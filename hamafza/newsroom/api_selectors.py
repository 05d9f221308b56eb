"""Public reads for the API: the news list under any combination of filters, and the bits of
an item that selectors.py does not read.

`council_news` drives its query from the narrowest listing table given (a tag, then an agency,
then a sector, else the council's placements). Each of those tables has a (key, published_at)
index that serves both the filter and the newest-first order, so a page is one index range;
the other filters, and the council, are joins on item_id through unique (item, …) indexes.
"""

import datetime as dt

from django.db.models import Model

from .models import ItemAgency, ItemSector, ItemTag, NewsItem, Placement, Tag
from .selectors import _items_via

# (listing table, its key column, the same filter as a join from another listing table)
_LISTINGS: tuple[tuple[type[Model], str, str], ...] = (
    (ItemTag, "tag_id", "item__item_tags__tag_id"),
    (ItemAgency, "agency_id", "item__item_agencies__agency_id"),
    (ItemSector, "sector_id", "item__item_sectors__sector_id"),
)


def council_news(
    council_id: int,
    *,
    agency_id: int | None = None,
    sector_id: int | None = None,
    tag_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    offset: int = 0,
    limit: int = 20,
) -> list[NewsItem]:
    """Published items on the council's portal, newest first, published in [start, end)."""
    wanted = {"tag_id": tag_id, "agency_id": agency_id, "sector_id": sector_id}
    driver = next((listing for listing in _LISTINGS if wanted[listing[1]] is not None), None)
    if driver is None:
        qs = Placement.objects.filter(council_id=council_id)
    else:
        model, key, _ = driver
        qs = model.objects.filter(
            **{key: wanted[key]}, published_at__isnull=False, item__placements__council_id=council_id
        )
        for other_model, other_key, join in _LISTINGS:
            if other_model is not model and wanted[other_key] is not None:
                qs = qs.filter(**{join: wanted[other_key]})
    if start is not None:
        qs = qs.filter(published_at__gte=start)
    if end is not None:
        qs = qs.filter(published_at__lt=end)
    return _items_via(qs, offset, limit)


def tag_by_slug(slug: str) -> Tag | None:
    if "\x00" in slug:  # PostgreSQL rejects NUL in a string; no slug contains one
        return None
    return Tag.objects.filter(slug=slug).first()


def item_sector_ids(item_id: int) -> list[int]:
    return list(ItemSector.objects.filter(item_id=item_id).order_by("sector_id").values_list("sector_id", flat=True))
