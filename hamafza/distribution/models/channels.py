from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import crypto


class Channel(models.Model):
    """A place an agency (or the council) publishes to: a Telegram, Bale, Eitaa or Rubika channel
    with its own bot token, the e-mail newsletter, a channel posted to by hand (Instagram, Soroush,
    iGap, another body's website) for which Hamafza prepares a copy-ready kit, or a sandbox that
    imitates one platform and keeps what it would have received (demo, preview, training)."""

    class Kind(models.TextChoices):
        TELEGRAM = "telegram", _("تلگرام")
        BALE = "bale", _("بله")
        EITAA = "eitaa", _("ایتا")
        RUBIKA = "rubika", _("روبیکا")
        EMAIL = "email", _("خبرنامهٔ رایانامه‌ای")
        MANUAL = "manual", _("انتشار دستی")
        SANDBOX = "sandbox", _("آزمایشی (پیش‌نمایش)")

    BOT_KINDS = frozenset({Kind.TELEGRAM, Kind.BALE, Kind.EITAA, Kind.RUBIKA})

    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="channels",
        verbose_name=_("دستگاه"),
    )
    council = models.ForeignKey(
        "agencies.Council", null=True, blank=True, on_delete=models.CASCADE, related_name="channels",
        verbose_name=_("شورا"),
    )
    kind = models.CharField(_("نوع"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("نام"), max_length=120)
    chat_id = models.CharField(
        _("شناسهٔ کانال"), max_length=100, blank=True,
        help_text=_("شناسهٔ عددی (مانند -100123…) یا نام کاربری با @"),
    )
    public_username = models.CharField(_("نام کاربری عمومی"), max_length=100, blank=True)
    token_encrypted = models.TextField(blank=True, editable=False)
    token_hint = models.CharField(max_length=40, blank=True, editable=False)
    token_key = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    manual_platform = models.CharField(_("سکو"), max_length=40, blank=True)
    # A sandbox channel imitates one platform (platforms.SANDBOX_CHOICES): it records the exact
    # message that platform would receive, within that platform's limits, and sends nothing.
    sandbox_platform = models.CharField(_("سکوی شبیه‌سازی‌شده"), max_length=10, blank=True)
    manual_url = models.URLField(_("نشانی صفحه"), blank=True)
    caption_limit = models.PositiveIntegerField(_("سقف زیرنویس"), default=1024)
    text_limit = models.PositiveIntegerField(_("سقف متن"), default=4096)
    enabled = models.BooleanField(_("فعال"), default=True)
    # A foreign platform's channel that an agency on no council already had when the platforms
    # policy came (migration 0006): it keeps sending while the agency sits on no council; once the
    # agency sits on one, that council's list decides (policy.platform_allowed).
    kept_without_council = models.BooleanField(_("مانده از پیش از سیاست سکوها"), default=False, editable=False)
    last_test_at = models.DateTimeField(null=True, blank=True)
    last_test_ok = models.BooleanField(null=True)
    last_test_message = models.CharField(max_length=500, blank=True)
    # Consecutive permanent failures; at conf PAUSE_AFTER_FAILURES the channel is paused (nothing
    # is sent to it, its agency is told once) until a head resumes it.
    failures_in_row = models.PositiveIntegerField(default=0)
    paused_at = models.DateTimeField(_("متوقف از"), null=True, blank=True)
    pause_reason = models.CharField(_("دلیل توقف"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False) & Q(council__isnull=True))
                | (Q(agency__isnull=True) & Q(council__isnull=False)),
                name="channel_one_owner",
            )
        ]
        verbose_name = _("مجرای انتشار")
        verbose_name_plural = _("مجراهای انتشار")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.name}"

    @property
    def uses_bot(self) -> bool:
        return self.kind in self.BOT_KINDS

    @property
    def is_manual(self) -> bool:
        return self.kind == self.Kind.MANUAL

    @property
    def is_sandbox(self) -> bool:
        return self.kind == self.Kind.SANDBOX

    @property
    def platform(self) -> str:
        """The platform this channel speaks to: its kind, or for a sandbox the one it imitates."""
        return self.sandbox_platform if self.kind == self.Kind.SANDBOX else self.kind

    @property
    def platform_label(self) -> str:
        from ..platforms import of

        return str(of(self).label)

    def set_token(self, token: str) -> None:
        token = token.strip()
        self.token_encrypted = crypto.encrypt(token)
        self.token_hint = crypto.mask(token)
        self.token_key = crypto.token_key(token)

    def get_token(self) -> str:
        return crypto.decrypt(self.token_encrypted)

    @property
    def has_token(self) -> bool:
        return bool(self.token_encrypted)

    @property
    def rate_key(self) -> str:
        """The key the per-token limit and pause use (one bot may serve several channels)."""
        return f"token:{self.token_key}" if self.token_key else f"channel:{self.pk}"


class ChannelDefault(models.Model):
    """A channel an agency's items go to unless the editor chooses otherwise."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="channel_defaults")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="defaults")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "channel"], name="channel_default_unique")]


class ItemChannelChoice(models.Model):
    """The editor's choice for one item and one channel, with an optional text of its own.
    When an item has no choices, its lead agency's defaults apply."""

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="channel_choices")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="item_choices")
    enabled = models.BooleanField(default=True)
    override_text = models.TextField(_("متن ویژهٔ این مجرا"), blank=True, max_length=4000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "channel"], name="item_channel_unique")]
