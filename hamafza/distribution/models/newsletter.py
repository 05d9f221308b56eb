import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """A reader of a council's e-mail newsletter: all news, one agency's, or one sector's;
    each item as it is published, or one Jalali daily digest. Double opt-in: nothing is sent
    before the address is confirmed."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("هر خبر بی‌درنگ")
        DAILY = "daily", _("چکیدهٔ روزانه")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="subscribers")
    email = models.EmailField(_("رایانامه"))
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sector = models.ForeignKey("agencies.Sector", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("بسامد"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    token = models.CharField(max_length=64, unique=True, default=_token)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["council", "email"], name="subscriber_email")]
        verbose_name = _("مشترک خبرنامه")
        verbose_name_plural = _("مشترکان خبرنامه")

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
