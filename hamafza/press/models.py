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

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="outlets")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="outlets")
    name = models.CharField(_("نام رسانه"), max_length=150)
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.SITE)
    province = models.CharField(_("استان"), max_length=60, blank=True)
    site_url = models.URLField(_("نشانی وب‌گاه"), max_length=300, blank=True)
    feed_url = models.URLField(_("نشانی خوراک RSS/Atom"), max_length=300, blank=True)
    sitemap_url = models.URLField(_("نشانی نقشهٔ سایت"), max_length=300, blank=True)
    shared = models.BooleanField(_("در دسترس دستگاه‌های شورا"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("رسانه")
        verbose_name_plural = _("رسانه‌ها")
        constraints = [
            models.UniqueConstraint(fields=["agency", "council", "name"], name="press_outlet_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
