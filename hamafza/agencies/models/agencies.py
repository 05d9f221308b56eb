from django.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    """A public body in the organisation registry (a directorate, a company, a ministry HQ)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ستاد وزارتخانه")
        DIRECTORATE = "directorate", _("اداره کل")
        COMPANY = "company", _("شرکت")
        ORGANISATION = "organisation", _("سازمان")
        GOVERNORATE = "governorate", _("استانداری")
        OTHER = "other", _("سایر")

    class Status(models.TextChoices):
        ACTIVE = "active", _("فعال")
        CLOSED = "closed", _("منحل")
        MERGED = "merged", _("ادغام‌شده")

    name = models.CharField(_("نام"), max_length=200)
    short_name = models.CharField(_("نام کوتاه"), max_length=80)
    slug = models.SlugField(_("نامک"), max_length=120, unique=True, allow_unicode=True)
    kind = models.CharField(_("نوع"), max_length=20, choices=Kind.choices, default=Kind.DIRECTORATE)
    parent = models.ForeignKey(
        "self", verbose_name=_("دستگاه بالادست"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    sectors = models.ManyToManyField("agencies.Sector", verbose_name=_("بخش‌ها"), blank=True, related_name="agencies")
    logo = models.ImageField(_("نشان"), upload_to="agencies/logos/", blank=True)
    color = models.CharField(_("رنگ"), max_length=7, default="#0f766e")
    about = models.TextField(_("درباره"), blank=True)
    phone = models.CharField(_("تلفن"), max_length=50, blank=True)
    email = models.EmailField(_("رایانامه"), blank=True)
    address = models.CharField(_("نشانی"), max_length=300, blank=True)
    website = models.URLField(_("وبگاه"), blank=True)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("ادغام در"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="merged_from",
    )
    allow_self_approval = models.BooleanField(_("تأیید خبر توسط نویسنده مجاز است"), default=False)
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("دستگاه")
        verbose_name_plural = _("دستگاه‌ها")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class SocialAccount(models.Model):
    """An agency's public account on a platform (shown on its portal page)."""

    class Platform(models.TextChoices):
        TELEGRAM = "telegram", _("تلگرام")
        BALE = "bale", _("بله")
        EITAA = "eitaa", _("ایتا")
        RUBIKA = "rubika", _("روبیکا")
        INSTAGRAM = "instagram", _("اینستاگرام")
        X = "x", _("ایکس")
        APARAT = "aparat", _("آپارات")
        WEBSITE = "website", _("وبگاه")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="social_accounts")
    platform = models.CharField(_("سکو"), max_length=20, choices=Platform.choices)
    handle = models.CharField(_("شناسه"), max_length=100, blank=True)
    url = models.URLField(_("نشانی"))

    class Meta:
        ordering = ["agency", "platform"]
        verbose_name = _("حساب اجتماعی")
        verbose_name_plural = _("حساب‌های اجتماعی")

    def __str__(self) -> str:
        return f"{self.agency.short_name} · {self.get_platform_display()}"
