from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Task(models.Model):
    """An assigned duty (وظیفه محوله) of an agency, usually from a resolution. The deadline is a
    day: the task is late once that day is over in Tehran."""

    class Status(models.TextChoices):
        OPEN = "open", _("باز")
        IN_PROGRESS = "in_progress", _("در دست انجام")
        DONE = "done", _("انجام‌شده")
        OVERDUE = "overdue", _("دیرکرد")
        CANCELLED = "cancelled", _("لغوشده")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="tasks")
    resolution = models.ForeignKey("council.Resolution", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    title = models.CharField(_("عنوان"), max_length=300)
    description = models.TextField(_("شرح"), blank=True)
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه مسئول"), on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("مسئول"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    deadline = models.DateField(_("مهلت"))
    status = models.CharField(_("وضعیت"), max_length=12, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="task_status_deadline"),
            models.Index(fields=["agency", "status"], name="task_agency_status"),
        ]
        verbose_name = _("وظیفه")
        verbose_name_plural = _("وظایف")

    def __str__(self) -> str:
        return self.title

    @property
    def done_on_time(self) -> bool:
        from hamafza.persian.jalali import to_tehran

        return self.status == self.Status.DONE and self.done_at is not None and to_tehran(self.done_at).date() <= self.deadline


class ProgressUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("گزارش پیشرفت"))
    evidence_item = models.ForeignKey(
        "newsroom.NewsItem", verbose_name=_("خبر منتشرشده"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    evidence_file = models.FileField(_("پرونده مستند"), upload_to="council/evidence/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("گزارش پیشرفت")
        verbose_name_plural = _("گزارش‌های پیشرفت")


class TaskReminder(models.Model):
    """One row per reminder sent: the unique constraint is what makes each reminder go out once,
    however many schedulers run."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("یادآوری پیش از مهلت")
        OVERDUE = "overdue", _("گذشتن از مهلت")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="unique_task_reminder")]

