"""Help requests for content production: an agency needs a photographer, a crew, a studio…; other
agencies offer; the asking agency accepts offers, and records who delivered what."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    """What is asked for, and what a shareable resource provides."""

    PHOTOGRAPHER = "photographer", _("عکاس")
    VIDEO_CREW = "video_crew", _("گروه تصویربرداری")
    DRONE = "drone", _("اپراتور پهپاد")
    DESIGNER = "designer", _("طراح گرافیک")
    STUDIO = "studio", _("استودیو")
    TRANSLATOR = "translator", _("مترجم")
    EQUIPMENT = "equipment", _("تجهیزات")
    OTHER = "other", _("سایر")


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("باز")
        ARRANGED = "arranged", _("هماهنگ‌شده")
        DELIVERED = "delivered", _("انجام‌شده")
        CANCELLED = "cancelled", _("لغوشده")
        EXPIRED = "expired", _("منقضی")

    class Visibility(models.TextChoices):
        COUNCIL = "council", _("همهٔ دستگاه‌های شورا")
        CHOSEN = "chosen", _("فقط دستگاه‌های انتخاب‌شده")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="help_requests")
    asking_agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه درخواست‌کننده"),
                                      on_delete=models.CASCADE, related_name="+")
    need = models.CharField(_("نیاز"), max_length=14, choices=Need.choices)
    title = models.CharField(_("عنوان"), max_length=200)
    description = models.TextField(_("شرح"), blank=True, max_length=4000)
    place = models.CharField(_("مکان"), max_length=200, blank=True)
    day = models.DateField(_("تاریخ"))
    start_time = models.TimeField(_("ساعت شروع"), null=True, blank=True)
    end_time = models.TimeField(_("ساعت پایان"), null=True, blank=True)
    deadline = models.DateTimeField(_("مهلت پیشنهاد"))
    visibility = models.CharField(_("دیده‌شدن"), max_length=8, choices=Visibility.choices, default=Visibility.COUNCIL)
    asked_agencies = models.ManyToManyField("agencies.Agency", blank=True, related_name="+",
                                            verbose_name=_("دستگاه‌های درخواست‌شده"))
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.OPEN)
    result_item = models.ForeignKey("newsroom.NewsItem", verbose_name=_("خبر حاصل"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("زمان درخواست"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["council", "status", "day"], name="help_council_status"),
            models.Index(fields=["asking_agency", "created_at"], name="help_asking"),
        ]
        verbose_name = _("درخواست کمک")
        verbose_name_plural = _("درخواست‌های کمک")

    def __str__(self) -> str:
        return self.title


class HelpOffer(models.Model):
    class Status(models.TextChoices):
        OFFERED = "offered", _("پیشنهادشده")
        ACCEPTED = "accepted", _("پذیرفته")
        NOT_CHOSEN = "not_chosen", _("انتخاب نشد")
        WITHDRAWN = "withdrawn", _("پس‌گرفته")

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="offers")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه پیشنهاددهنده"), on_delete=models.CASCADE,
                               related_name="+")
    resource = models.ForeignKey("cooperation.Resource", verbose_name=_("منبع"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="offers")
    text = models.TextField(_("پیشنهاد"), max_length=2000)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("زمان پیشنهاد"), auto_now_add=True)
    responded_at = models.DateTimeField(_("زمان پاسخ"), null=True, blank=True)
    # What was actually delivered, recorded by the asking agency.
    delivered_at = models.DateTimeField(_("زمان انجام"), null=True, blank=True)
    delivered_note = models.TextField(_("آنچه انجام شد"), blank=True, max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["request", "agency"], name="unique_help_offer")]
        indexes = [models.Index(fields=["agency", "status"], name="help_offer_agency")]
        verbose_name = _("پیشنهاد کمک")
        verbose_name_plural = _("پیشنهادهای کمک")
