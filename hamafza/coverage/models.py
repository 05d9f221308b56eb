"""Coverage monitoring (بازتاب خبری): the outlets' feeds (press.Outlet holds their addresses; the
fetch state lives here), the entries read from them, the coverage records that tie an entry to
one of the council's news items, and the keyword alerts over the entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedState(models.Model):
    """How the fetcher reads one outlet: validators of the last answer, the next due time, the
    back-off after errors, and the last error (shown on the feed page)."""

    outlet = models.OneToOneField("press.Outlet", on_delete=models.CASCADE, primary_key=True, related_name="feed_state",
                                  verbose_name=_("رسانه"))
    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("شورا"))
    active = models.BooleanField(_("پایش فعال"), default=True)
    interval = models.PositiveIntegerField(_("فاصلهٔ خواندن (ثانیه)"), default=900)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_fetch_at = models.DateTimeField(_("خواندن بعدی"), null=True, blank=True, db_index=True)
    last_fetched_at = models.DateTimeField(_("آخرین خواندن"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("آخرین پاسخ HTTP"), null=True, blank=True)
    last_error = models.CharField(_("آخرین خطا"), max_length=300, blank=True)
    failures = models.PositiveSmallIntegerField(_("خطاهای پیاپی"), default=0)
    entries_found = models.PositiveIntegerField(_("مطالب یافته"), default=0)

    class Meta:
        verbose_name = _("خوراک پایش")
        verbose_name_plural = _("خوراک‌های پایش")

    def __str__(self) -> str:
        return f"feed of outlet {self.outlet_id}"


class MonitoredEntry(models.Model):
    """One article read from an outlet (its feed, its sitemap or its page). `text` is the folded
    exact token stream of hamafza.persian.searchtext (the search index's processing)."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("شورا"))
    outlet = models.ForeignKey("press.Outlet", on_delete=models.CASCADE, related_name="monitored_entries",
                               verbose_name=_("رسانه"))
    url = models.URLField(_("نشانی"), max_length=500)
    title = models.CharField(_("عنوان"), max_length=300, blank=True)
    excerpt = models.CharField(_("چکیده"), max_length=400, blank=True)
    published = models.DateTimeField(_("انتشار در رسانه"), null=True, blank=True)
    text = models.TextField(blank=True)
    links = models.TextField(blank=True)  # the links of the entry, one a line (a link to our portal)
    fetched_at = models.DateTimeField(_("خوانده‌شده در"), db_index=True)
    matched_at = models.DateTimeField(_("سنجیده‌شده در"), null=True, blank=True)

    class Meta:
        ordering = ["-fetched_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["council", "url"], name="coverage_entry_unique_url")]
        verbose_name = _("مطلب پایش‌شده")
        verbose_name_plural = _("مطالب پایش‌شده")

    def __str__(self) -> str:
        return self.title or self.url


class Coverage(models.Model):
    """An outlet carried one of our items: confirmed by the matcher (above the threshold, or a
    link to our portal) or by a person; a borderline match waits as `pending`."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("تأییدشده")
        PENDING = "pending", _("در انتظار بررسی")
        REJECTED = "rejected", _("ردشده")

    class Via(models.TextChoices):
        TEXT = "text", _("شباهت متن")
        LINK = "link", _("پیوند به درگاه")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("شورا"))
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="coverage",
                             verbose_name=_("خبر"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("دستگاه"))  # the item's lead
    outlet = models.ForeignKey("press.Outlet", on_delete=models.CASCADE, related_name="coverage",
                               verbose_name=_("رسانه"))
    entry = models.ForeignKey(MonitoredEntry, on_delete=models.CASCADE, related_name="coverage", verbose_name=_("مطلب"))
    url = models.URLField(_("نشانی"), max_length=500)
    published_at = models.DateTimeField(_("انتشار در رسانه"), null=True, blank=True)
    similarity = models.FloatField(_("شباهت"), default=0)
    kept = models.FloatField(_("سهم متن خبر"), default=0)  # share of our item's text found in the entry
    via = models.CharField(_("راه یافتن"), max_length=8, choices=Via.choices, default=Via.TEXT)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.CONFIRMED,
                              db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("داور"))
    decided_at = models.DateTimeField(_("داوری در"), null=True, blank=True)
    created_at = models.DateTimeField(_("ثبت‌شده در"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["item", "entry"], name="coverage_unique_item_entry")]
        indexes = [models.Index(fields=["council", "status", "published_at"], name="coverage_council_status")]
        verbose_name = _("بازتاب")
        verbose_name_plural = _("بازتاب‌ها")

    def __str__(self) -> str:
        return f"coverage of item {self.item_id} by outlet {self.outlet_id}"

    @property
    def delay(self):
        """Time from our publication to the outlet's (None when either is unknown)."""
        if self.published_at is None or self.item.published_at is None:
            return None
        return self.published_at - self.item.published_at


class KeywordAlert(models.Model):
    """A saved search over the monitored entries of a council: new matches notify its owner."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("شورا"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("دستگاه"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("سازنده"))
    query = models.CharField(_("عبارت"), max_length=100)
    last_entry_id = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(_("ساخته‌شده در"), auto_now_add=True)

    class Meta:
        ordering = ["query", "id"]
        verbose_name = _("هشدار کلیدواژه")
        verbose_name_plural = _("هشدارهای کلیدواژه")

    def __str__(self) -> str:
        return self.query
