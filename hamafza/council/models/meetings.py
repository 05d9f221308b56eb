from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    """A council meeting: invited agencies, agenda, attendance, minutes, resolutions."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("عنوان"), max_length=250)
    starts_at = models.DateTimeField(_("زمان"))
    place = models.CharField(_("مکان"), max_length=200, blank=True)
    invited_agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("دستگاه‌های دعوت‌شده"), related_name="+")
    minutes = models.TextField(_("صورت‌جلسه"), blank=True, help_text=_("HTML پاک‌سازی‌شده"))
    news_item = models.ForeignKey("newsroom.NewsItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["council", "starts_at"], name="meeting_council_start")]
        verbose_name = _("نشست")
        verbose_name_plural = _("نشست‌ها")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("موضوع"), max_length=300)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    asks_report = models.BooleanField(_("گزارش عملکرد دستگاه"), default=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("دستور جلسه")
        verbose_name_plural = _("دستور جلسه")


class Attendance(models.Model):
    """A person present at the meeting, with their title and agency, and what they said."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("نام"), max_length=200)
    title = models.CharField(_("سمت"), max_length=300, blank=True)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    quote = models.TextField(_("سخن"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("حاضر در نشست")
        verbose_name_plural = _("حاضران")


class Resolution(models.Model):
    """A decision of the meeting (مصوبه); it becomes one or more tasks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("شماره"))
    text = models.TextField(_("متن مصوبه"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("مصوبه")
        verbose_name_plural = _("مصوبات")


class ActivityReport(models.Model):
    """An agency's activity report for a meeting: figures drafted from the platform's records,
    plus the office's narrative and proposals."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("از"))
    period_end = models.DateField(_("تا"))
    figures = models.JSONField(default=dict)
    narrative = models.TextField(_("گزارش"), blank=True)
    proposals = models.TextField(_("پیشنهادها"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"], name="unique_meeting_report")]
        verbose_name = _("گزارش عملکرد")
        verbose_name_plural = _("گزارش‌های عملکرد")
