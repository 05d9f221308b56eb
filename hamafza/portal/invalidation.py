"""What makes the portal's stored pages stale (hamafza.core.pagecache), wired in PortalConfig.ready().

- An item changed (publish, scheduled publication, correction, withdrawal, unpublishing, any edit
  that reaches the listings): the councils it is placed on, and the councils its agencies sit on
  (a just-published item has no placement yet when the signal is sent elsewhere; an agency leaving
  an item takes its council's placement with it: post_delete of Placement).
- The registry's models (agencies, sectors, councils, memberships): every council (names, colours,
  the host → council map, the newsletter's scopes and an agency's page show everywhere).
- Tags, images, attachments, correction notes and social accounts: every council.
- Campaigns and their items: the campaign's council; performance figures: every council.
- The search index changed: the search pages (their own scope, so that a publication does not
  throw away every council's article pages twice).
Cooperation figures on an agency's page are themselves kept for ten minutes
(cooperation.reciprocity.public_summary); stored pages expire within PAGE_CACHE_SECONDS anyway.
Each bump happens after the transaction commits (pagecache.invalidate_*).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector, SocialAccount
from hamafza.core import pagecache
from hamafza.council.models import Campaign, CampaignItem
from hamafza.newsroom.models import Attachment, CorrectionNote, GalleryImage, Image, ItemAgency, Placement, Tag
from hamafza.newsroom.signals import item_changed
from hamafza.reporting.models import Achievement, Indicator, IndicatorValue, StoredChart

EVERY_COUNCIL = (
    Agency, Council, CouncilMembership, Sector, SocialAccount, Tag, Image, GalleryImage, Attachment,
    CorrectionNote, Indicator, IndicatorValue, Achievement, StoredChart,
)


def item_councils(item_id: int) -> set[int]:
    """The councils whose portal may show this item (now, or until this change)."""
    placed = set(Placement.objects.filter(item_id=item_id).values_list("council_id", flat=True))
    agencies = ItemAgency.objects.filter(item_id=item_id).values_list("agency_id", flat=True)
    member_of = CouncilMembership.objects.filter(
        agency_id__in=agencies, role=CouncilMembership.Role.MEMBER
    ).values_list("council_id", flat=True)
    return placed | set(member_of)


def _item_changed(sender, item_id: int, **kwargs) -> None:
    for council_id in item_councils(item_id):
        pagecache.invalidate_council(council_id)


def _placement_removed(sender, instance: Placement, **kwargs) -> None:
    pagecache.invalidate_council(instance.council_id)


def _every_council(sender, **kwargs) -> None:
    pagecache.invalidate_all()


def _campaign_changed(sender, instance, **kwargs) -> None:
    council_id = instance.council_id if isinstance(instance, Campaign) else getattr(instance.campaign, "council_id", None)
    if council_id is None:
        pagecache.invalidate_all()
    else:
        pagecache.invalidate_council(council_id)


def connect() -> None:
    item_changed.connect(_item_changed, dispatch_uid="pagecache-item")
    post_delete.connect(_placement_removed, sender=Placement, dispatch_uid="pagecache-placement")
    for model in EVERY_COUNCIL:
        post_save.connect(_every_council, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(_every_council, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    m2m_changed.connect(_every_council, sender=Agency.sectors.through, dispatch_uid="pagecache-agency-sectors")
    for model in (Campaign, CampaignItem):
        post_save.connect(_campaign_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(_campaign_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
