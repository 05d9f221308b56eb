from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """A joint campaign of a council (Transportation Week, Arbaeen, Nowruz travel, …)."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(_("عنوان"), max_length=200)
    slug = models.SlugField(_("نامک"), max_length=120, allow_unicode=True)
    description = models.TextField(_("شرح"), blank=True)
    hashtags = models.CharField(_("هشتگ‌ها"), max_length=500, blank=True, help_text=_("با فاصله جدا کنید"))
    key_messages = models.TextField(_("پیام‌های کلیدی"), blank=True, help_text=_("هر پیام در یک سطر"))
    start_date = models.DateField(_("آغاز"))
    end_date = models.DateField(_("پایان"))
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("دستگاه‌های درگیر"), blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "slug"], name="unique_campaign_slug"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="campaign_end_after_start"),
        ]
        verbose_name = _("پویش")
        verbose_name_plural = _("پویش‌ها")

    def __str__(self) -> str:
        return self.title

    @property
    def hashtag_list(self) -> list[str]:
        return [f"#{tag.lstrip('#')}" for tag in self.hashtags.split() if tag.strip("#")]

    @property
    def message_list(self) -> list[str]:
        return [line.strip() for line in self.key_messages.splitlines() if line.strip()]


class ContentKitFile(models.Model):
    """A logo, banner or template offered to every agency for the campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="kit_files")
    title = models.CharField(_("عنوان"), max_length=200)
    file = models.FileField(_("پرونده"), upload_to="council/kits/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("پرونده بسته محتوایی")
        verbose_name_plural = _("بسته محتوایی")


class ProgramProposal(models.Model):
    """A program an agency proposes for a campaign; the secretariat decides."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("پیشنهادشده")
        APPROVED = "approved", _("تأییدشده")
        CHANGES_REQUESTED = "changes_requested", _("نیازمند اصلاح")
        DECLINED = "declined", _("ردشده")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("عنوان برنامه"), max_length=250)
    date = models.DateField(_("تاریخ"))
    start_time = models.TimeField(_("ساعت"), null=True, blank=True)
    place = models.CharField(_("مکان"), max_length=200, blank=True)
    description = models.TextField(_("شرح"), blank=True)
    coverage_needed = models.TextField(_("پوشش و کمک مورد نیاز"), blank=True)
    status = models.CharField(_("وضعیت"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    review_note = models.TextField(_("یادداشت دبیرخانه"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["campaign", "status", "date"], name="proposal_campaign_status")]
        verbose_name = _("برنامه پیشنهادی")
        verbose_name_plural = _("برنامه‌های پیشنهادی")

    def __str__(self) -> str:
        return self.title


class CampaignItem(models.Model):
    """A news item tagged to a campaign (the newsroom's own model stays untouched)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="item_links")
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "item"], name="unique_campaign_item")]
        verbose_name = _("خبر پویش")
        verbose_name_plural = _("اخبار پویش")
