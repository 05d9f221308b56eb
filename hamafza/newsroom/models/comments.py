from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    """A remark on an item before publication, seen by whoever may see its revisions (never the
    public). Returning an item for changes leaves its reason here too."""

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("متن"), max_length=4000)
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True)
    # The reason the head gave when returning the item for changes (do_return); the editor of a
    # returned item shows the latest one.
    is_return_reason = models.BooleanField(_("دلیل بازگرداندن"), default=False)

    class Meta:
        ordering = ["item", "created_at", "id"]
        verbose_name = _("نظر")
        verbose_name_plural = _("نظرها")


class CorrectionNote(models.Model):
    """A dated note shown on the public page of a published item that was corrected."""

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(_("متن اصلاحیه"), max_length=2000)
    at = models.DateTimeField(_("زمان اصلاح"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["item", "at", "id"]
        verbose_name = _("اصلاحیه")
        verbose_name_plural = _("اصلاحیه‌ها")
