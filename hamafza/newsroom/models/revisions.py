from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """A full snapshot of an item's editable fields, agencies, sectors and tags, taken at every
    save (newsroom.workflow.snapshot). Restoring one makes a new revision; none is ever changed."""

    class Kind(models.TextChoices):
        CREATE = "create", _("ایجاد")
        SAVE = "save", _("ذخیره")
        RESTORE = "restore", _("بازگردانی")
        CORRECTION = "correction", _("اصلاحیه")

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("شماره"))
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.SAVE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    data = models.JSONField(_("محتوا"), default=dict)
    note = models.CharField(_("یادداشت"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True)

    class Meta:
        ordering = ["item", "-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="unique_item_revision")]
        verbose_name = _("نسخه")
        verbose_name_plural = _("نسخه‌ها")

    def __str__(self) -> str:
        return f"{self.item_id} · {self.number}"
