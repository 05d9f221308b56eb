"""The press list of an agency: outlets (this module) and journalists. An outlet belongs to the
agency that keeps it, inside one council; `shared` lets the council's other agencies use it.
Coverage monitoring reads the outlets' feeds (hamafza.coverage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outlet(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", _("خبرگزاری")
        NEWSPAPER = "newspaper", _("روزنامه")
        SITE = "site", _("پایگاه خبری")
        BROADCAST = "broadcast", _("صداوسیما")
        CHANNEL = "channel", _("کانال محلی")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="outlets",
                                verbose_name=_("شورا"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="outlets",
                               verbose_name=_("دستگاه نگه‌دارنده"))
    name = models.CharField(_("نام رسانه"), max_length=150)
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.SITE)
    province = models.CharField(_("استان"), max_length=60, blank=True)
    site_url = models.URLField(_("نشانی وب‌گاه"), max_length=300, blank=True)
    feed_url = models.URLField(_("نشانی خوراک RSS/Atom"), max_length=300, blank=True)
    sitemap_url = models.URLField(_("نشانی نقشهٔ سایت"), max_length=300, blank=True)
    shared = models.BooleanField(_("در دسترس دستگاه‌های شورا"), default=False)
    created_at = models.DateTimeField(_("ساخته‌شده در"), auto_now_add=True)
    updated_at = models.DateTimeField(_("به‌روزشده در"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("رسانه")
        verbose_name_plural = _("رسانه‌ها")
        constraints = [
            models.UniqueConstraint(fields=["agency", "council", "name"], name="press_outlet_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Journalist(models.Model):
    """A journalist's contact, kept by one agency of a council. Personal data: seen only by the
    owning agency and the agencies it shares the contact (or a list holding it) with."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="journalists")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="journalists")
    name = models.CharField(_("نام"), max_length=120)
    outlet = models.ForeignKey(Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="journalists",
                               verbose_name=_("رسانه"))
    beat = models.CharField(_("حوزهٔ کاری"), max_length=120, blank=True)
    email = models.EmailField(_("رایانامه"), max_length=200, blank=True)
    mobile = models.CharField(_("تلفن همراه"), max_length=20, blank=True)
    bale_id = models.CharField(_("شناسهٔ بله"), max_length=64, blank=True)
    eitaa_id = models.CharField(_("شناسهٔ ایتا"), max_length=64, blank=True)
    consent = models.BooleanField(_("رضایت دریافت"), default=False)
    consent_date = models.DateField(_("تاریخ رضایت"), null=True, blank=True)
    source = models.CharField(_("منبع نشانی"), max_length=200, blank=True)
    shared_with = models.ManyToManyField("agencies.Agency", blank=True, related_name="+",
                                         verbose_name=_("هم‌رسانی با دستگاه‌ها"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("خبرنگار")
        verbose_name_plural = _("خبرنگاران")
        indexes = [models.Index(fields=["agency", "council", "name"], name="press_journalist_owner")]

    def __str__(self) -> str:
        return self.name


class PressList(models.Model):
    """A named group of journalists (e.g. «خبرنگاران حوزهٔ راه»), shareable with chosen agencies."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="press_lists")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="press_lists")
    name = models.CharField(_("نام فهرست"), max_length=120)
    journalists = models.ManyToManyField(Journalist, blank=True, related_name="lists", verbose_name=_("خبرنگاران"))
    shared_with = models.ManyToManyField("agencies.Agency", blank=True, related_name="+",
                                         verbose_name=_("هم‌رسانی با دستگاه‌ها"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("فهرست خبرنگاران")
        verbose_name_plural = _("فهرست‌های خبرنگاران")
        constraints = [models.UniqueConstraint(fields=["agency", "council", "name"], name="press_list_unique_name")]

    def __str__(self) -> str:
        return self.name


class Release(models.Model):
    """A press release of a news item, or an invitation to a press event of the council's
    calendar, sent to chosen lists (one e-mail per journalist)."""

    class Kind(models.TextChoices):
        RELEASE = "release", _("خبرنامهٔ مطبوعاتی")
        INVITATION = "invitation", _("دعوت‌نامه")

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="press_releases",
                                verbose_name=_("شورا"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="press_releases",
                               verbose_name=_("دستگاه فرستنده"))
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.RELEASE)
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="press_releases", verbose_name=_("خبر"))
    subject = models.CharField(_("موضوع"), max_length=250)
    note = models.TextField(_("یادداشت برای خبرنگاران"), max_length=2000, blank=True)
    embargo_at = models.DateTimeField(_("منتشر نشود پیش از"), null=True, blank=True)
    # An invitation: the calendar event it came from, as it was when sent.
    event_uid = models.CharField(max_length=80, blank=True)
    event_start = models.DateTimeField(_("آغاز رویداد"), null=True, blank=True)
    event_minutes = models.PositiveIntegerField(default=60)
    event_all_day = models.BooleanField(default=False)
    event_place = models.CharField(_("مکان رویداد"), max_length=200, blank=True)
    lists = models.ManyToManyField(PressList, blank=True, related_name="releases")
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+",
                                   verbose_name=_("فرستنده"))
    created_at = models.DateTimeField(_("فرستاده‌شده در"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("خبرنامهٔ مطبوعاتی")
        verbose_name_plural = _("خبرنامه‌های مطبوعاتی")

    def __str__(self) -> str:
        return self.subject


class Recipient(models.Model):
    """One journalist of a release: their e-mail's fate and their private preview link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در صف")
        SENT = "sent", _("فرستاده شد")
        FAILED = "failed", _("ناموفق")
        SKIPPED = "skipped", _("بدون رایانامه")
        ERASED = "erased", _("پاک‌شده به درخواست")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="recipients")
    journalist = models.ForeignKey(Journalist, on_delete=models.SET_NULL, null=True, related_name="receipts")
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    nonce = models.CharField(max_length=32, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["release", "journalist"], name="press_recipient_once")]

    def __str__(self) -> str:
        return self.name
