from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """One message to one channel for one version of an item: the transactional outbox.

    Written in the transaction that publishes, corrects or unpublishes the item; sent by the
    worker, which commits `sending` before the HTTP call and `sent` (with the remote ids) after.
    A delivery left `sending` by a dead process, or whose response never came, becomes `unknown`
    and waits for a person: the Bot API has no idempotency key, so it is never retried blindly."""

    class Action(models.TextChoices):
        CREATE = "create", _("ارسال")
        EDIT = "edit", _("ویرایش پیام")
        DELETE = "delete", _("حذف پیام")
        CORRECTION = "correction", _("پاسخ اصلاحیه")
        WITHDRAW = "withdraw", _("اعلام لغو انتشار")

    class State(models.TextChoices):
        QUEUED = "queued", _("در صف")
        SENDING = "sending", _("در حال ارسال")
        SENT = "sent", _("ارسال شد")
        UNKNOWN = "unknown", _("نامعلوم")
        FAILED = "failed", _("ناموفق")
        RETRYING = "retrying", _("تلاش دوباره")
        PAUSED = "paused", _("مکث")
        CANCELLED = "cancelled", _("لغو شد")

    DUE_STATES = (State.QUEUED, State.RETRYING, State.PAUSED)
    OPEN_STATES = (State.QUEUED, State.RETRYING, State.PAUSED, State.SENDING, State.UNKNOWN)

    item = models.ForeignKey("newsroom.NewsItem", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="deliveries")
    # Or a live event's coalesced bulletin (hamafza.live.outbox): one `create` at a time per
    # channel is due, and new updates rewrite its payload in place (payload_rev) until it is sent.
    live_event = models.ForeignKey("live.LiveEvent", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="deliveries")
    version = models.CharField(max_length=40)
    channel = models.ForeignKey("distribution.Channel", on_delete=models.CASCADE, related_name="deliveries")
    action = models.CharField(_("کار"), max_length=12, choices=Action.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="followups",
        help_text=_("پیام اصلی که این ویرایش، حذف یا پاسخ به آن مربوط است"),
    )
    payload = models.JSONField(default=dict)
    # The item's revision this payload renders: the send carries the text of this revision, and a
    # newer revision follows as an edit. `payload_rev` counts in-place updates of a due payload,
    # so that a claim made on a stale read is refused (see worker._claim_next).
    revision = models.PositiveIntegerField(_("نسخهٔ خبر"), default=0)
    payload_rev = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)
    state = models.CharField(_("وضعیت"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("تلاش‌ها"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(_("آخرین خطا"), blank=True)
    remote_ids = models.JSONField(default=list, blank=True)
    # True when this follow-up posted a new message that now stands for its parent's (a photo
    # removed or added by a correction: the old post deleted and the new one sent).
    replaced_parent = models.BooleanField(default=False)
    # Work done before an interruption (ids already deleted from an album), so a retry resumes.
    progress = models.JSONField(default=dict, blank=True)
    # What happened, in words, when it is not plain (a photo that could not be removed, a
    # correction posted as a new message because the original's id is not known).
    remark = models.TextField(_("توضیح"), blank=True)
    permalink = models.URLField(_("پیوند پیام"), blank=True, max_length=500)
    sent_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version", "channel", "action"], name="delivery_once"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["channel", "state"], name="delivery_channel_state"),
            models.Index(fields=["live_event", "channel", "state"], name="delivery_live"),
        ]
        verbose_name = _("ارسال")
        verbose_name_plural = _("ارسال‌ها")

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.item_id or self.live_event_id} → {self.channel_id} ({self.state})"


class TokenPause(models.Model):
    """A bot token the platform told us to leave alone until a time (HTTP 429 retry_after).
    In the database, so that a restarted worker honours it."""

    key = models.CharField(max_length=64, unique=True)
    until = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.key} until {self.until}"


class RateSlot(models.Model):
    """The earliest time the next message may go through one chat or one token. A sender
    reserves a slot with a conditional UPDATE, so several workers share the limits."""

    key = models.CharField(max_length=64, unique=True)
    next_at = models.DateTimeField()


class SenderLease(models.Model):
    """A sender process's heartbeat. A `sending` delivery whose claimer's lease has run out (the
    process was killed) becomes `unknown` within seconds instead of after SENDING_STALE_AFTER."""

    worker = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()
