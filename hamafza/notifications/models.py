from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hamafza.core import secrets

BALE_PURPOSE = "hamafza.notifications.bale_token"
SMS_PURPOSE = "hamafza.notifications.sms_key"


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
        FIGURE_APPROVE = "figure_approve", _("رقم برای تأیید")
        MENTIONED = "mentioned", _("نام‌بردن از شما در نظر")
        # Coverage monitoring (hamafza.coverage): a keyword alert's new matches, the morning bulletin.
        COVERAGE_ALERT = "coverage_alert", _("هشدار بازتاب خبری")
        COVERAGE_DIGEST = "coverage_digest", _("بولتن بازتاب خبری")

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

    @property
    def excerpt_in_full(self) -> str:
        """The text as an e-mail quotes it: a person's words in «», uncut; a system sentence as is."""
        from .excerpts import excerpt

        return excerpt(self.kind, self.text, limit=None)

# --- staff notices outside the workspace (Bale, SMS, e-mail): issue 15 item 3 -------------------

class NoticeConfig(models.Model):
    """A council's notification bot (Bale) and SMS gateway (Kavenegar), set in the back office.
    The secrets are encrypted at rest (hamafza.core.secrets, as channel tokens are); the Bale bot's
    updates are read by polling `getUpdates`, whose offset is kept here."""

    council = models.OneToOneField("agencies.Council", on_delete=models.CASCADE, related_name="notice_config",
                                   verbose_name=_("شورا"))
    bale_username = models.CharField(_("نام کاربری ربات بله"), max_length=64, blank=True,
                                     help_text=_("بدون @، مانند hamafza_bot"))
    bale_token_encrypted = models.TextField(blank=True, editable=False)
    bale_token_hint = models.CharField(max_length=40, blank=True, editable=False)
    bale_offset = models.BigIntegerField(default=0, editable=False)
    bale_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    bale_poll_error = models.CharField(max_length=300, blank=True, editable=False)
    sms_api_key_encrypted = models.TextField(blank=True, editable=False)
    sms_api_key_hint = models.CharField(max_length=40, blank=True, editable=False)
    sms_sender = models.CharField(_("شمارهٔ فرستندهٔ پیامک"), max_length=20, blank=True)
    enabled = models.BooleanField(_("فعال"), default=True)

    class Meta:
        verbose_name = _("ربات و پیامک اعلان‌ها")
        verbose_name_plural = _("ربات و پیامک اعلان‌ها")

    def __str__(self) -> str:
        return str(self.council)

    def set_bale_token(self, token: str) -> None:
        token = (token or "").strip()
        self.bale_token_encrypted, self.bale_token_hint = secrets.encrypt(BALE_PURPOSE, token), secrets.mask(token)

    def get_bale_token(self) -> str:
        return secrets.decrypt(BALE_PURPOSE, self.bale_token_encrypted)

    def set_sms_api_key(self, key: str) -> None:
        key = (key or "").strip()
        self.sms_api_key_encrypted, self.sms_api_key_hint = secrets.encrypt(SMS_PURPOSE, key), secrets.mask(key)

    def get_sms_api_key(self) -> str:
        return secrets.decrypt(SMS_PURPOSE, self.sms_api_key_encrypted)


class NoticeProfile(models.Model):
    """One person's ways of being reached: the Bale chat they linked, the SMS number they
    verified, what goes where per kind of notice, quiet hours and the daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_profile")
    # The council whose host the links in notices point to (where the person saved their settings).
    council = models.ForeignKey("agencies.Council", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    choices = models.JSONField(default=dict, blank=True)  # {group: ["email", "bale", "sms"]}
    quiet_from = models.TimeField(_("آغاز ساعت‌های بی‌صدا"), null=True, blank=True)
    quiet_to = models.TimeField(_("پایان ساعت‌های بی‌صدا"), null=True, blank=True)
    digest = models.BooleanField(_("خلاصهٔ روزانه"), default=False)
    bale_chat_id = models.CharField(max_length=40, blank=True)
    bale_council = models.ForeignKey("agencies.Council", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bale_linked_at = models.DateTimeField(null=True, blank=True)
    bale_problem = models.CharField(max_length=300, blank=True)
    sms_number = models.CharField(_("شمارهٔ همراه"), max_length=11, blank=True)
    sms_verified_at = models.DateTimeField(null=True, blank=True)
    sms_problem = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("تنظیمات اعلان فرد")
        verbose_name_plural = _("تنظیمات اعلان افراد")

    @property
    def bale_ready(self) -> bool:
        return bool(self.bale_chat_id) and not self.bale_problem

    @property
    def sms_ready(self) -> bool:
        return bool(self.sms_number and self.sms_verified_at) and not self.sms_problem


class NoticeCode(models.Model):
    """A one-time code: the Bale deep link's start parameter, or the code sent by SMS to verify a
    number. Only its HMAC is stored; it expires, and it works once."""

    class Purpose(models.TextChoices):
        BALE = "bale", _("پیوند بله")
        SMS = "sms", _("تأیید شمارهٔ همراه")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=4, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    target = models.CharField(max_length=20, blank=True)  # the number being verified
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["user", "purpose", "used_at"], name="noticecode_open")]


class NoticeSend(models.Model):
    """The outbox of notices leaving the workspace: one row per notice and way (e-mail, Bale,
    SMS), or one row per notice waiting for the person's daily digest. A worker claims a row with
    a conditional UPDATE (pending → sending) before it talks to the gateway, so two workers never
    send the same row; a row whose worker died stays `sending` and is never sent blind again."""

    class Via(models.TextChoices):
        EMAIL = "email", _("رایانامه")
        BALE = "bale", _("بله")
        SMS = "sms", _("پیامک")

    class State(models.TextChoices):
        PENDING = "pending", _("در نوبت")
        SENDING = "sending", _("در حال ارسال")
        SENT = "sent", _("فرستاده شد")
        FAILED = "failed", _("ناموفق")
        SKIPPED = "skipped", _("فرستاده نشد")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="sends")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    via = models.CharField(max_length=5, choices=Via.choices)
    digest = models.BooleanField(default=False)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notification", "via"], name="noticesend_once")]
        indexes = [models.Index(fields=["state", "due_at"], name="noticesend_due")]
