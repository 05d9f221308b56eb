"""Reach: how many readers an item had on a council's portal per day, and the channels' monthly
figures (as reporting indicators). No row holds an address, an agent or a cookie."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemDailyViews(models.Model):
    """Readers of one item on one council's portal on one (Tehran) day: each reader once a day
    (exact up to sketch.SPARSE_MAX readers, an estimate within a few per cent beyond). The lead
    agency is copied at count time so that an agency's reach is one index range."""

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("خبر"))
    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="+", verbose_name=_("شورا"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("دستگاه"))
    day = models.DateField(_("روز"))
    views = models.PositiveIntegerField(_("بازدید"), default=0)
    # Who has been counted, as a sketch (hamafza.reach.sketch: the day's salted marks while few,
    # HyperLogLog registers beyond): kept for today and yesterday only, then set to NULL.
    readers = models.BinaryField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "council", "day"], name="reach_item_council_day")]
        indexes = [
            models.Index(fields=["agency", "day"], name="reach_agency_day"),
            models.Index(fields=["council", "day"], name="reach_council_day"),
        ]
        verbose_name = _("بازدید روزانهٔ خبر")
        verbose_name_plural = _("بازدیدهای روزانهٔ خبرها")


class ChannelIndicator(models.Model):
    """The reporting indicator («بازدید کانال …») through which a head enters a channel's monthly
    views, for platforms whose bots cannot read view counts (docs/reach.md)."""

    channel = models.OneToOneField("distribution.Channel", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("مجرا"))
    indicator = models.OneToOneField("reporting.Indicator", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("شاخص"))

    class Meta:
        verbose_name = _("شاخص بازدید کانال")
        verbose_name_plural = _("شاخص‌های بازدید کانال")
