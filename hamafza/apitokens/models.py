from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A person's key for integrations. Only its SHA-256 is stored; the key is shown once, at
    creation. It acts with its owner's roles, and stops working when revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("نام"), max_length=100)
    prefix = models.CharField(_("پیشوند"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ساخته‌شده در"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("آخرین استفاده"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("باطل‌شده در"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("کلید API")
        verbose_name_plural = _("کلیدهای API")

    def __str__(self) -> str:
        return f"{self.user} · {self.name} · {self.prefix}…"
