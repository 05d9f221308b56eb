from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("ارسال برای تأیید")
        RETURNED = "returned", _("بازگشت برای اصلاح")
        PUBLISHED = "published", _("انتشار")
        SCHEDULED = "scheduled", _("زمان‌بندی انتشار")
        COMMENTED = "commented", _("نظر تازه")
        LOCK_TAKEN = "lock_taken", _("در دست گرفتن ویرایش")
        # Cooperation between agencies (hamafza.cooperation).
        COOP_REQUEST = "coop_request", _("درخواست همکاری")
        COOP_ANSWER = "coop_answer", _("پاسخ به درخواست همکاری")
        COOP_EXPIRED = "coop_expired", _("پایان مهلت درخواست")
        COOP_WITHDRAWN = "coop_withdrawn", _("پس‌گرفتن درخواست همکاری")
        HELP_REQUEST = "help_request", _("درخواست کمک")
        HELP_OFFER = "help_offer", _("پیشنهاد کمک")
        HELP_ACCEPTED = "help_accepted", _("پذیرش پیشنهاد کمک")
        HELP_CLOSED = "help_closed", _("بسته‌شدن پیشنهادها")
        HELP_OFFER_WITHDRAWN = "help_withdrawn", _("پس‌گرفتن پیشنهاد کمک")
        BOOKING = "booking", _("رزرو منبع")
        # Council task reminders (hamafza.council.reminders): the subject is the task's title.
        TASK_DUE = "task_due", _("یادآوری مهلت وظیفه")
        TASK_OVERDUE = "task_overdue", _("گذشتن از مهلت وظیفه")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices)
    item = models.ForeignKey("newsroom.NewsItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(_("متن"), max_length=500, blank=True)
    # For notices not about a news item: what it is about and the workspace page to open.
    subject = models.CharField(_("موضوع"), max_length=250, blank=True)
    url = models.CharField(_("نشانی"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True)
    read_at = models.DateTimeField(_("خوانده‌شده در"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "created_at"], name="notification_inbox")]
        verbose_name = _("اعلان")
        verbose_name_plural = _("اعلان‌ها")

    @property
    def sentence(self) -> str:
        from .sending import sentence

        title = self.item.title if self.item else self.subject
        return sentence(self.kind, self.actor.display_name if self.actor else "", title)

    @property
    def excerpt(self) -> str:
        from .excerpts import excerpt

        return excerpt(self.kind, self.text)
