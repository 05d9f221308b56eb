"""The directory of shareable resources (people with skills, equipment, studios) and their
bookings. A resource is never deleted while it has bookings: it is retired (`retired_at`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .help import Need


class Resource(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("نیروی انسانی")
        EQUIPMENT = "equipment", _("تجهیزات")
        STUDIO = "studio", _("استودیو و فضا")

    agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه"), on_delete=models.CASCADE,
                               related_name="shared_resources")
    kind = models.CharField(_("گونه"), max_length=10, choices=Kind.choices)
    capability = models.CharField(_("کاربرد"), max_length=14, choices=Need.choices)
    name = models.CharField(_("نام"), max_length=200)
    skills = models.CharField(_("مهارت‌ها و مشخصات"), max_length=300, blank=True)
    description = models.TextField(_("توضیح"), blank=True, max_length=2000)
    # Weekdays it can be booked, Saturday = 0 … Friday = 6, and the daily hours.
    weekdays = models.JSONField(_("روزهای در دسترس"), default=list, blank=True)
    day_start = models.TimeField(_("از ساعت"), null=True, blank=True)
    day_end = models.TimeField(_("تا ساعت"), null=True, blank=True)
    contact = models.CharField(_("هماهنگی با"), max_length=200, blank=True)
    retired_at = models.DateTimeField(_("کنار گذاشته در"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency_id", "kind", "name"]
        indexes = [models.Index(fields=["capability", "retired_at"], name="resource_capability")]
        verbose_name = _("منبع اشتراکی")
        verbose_name_plural = _("منابع اشتراکی")

    def __str__(self) -> str:
        return self.name


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("قطعی")
        CANCELLED = "cancelled", _("لغوشده")

    resource = models.ForeignKey(Resource, verbose_name=_("منبع"), on_delete=models.PROTECT, related_name="bookings")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("دستگاه استفاده‌کننده"), on_delete=models.CASCADE,
                               related_name="+")
    help_request = models.ForeignKey("cooperation.HelpRequest", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="bookings")
    starts_at = models.DateTimeField(_("از"))
    ends_at = models.DateTimeField(_("تا"))
    purpose = models.CharField(_("برای"), max_length=300)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["resource", "status", "starts_at"], name="booking_resource_time")]
        verbose_name = _("رزرو")
        verbose_name_plural = _("رزروها")
