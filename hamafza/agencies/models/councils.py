from django.db import models
from django.utils.translation import gettext_lazy as _

from ..messengers import default_platforms


class Council(models.Model):
    """The tenant: a coordination council with its member agencies and its own public portal."""

    name = models.CharField(_("نام"), max_length=200)
    short_name = models.CharField(_("نام کوتاه"), max_length=80)
    slug = models.SlugField(_("نامک"), max_length=120, unique=True, allow_unicode=True)
    region = models.CharField(_("حوزه"), max_length=120, help_text=_("استان، وزارتخانه یا کل کشور"))
    head_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("دستگاه رئیس شورا"), on_delete=models.PROTECT,
        related_name="headed_councils",
    )
    hostname = models.CharField(
        _("نام میزبان درگاه"), max_length=253, unique=True, null=True, blank=True,
        help_text=_("مثلاً news.example.ir؛ نخستین شورا به میزبان‌های بی‌صاحب هم پاسخ می‌دهد."),
    )
    portal_title = models.CharField(_("عنوان درگاه"), max_length=200)
    portal_tagline = models.CharField(_("شعار درگاه"), max_length=300, blank=True)
    color = models.CharField(_("رنگ"), max_length=7, default="#0f766e")
    video_max_mb = models.PositiveIntegerField(
        _("حداکثر حجم ویدیو (مگابایت)"), default=200,
        help_text=_("سقف حجم ویدیویی که دستگاه‌های این شورا روی خبر بارگذاری می‌کنند."),
    )
    video_max_minutes = models.PositiveSmallIntegerField(
        _("حداکثر مدت ویدیو (دقیقه)"), default=10,
    )
    agencies = models.ManyToManyField(
        "agencies.Agency", through="CouncilMembership", related_name="councils", verbose_name=_("دستگاه‌ها"),
    )
    # The platforms this council's agencies may publish and share on (agencies/messengers.py):
    # the domestic ones by default; a foreign one only with a note of why (platforms_note).
    platforms = models.JSONField(_("سکوهای مجاز"), default=default_platforms, blank=True)
    platforms_note = models.TextField(_("دلیل مجاز کردن سکوهای خارجی"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("شورا")
        verbose_name_plural = _("شوراها")

    def __str__(self) -> str:
        return self.name


class CouncilMembership(models.Model):
    """An agency's seat on a council: a member (its news shows on the portal) or an observer."""

    class Role(models.TextChoices):
        MEMBER = "member", _("عضو")
        OBSERVER = "observer", _("ناظر")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="council_memberships")
    role = models.CharField(_("نقش"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "agency"], name="unique_council_agency")]
        verbose_name = _("عضویت در شورا")
        verbose_name_plural = _("عضویت‌ها در شورا")

    def __str__(self) -> str:
        return f"{self.council.short_name} · {self.agency.short_name}"
