"""Keeps the listing copies of `published_at` and the council placements right.

Called by every action that changes an item's status, agencies, sectors or tags, and when an
agency joins or leaves a council.
"""

from django.db import transaction

from hamafza.agencies.models import CouncilMembership

from .models import ItemAgency, ItemSector, ItemTag, NewsItem, Placement


def sync_listing(item: NewsItem) -> None:
    """Bring the item's listing rows in line with its status and publication time."""
    public_at = item.published_at if item.is_public else None
    with transaction.atomic():
        for model in (ItemAgency, ItemSector, ItemTag):
            model.objects.filter(item=item).exclude(published_at=public_at).update(published_at=public_at)
        if public_at is None:
            Placement.objects.filter(item=item).delete()
            return
        agency_ids = ItemAgency.objects.filter(item=item).values_list("agency_id", flat=True)
        council_ids = set(
            CouncilMembership.objects.filter(
                agency_id__in=agency_ids, role=CouncilMembership.Role.MEMBER
            ).values_list("council_id", flat=True)
        )
        Placement.objects.filter(item=item).exclude(council_id__in=council_ids).delete()
        Placement.objects.filter(item=item, council_id__in=council_ids).exclude(
            published_at=public_at
        ).update(published_at=public_at)
        existing = set(Placement.objects.filter(item=item).values_list("council_id", flat=True))
        Placement.objects.bulk_create(
            [Placement(council_id=c, item=item, published_at=public_at) for c in council_ids - existing]
        )


def sync_council(council_id: int) -> None:
    """Rebuild a council's placements after its member agencies changed."""
    member_ids = CouncilMembership.objects.filter(
        council_id=council_id, role=CouncilMembership.Role.MEMBER
    ).values_list("agency_id", flat=True)
    wanted = dict(
        ItemAgency.objects.filter(agency_id__in=member_ids, published_at__isnull=False)
        .values_list("item_id", "published_at")
        .distinct()
    )
    with transaction.atomic():
        current = set(Placement.objects.filter(council_id=council_id).values_list("item_id", flat=True))
        Placement.objects.filter(council_id=council_id).exclude(item_id__in=list(wanted)).delete()
        Placement.objects.bulk_create(
            [Placement(council_id=council_id, item_id=i, published_at=wanted[i]) for i in wanted.keys() - current],
            batch_size=2000,
        )
