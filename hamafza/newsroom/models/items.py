from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsItem(models.Model):
    """A news item. It belongs to its lead agency and its supporting agencies, and shows on the
    portal of every council those agencies sit on (see listing.Placement)."""

    class Status(models.TextChoices):
        """The one vocabulary of an item's states: every badge, filter, notice and audit line that
        names a state shows these labels (states, not the buttons that lead to them)."""

        DRAFT = "draft", _("پیش‌نویس")
        SUBMITTED = "submitted", _("در انتظار تأیید")
        RETURNED = "returned", _("بازگشته برای اصلاح")
        SCHEDULED = "scheduled", _("زمان‌بندی‌شده")
        PUBLISHED = "published", _("منتشرشده")
        UNPUBLISHED = "unpublished", _("انتشار لغوشده")

    class Kind(models.TextChoices):
        """The item's type: provincial PR evaluations score photo and video reports separately."""
        NEWS = "news", _("خبر")
        PHOTO_REPORT = "photo_report", _("گزارش تصویری")
        VIDEO_REPORT = "video_report", _("گزارش ویدیویی")

    class UnpublishMode(models.TextChoices):
        WITHDRAWN = "withdrawn", _("برداشته‌شده با اطلاعیه")
        GONE = "gone", _("حذف‌شده (۴۱۰)")

    lead_agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("دستگاه اصلی"), on_delete=models.PROTECT, related_name="led_items",
    )
    agencies = models.ManyToManyField(
        "agencies.Agency", through="newsroom.ItemAgency", related_name="news_items", verbose_name=_("دستگاه‌ها"),
    )
    kicker = models.CharField(_("روتیتر"), max_length=200, blank=True)
    title = models.CharField(_("تیتر"), max_length=250)
    slug = models.SlugField(_("نامک"), max_length=120, allow_unicode=True)
    lead = models.TextField(_("لید"), max_length=1200, blank=True)
    body = models.TextField(_("متن"), blank=True, help_text=_("HTML پاک‌سازی‌شده"))
    main_image = models.ForeignKey(
        "newsroom.Image", verbose_name=_("تصویر اصلی"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    tags = models.ManyToManyField("newsroom.Tag", through="newsroom.ItemTag", related_name="items", blank=True)
    sectors = models.ManyToManyField(
        "agencies.Sector", through="newsroom.ItemSector", related_name="items", blank=True, verbose_name=_("بخش‌ها"),
    )
    city = models.CharField(_("شهر"), max_length=80, blank=True)
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    # An Aparat video shown as Aparat's embed: the hash of https://www.aparat.com/v/<hash>.
    aparat = models.CharField(_("ویدیوی آپارات"), max_length=32, blank=True)
    status = models.CharField(_("وضعیت"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    # The number of the item's latest Revision (0 before the first save). An editor sends the
    # number it loaded; a save whose number is stale is an edit conflict (newsroom.workflow).
    revision = models.PositiveIntegerField(_("شمارهٔ نسخه"), default=0)
    unpublish_reason = models.TextField(_("دلیل لغو انتشار"), blank=True)
    unpublish_mode = models.CharField(
        _("نحوهٔ لغو انتشار"), max_length=10, choices=UnpublishMode.choices, blank=True,
    )
    # A copy of the item's CorrectionNotes ([{"at": ISO time, "note": text}]) so that the public
    # page shows them without another query; newsroom.actions.do_correct keeps it.
    public_corrections = models.JSONField(_("اصلاحیه‌ها"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="item_status_published"),
            models.Index(fields=["lead_agency", "status"], name="item_agency_status"),
        ]
        verbose_name = _("خبر")
        verbose_name_plural = _("اخبار")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None

    @property
    def correction_notes(self) -> list[tuple]:
        """(time, note) pairs of the corrections shown on the public page, oldest first."""
        import datetime as dt

        return [(dt.datetime.fromisoformat(c["at"]), c["note"]) for c in self.public_corrections or []]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:article", kwargs={"item_id": self.pk, "slug": self.slug})
