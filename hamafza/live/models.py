"""Live events with their short updates, and the status board of crossings, roads, airports,
stations and ports. Every change bumps its council's `LiveStamp` (selectors.stamp): a reader's
poll compares one number and learns whether anything changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LiveEvent(models.Model):
    """A campaign or an emergency covered live (رویداد زنده), opened by the secretariat or a head."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("پویش")
        EMERGENCY = "emergency", _("وضعیت اضطراری")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="live_events")
    title = models.CharField(_("عنوان"), max_length=200)
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.CAMPAIGN)
    starts_at = models.DateTimeField(_("آغاز"))
    ends_at = models.DateTimeField(_("پایان"))
    summary = models.TextField(_("خلاصهٔ سنجاق‌شده"), max_length=1500, blank=True)
    summary_at = models.DateTimeField(null=True, blank=True)
    agencies = models.ManyToManyField("agencies.Agency", related_name="live_events", verbose_name=_("دستگاه‌های همراه"))
    # Agencies whose staff publish their updates directly during the event (no head's approval).
    direct_agencies = models.ManyToManyField("agencies.Agency", related_name="+", blank=True)
    channels = models.ManyToManyField("distribution.Channel", related_name="live_events", blank=True,
                                      verbose_name=_("کانال‌ها"))
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("رویداد زنده")
        verbose_name_plural = _("رویدادهای زنده")

    def __str__(self) -> str:
        return self.title

    def is_running(self, now) -> bool:
        return self.starts_at <= now <= self.ends_at


class LiveUpdate(models.Model):
    class Kind(models.TextChoices):
        TRAFFIC = "traffic", _("ترافیک")
        BORDER = "border", _("مرز")
        WEATHER = "weather", _("آب‌وهوا")
        SERVICE = "service", _("خدمات")
        WARNING = "warning", _("هشدار")

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار تأیید")
        PUBLISHED = "published", _("منتشرشده")
        WITHDRAWN = "withdrawn", _("پس‌گرفته")

    event = models.ForeignKey(LiveEvent, on_delete=models.CASCADE, related_name="updates")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("نوع"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("متن"), max_length=600)
    place = models.CharField(_("مکان"), max_length=120, blank=True)
    image = models.ForeignKey("newsroom.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.PENDING)
    published_at = models.DateTimeField(null=True, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["event", "status", "published_at"], name="live_update_feed")]
        verbose_name = _("به‌روزرسانی زنده")
        verbose_name_plural = _("به‌روزرسانی‌های زنده")

    def __str__(self) -> str:
        return self.text[:60]


class BoardEntity(models.Model):
    """One thing on the status board whose current state an agency keeps up to date."""

    class Kind(models.TextChoices):
        CROSSING = "crossing", _("گذرگاه مرزی")
        ROAD = "road", _("محور جاده‌ای")
        AIRPORT = "airport", _("فرودگاه و پرواز")
        STATION = "station", _("ایستگاه و قطار")
        PORT = "port", _("بندر")

    class State(models.TextChoices):
        OPEN = "open", _("باز")
        BUSY = "busy", _("پرتردد")
        CONGESTED = "congested", _("شلوغ")
        DELAYED = "delayed", _("با تأخیر")
        CLOSED = "closed", _("بسته")
        UNKNOWN = "unknown", _("نامعلوم")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="board_entities")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("دستگاه مسئول"))
    kind = models.CharField(_("نوع"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("نام"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(_("وضعیت"), max_length=10, choices=State.choices, default=State.UNKNOWN)
    wait_minutes = models.PositiveIntegerField(_("زمان انتظار (دقیقه)"), null=True, blank=True)
    figure = models.CharField(_("عدد یا شرح کوتاه"), max_length=80, blank=True)
    note = models.CharField(_("یادداشت"), max_length=300, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    # A change is posted to this event's channels («وضعیت مرز شلمچه: باز، …»), if set.
    event = models.ForeignKey(LiveEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="entities",
                              verbose_name=_("رویداد زنده"))

    class Meta:
        ordering = ["kind", "order", "id"]
        verbose_name = _("مورد تابلوی وضعیت")
        verbose_name_plural = _("تابلوی وضعیت")

    def __str__(self) -> str:
        return self.name


class BoardChange(models.Model):
    """The history of an entity: one row per change of its state."""

    entity = models.ForeignKey(BoardEntity, on_delete=models.CASCADE, related_name="changes")
    state = models.CharField(max_length=10, choices=BoardEntity.State.choices)
    wait_minutes = models.PositiveIntegerField(null=True, blank=True)
    figure = models.CharField(max_length=80, blank=True)
    note = models.CharField(max_length=300, blank=True)
    changed_at = models.DateTimeField()
    by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.state}"


class LiveStamp(models.Model):
    """A council's change counter of live events and board: the ETag of its live pages."""

    council = models.OneToOneField("agencies.Council", on_delete=models.CASCADE, related_name="+", primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.council_id}:{self.value}"
