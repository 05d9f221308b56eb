from django.db import models
from django.utils.translation import gettext_lazy as _


class SandboxMessage(models.Model):
    """One message a sandbox channel received: exactly what the imitated platform would have
    been sent (method, text, format and entities, photos, buttons), with its edits and its
    deletion. The sandbox's `message_id` is what the outbox stores as the remote id."""

    channel = models.ForeignKey("distribution.Channel", on_delete=models.CASCADE, related_name="sandbox_messages")
    message_id = models.PositiveIntegerField()
    method = models.CharField(max_length=40)
    format = models.CharField(max_length=10, blank=True)  # "HTML" or "" (plain)
    text = models.TextField(blank=True)  # as sent (HTML for parse_mode=HTML)
    plain = models.TextField(blank=True)  # the visible text
    entities = models.JSONField(default=list, blank=True)  # [{type, offset, length}] in UTF-16 units
    photos = models.JSONField(default=list, blank=True)  # storage names, in order
    buttons = models.JSONField(default=list, blank=True)  # rows of {text, url}
    subject = models.CharField(max_length=300, blank=True)  # e-mail
    reply_to = models.PositiveIntegerField(null=True, blank=True)
    album = models.PositiveIntegerField(null=True, blank=True)  # first message id of its album
    edits = models.JSONField(default=list, blank=True)  # earlier texts, oldest first, with times
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-message_id"]
        constraints = [models.UniqueConstraint(fields=["channel", "message_id"], name="sandbox_message_once")]
        verbose_name = _("پیام آزمایشی")
        verbose_name_plural = _("پیام‌های آزمایشی")

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.message_id} {self.method}"
