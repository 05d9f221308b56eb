"""Performance reporting: indicators, their monthly values (Jalali months), achievements and
the consolidated-report jobs.

A value has a working figure (`value`, what staff typed) and a published figure
(`approved_value`, what the agency head approved). The public reads only `approved_value` of a
public indicator, so a correction typed after approval never shows until it is approved again,
and the figure it replaces is kept in IndicatorValueHistory.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("بیشتر بهتر است")
        LOWER = "lower", _("کمتر بهتر است")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("جمع ماه‌ها")
        AVERAGE = "average", _("میانگین ماه‌ها")
        LAST = "last", _("آخرین مقدار")

    class Unit(models.TextChoices):
        KM = "km", _("کیلومتر")
        TONNE = "tonne", _("تن")
        PASSENGER = "passenger", _("مسافر")
        FLIGHT = "flight", _("پرواز")
        TRAIN = "train", _("رام قطار")
        VESSEL = "vessel", _("فروند کشتی")
        HOUSING = "housing", _("واحد مسکونی")
        PERCENT = "percent", _("درصد")
        RIAL = "rial", _("میلیارد ریال")
        COUNT = "count", _("مورد")
        DAY = "day", _("روز")
        MM = "mm", _("میلی‌متر")
        HECTARE = "hectare", _("هکتار")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("دستگاه"))
    name = models.CharField(_("نام شاخص"), max_length=200)
    unit = models.CharField(_("واحد"), max_length=20, choices=Unit.choices)
    sector = models.ForeignKey(
        "agencies.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators", verbose_name=_("بخش")
    )
    direction = models.CharField(_("جهت مطلوب"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(_("جمع دوره"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM)
    yearly_target = models.DecimalField(_("هدف سالانه"), max_digits=20, decimal_places=2, null=True, blank=True)
    min_value = models.DecimalField(_("کمینهٔ مجاز"), max_digits=20, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("بیشینهٔ مجاز"), max_digits=20, decimal_places=2, null=True, blank=True)
    allow_negative = models.BooleanField(_("مقدار منفی مجاز است"), default=False)
    jump_factor = models.DecimalField(
        _("ضریب هشدار جهش"), max_digits=6, decimal_places=2, default=Decimal("3"),
        help_text=_("هشدار وقتی مقدار بیش از این ضریب با همان ماه سال قبل فرق داشته باشد."),
    )
    is_public = models.BooleanField(_("عمومی"), default=True)
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "order", "id"]
        verbose_name = _("شاخص")
        verbose_name_plural = _("شاخص‌ها")

    def __str__(self) -> str:
        return self.name

    @property
    def is_percent(self) -> bool:
        return self.unit == self.Unit.PERCENT


class IndicatorValue(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        SUBMITTED = "submitted", _("ارسال‌شده برای تأیید")
        APPROVED = "approved", _("تأییدشده")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("سال"))
    month = models.PositiveSmallIntegerField(_("ماه"))
    value = models.DecimalField(_("مقدار"), max_digits=20, decimal_places=4)
    note = models.CharField(_("یادداشت"), max_length=500, blank=True)
    state = models.CharField(_("وضعیت"), max_length=10, choices=State.choices, default=State.DRAFT)
    approved_value = models.DecimalField(_("مقدار تأییدشده"), max_digits=20, decimal_places=4, null=True, blank=True)
    approved_note = models.CharField(max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "month"], name="reporting_value_one_per_month")]
        indexes = [models.Index(fields=["indicator", "year", "month"], name="reporting_value_public", condition=models.Q(approved_value__isnull=False))]

    @property
    def period_index(self) -> int:
        return self.year * 12 + self.month - 1


class IndicatorValueHistory(models.Model):
    """An approved figure that a later approval replaced."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="history")
    old_value = models.DecimalField(max_digits=20, decimal_places=4)
    old_note = models.CharField(max_length=500, blank=True)
    old_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    old_approved_at = models.DateTimeField(null=True)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-id"]


class Achievement(models.Model):
    """A short narrative (دستاورد) of one agency, for a Jalali month, linked to its indicators and
    to its published news."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="achievements")
    title = models.CharField(_("عنوان"), max_length=200)
    body = models.TextField(_("شرح"), max_length=2000)
    year = models.PositiveSmallIntegerField(_("سال"))
    month = models.PositiveSmallIntegerField(_("ماه"))
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="achievements")
    news_items = models.ManyToManyField("newsroom.NewsItem", blank=True, related_name="achievements")
    is_public = models.BooleanField(_("عمومی"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-month", "-id"]
        indexes = [models.Index(fields=["agency", "year", "month"])]


class ReportJob(models.Model):
    """One consolidated-report PDF, generated in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("در صف")
        RUNNING = "running", _("در حال ساخت")
        DONE = "done", _("آماده")
        FAILED = "failed", _("ناموفق")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="report_jobs")
    start_year = models.PositiveSmallIntegerField()
    start_month = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    end_month = models.PositiveSmallIntegerField()
    first_day = models.DateField(null=True, blank=True)  # a campaign's days (the cooperation record)
    last_day = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="reports/", blank=True)
    error = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class StoredChart(models.Model):
    """A dashboard chart drawn once (pygal SVG) and kept: `slot` names the place on a page (an
    indicator's monthly chart for a year, a page's progress chart), `key` is a hash of the figures
    it was drawn from. A page shows the stored SVG while its key matches; approvals redraw."""

    slot = models.CharField(max_length=120, unique=True)
    key = models.CharField(max_length=40)
    css = models.TextField(blank=True)  # pygal's stylesheet, shared by the charts of a page
    svg = models.TextField()
    drawn_at = models.DateTimeField(auto_now=True)
