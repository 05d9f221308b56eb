"""Co-publication requests: one agency asks others to republish its item (after publication) or
to support it as a co-author (on a draft). One request, one target row per asked agency."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AmplificationRequest(models.Model):
    class Kind(models.TextChoices):
        # A published or scheduled item: the asked agency republishes it on its portal page
        # («به نقل از …», the one canonical article) and on its channels.
        REPUBLISH = "republish", _("بازنشر")
        # A draft: the asked agency becomes a supporting agency of the item (newsroom.ItemAgency).
        SUPPORT = "support", _("همکاری در تهیهٔ خبر")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="amplification_requests")
    kind = models.CharField(_("نوع"), max_length=10, choices=Kind.choices, default=Kind.REPUBLISH)
    item = models.ForeignKey("newsroom.NewsItem", verbose_name=_("خبر"), on_delete=models.CASCADE,
                             related_name="amplification_requests")
    asking_agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه درخواست‌کننده"),
                                      on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("پیام به دستگاه‌ها"), blank=True, max_length=2000)
    suggested_text = models.TextField(_("متن پیشنهادی برای مجراها"), blank=True, max_length=4000)
    deadline = models.DateTimeField(_("مهلت پاسخ"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("زمان درخواست"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["asking_agency", "created_at"], name="amp_request_asking")]
        verbose_name = _("درخواست بازنشر")
        verbose_name_plural = _("درخواست‌های بازنشر")

    def __str__(self) -> str:
        return str(self.item_id)


class AmplificationTarget(models.Model):
    """One asked agency's side of a request: its answer, and when accepted its channels, texts
    and send time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار پاسخ")
        ACCEPTED = "accepted", _("پذیرفته")
        DECLINED = "declined", _("ردشده")
        EXPIRED = "expired", _("منقضی")
        WITHDRAWN = "withdrawn", _("پس‌گرفته")

    request = models.ForeignKey(AmplificationRequest, on_delete=models.CASCADE, related_name="targets")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.PENDING)
    responded_at = models.DateTimeField(_("زمان پاسخ"), null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    decline_reason = models.TextField(_("دلیل رد"), blank=True, max_length=1000)
    # When accepted: the asked agency's channels (ids), per-channel texts {channel id: text} and
    # the time its posts go out (None: at once).
    channel_ids = models.JSONField(default=list, blank=True)
    channel_texts = models.JSONField(default=dict, blank=True)
    send_at = models.DateTimeField(_("زمان ارسال"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["request", "agency"], name="unique_amp_target")]
        indexes = [models.Index(fields=["agency", "status"], name="amp_target_inbox")]
        verbose_name = _("دستگاه درخواست‌شده")
        verbose_name_plural = _("دستگاه‌های درخواست‌شده")

    @property
    def response_seconds(self) -> float | None:
        if self.responded_at is None or self.status not in (self.Status.ACCEPTED, self.Status.DECLINED):
            return None
        return (self.responded_at - self.request.created_at).total_seconds()
