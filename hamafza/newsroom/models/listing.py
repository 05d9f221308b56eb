"""Where a published item is listed.

Each public listing (a council's portal, an agency, a sector, a tag) reads one index range in
publication order. The through tables therefore carry a copy of the item's `published_at`,
which is NULL while the item is not public; `newsroom.listing.sync_listing` keeps the copies
right and is called by every action that changes an item's status or its agencies, sectors or
tags. A listing never sorts thousands of rows per request (see shared/notes/performance.md): the
index ends with the item, so that the listings' order (newest first, then the item) is the
index's own and the home page's ids are read from the index alone (bench/README.md, issue 17).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemAgency(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("دستگاه اصلی")
        SUPPORTING = "supporting", _("دستگاه همکار")
        # Republished by another agency at the lead agency's request (hamafza.cooperation): the
        # item also lists on that agency's portal page, «به نقل از» the lead agency.
        REPUBLISHED = "republished", _("بازنشر")

    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="item_agencies")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="item_links")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.SUPPORTING)
    order = models.PositiveSmallIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    # A supporting agency sees the item before publication only once it has accepted the
    # invitation (hamafza.policy); it may edit only when the lead agency grants it.
    accepted_at = models.DateTimeField(_("پذیرش همکاری"), null=True, blank=True)
    can_edit = models.BooleanField(_("اجازه ویرایش"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "agency"], name="unique_item_agency")]
        indexes = [models.Index(fields=["agency", "published_at", "item"], name="itemagency_listing")]
        ordering = ["order", "id"]


class ItemSector(models.Model):
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="item_sectors")
    sector = models.ForeignKey("agencies.Sector", on_delete=models.PROTECT, related_name="item_links")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "sector"], name="unique_item_sector")]
        indexes = [models.Index(fields=["sector", "published_at", "item"], name="itemsector_listing")]


class ItemTag(models.Model):
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="item_tags")
    tag = models.ForeignKey("newsroom.Tag", on_delete=models.CASCADE, related_name="item_links")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "tag"], name="unique_item_tag")]
        indexes = [models.Index(fields=["tag", "published_at", "item"], name="itemtag_listing")]


class Placement(models.Model):
    """A published item on a council's portal: one row per (council, item)."""

    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="placements")
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="placements")
    published_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "item"], name="unique_council_item")]
        indexes = [models.Index(fields=["council", "published_at", "item"], name="placement_listing")]
