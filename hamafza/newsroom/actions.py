"""Writes to news items. Views, the API, commands and tasks all change items through these."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from hamafza.agencies.models import Agency, Sector
from hamafza.persian.slugs import slugify_fa

from .listing import sync_listing
from .signals import item_changed, item_published, item_unpublished
from .models import ItemAgency, ItemSector, ItemTag, NewsItem, Tag
from .sanitize import clean_html


def get_or_create_tags(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        tag, _ = Tag.objects.get_or_create(name=name, defaults={"slug": slugify_fa(name)})
        tags.append(tag)
    return tags


@transaction.atomic
def set_item_agencies(item: NewsItem, lead: Agency, supporting: Sequence[Agency] = ()) -> None:
    """The lead agency first, then the supporting agencies in the order given."""
    item.lead_agency = lead
    NewsItem.objects.filter(pk=item.pk).update(lead_agency=lead)
    wanted = [lead.pk] + [a.pk for a in supporting if a.pk != lead.pk]
    ItemAgency.objects.filter(item=item).exclude(agency_id__in=wanted).delete()
    existing = {link.agency_id: link for link in ItemAgency.objects.filter(item=item)}
    for order, agency_id in enumerate(wanted):
        role = ItemAgency.Role.LEAD if order == 0 else ItemAgency.Role.SUPPORTING
        link = existing.get(agency_id)
        if link is None:
            ItemAgency.objects.create(item=item, agency_id=agency_id, role=role, order=order)
        elif (link.role, link.order) != (role, order):
            ItemAgency.objects.filter(pk=link.pk).update(role=role, order=order)
    sync_listing(item)


@transaction.atomic
def set_item_sectors(item: NewsItem, sectors: Iterable[Sector]) -> None:
    wanted = {s.pk for s in sectors}
    ItemSector.objects.filter(item=item).exclude(sector_id__in=wanted).delete()
    have = set(ItemSector.objects.filter(item=item).values_list("sector_id", flat=True))
    ItemSector.objects.bulk_create([ItemSector(item=item, sector_id=s) for s in wanted - have])
    sync_listing(item)


@transaction.atomic
def set_item_tags(item: NewsItem, tags: Iterable[Tag]) -> None:
    wanted = {t.pk for t in tags}
    ItemTag.objects.filter(item=item).exclude(tag_id__in=wanted).delete()
    have = set(ItemTag.objects.filter(item=item).values_list("tag_id", flat=True))
    ItemTag.objects.bulk_create([ItemTag(item=item, tag_id=t) for t in wanted - have])
    sync_listing(item)


@transaction.atomic
def create_item(
    *,
    lead_agency: Agency,
    title: str,
    kicker: str = "",
    lead: str = "",
    body: str = "",
    supporting: Sequence[Agency] = (),
    sectors: Iterable[Sector] = (),
    tags: Iterable[str] = (),
    city: str = "",
    main_image=None,
    created_by=None,
) -> NewsItem:
    """A new draft of the lead agency."""
    item = NewsItem.objects.create(
        lead_agency=lead_agency,
        title=title.strip(),
        slug=slugify_fa(title) or "خبر",
        kicker=kicker.strip(),
        lead=lead.strip(),
        body=clean_html(body),
        city=city.strip(),
        main_image=main_image,
        created_by=created_by,
    )
    set_item_agencies(item, lead_agency, supporting)
    set_item_sectors(item, sectors)
    set_item_tags(item, get_or_create_tags(tags))
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item


@transaction.atomic
def do_publish_item(item: NewsItem, at: dt.datetime | None = None) -> NewsItem:
    """Publish now (or at a past time, for imports). Listing rows and placements follow."""
    item.status = NewsItem.Status.PUBLISHED
    item.published_at = at or item.published_at or timezone.now()
    item.save(update_fields=["status", "published_at", "updated_at"])
    sync_listing(item)
    item_published.send(sender=NewsItem, item=item)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item


@transaction.atomic
def do_unpublish_item(item: NewsItem, reason: str = "") -> NewsItem:
    item.status = NewsItem.Status.UNPUBLISHED
    item.save(update_fields=["status", "updated_at"])
    sync_listing(item)
    item_unpublished.send(sender=NewsItem, item=item, reason=reason)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item


def do_publish_scheduled(item_id: int, now: dt.datetime | None = None) -> bool:
    """Publish a scheduled item whose time has come. Claims it with a conditional UPDATE, so a
    second worker or scheduler that gets the same item does nothing. Returns whether it published."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = NewsItem.objects.filter(
            pk=item_id, status=NewsItem.Status.SCHEDULED, published_at__lte=now
        ).update(status=NewsItem.Status.PUBLISHED, updated_at=now)
        if not claimed:
            return False
        item = NewsItem.objects.get(pk=item_id)
        sync_listing(item)
        item_published.send(sender=NewsItem, item=item)
    item_changed.send(sender=NewsItem, item_id=item_id)
    return True
