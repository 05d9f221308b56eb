"""Public reads of news: every listing is one index range in publication order.

The functions return NewsItem objects with `main_image` loaded; agency and sector names come
from the in-process registry (hamafza.agencies.registry), not from extra queries.
"""

import datetime as dt

from django.db import connection
from django.db.models import QuerySet

from .models import Attachment, GalleryImage, ItemAgency, ItemSector, ItemTag, NewsItem, Placement

LIST_FIELDS = (
    "id", "slug", "kicker", "title", "lead", "published_at", "lead_agency_id", "city", "status",
    "main_image__id", "main_image__file", "main_image__width", "main_image__height",
    "main_image__caption", "main_image__credit", "main_image__alt",
)


def _items_via(qs: QuerySet, offset: int, limit: int) -> list[NewsItem]:
    """Items through a listing table, newest first, `limit` of them from `offset`."""
    fields = [f"item__{f}" for f in LIST_FIELDS]
    rows = qs.select_related("item", "item__main_image").only(*fields).order_by("-published_at", "-item_id")
    return [row.item for row in rows[offset : offset + limit]]


def council_latest(council_id: int, offset: int = 0, limit: int = 20) -> list[NewsItem]:
    return _items_via(Placement.objects.filter(council_id=council_id), offset, limit)


def council_period(council_id: int, start: dt.datetime, end: dt.datetime, offset: int, limit: int) -> list[NewsItem]:
    qs = Placement.objects.filter(council_id=council_id, published_at__gte=start, published_at__lt=end)
    return _items_via(qs, offset, limit)


def agency_items(agency_id: int, offset: int = 0, limit: int = 20) -> list[NewsItem]:
    """Items the agency leads or supports."""
    return _items_via(ItemAgency.objects.filter(agency_id=agency_id, published_at__isnull=False), offset, limit)


def agency_led_items(
    agency_id: int, exclude_id: int | None = None, limit: int = 6, council_id: int | None = None
) -> list[NewsItem]:
    """Items the agency leads; with `council_id`, only those placed on that council (needed when
    the agency is not itself a member and its items show there through a supporting member)."""
    qs = ItemAgency.objects.filter(
        agency_id=agency_id, published_at__isnull=False, role=ItemAgency.Role.LEAD
    )
    if council_id is not None:
        qs = qs.filter(item__placements__council_id=council_id)
    if exclude_id is not None:
        qs = qs.exclude(item_id=exclude_id)
    return _items_via(qs, 0, limit)


def sector_items(council_id: int, sector_id: int, offset: int = 0, limit: int = 20) -> list[NewsItem]:
    qs = ItemSector.objects.filter(
        sector_id=sector_id, published_at__isnull=False, item__placements__council_id=council_id
    )
    return _items_via(qs, offset, limit)


def tag_items(council_id: int, tag_id: int, offset: int = 0, limit: int = 20) -> list[NewsItem]:
    qs = ItemTag.objects.filter(tag_id=tag_id, published_at__isnull=False, item__placements__council_id=council_id)
    return _items_via(qs, offset, limit)


def sector_rows(council_id: int, sector_ids: list[int], per_row: int = 4) -> dict[int, list[NewsItem]]:
    """The latest `per_row` items of each sector on a council's portal, in one query."""
    if not sector_ids:
        return {}
    item_table = NewsItem._meta.db_table
    image_table = NewsItem._meta.get_field("main_image").related_model._meta.db_table
    parts, params = [], []
    for sector_id in sector_ids:
        parts.append(
            f"SELECT * FROM (SELECT s.sector_id AS row_sector, s.item_id AS row_item FROM "
            f"{ItemSector._meta.db_table} s JOIN {Placement._meta.db_table} p "
            f"ON p.item_id = s.item_id AND p.council_id = %s "
            f"WHERE s.sector_id = %s AND s.published_at IS NOT NULL "
            f"ORDER BY s.published_at DESC, s.item_id DESC LIMIT %s) AS r{sector_id}"
        )
        params += [council_id, sector_id, per_row]
    picked = " UNION ALL ".join(parts)
    sql = (
        f"SELECT picked.row_sector, i.id, i.slug, i.kicker, i.title, i.lead, i.published_at, "
        f"i.lead_agency_id, i.city, i.status, img.id, img.file, img.width, img.height, img.caption, "
        f"img.credit, img.alt FROM ({picked}) AS picked "
        f"JOIN {item_table} i ON i.id = picked.row_item "
        f"LEFT JOIN {image_table} img ON img.id = i.main_image_id"
    )
    from .models import Image

    rows: dict[int, list[NewsItem]] = {s: [] for s in sector_ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for r in cursor.fetchall():
            published_at = r[6]
            if isinstance(published_at, str):  # SQLite through a raw cursor
                published_at = dt.datetime.fromisoformat(published_at)
            if published_at is not None and published_at.tzinfo is None:
                published_at = published_at.replace(tzinfo=dt.timezone.utc)
            item = NewsItem(
                id=r[1], slug=r[2], kicker=r[3], title=r[4], lead=r[5], published_at=published_at,
                lead_agency_id=r[7], city=r[8], status=r[9], main_image_id=r[10],
            )
            if r[10] is not None:
                item.main_image = Image(
                    id=r[10], file=r[11], width=r[12], height=r[13], caption=r[14], credit=r[15], alt=r[16]
                )
            else:
                item.main_image = None
            rows[r[0]].append(item)
    for items in rows.values():  # a handful per sector: sorted here rather than by the database
        items.sort(key=lambda i: (i.published_at, i.id), reverse=True)
    return rows


def council_item_count(council_id: int) -> int:
    """How many items the council's portal lists (an index-only count, for the sitemap index)."""
    return Placement.objects.filter(council_id=council_id).count()


def sitemap_entries(council_id: int, offset: int, limit: int) -> list[tuple[int, str, dt.datetime]]:
    """(item id, slug, last change) of a council's items, newest first: one index range."""
    rows = (
        Placement.objects.filter(council_id=council_id)
        .order_by("-published_at", "-item_id")
        .values_list("item_id", "item__slug", "item__updated_at")
    )
    return list(rows[offset : offset + limit])


def tag_by_slug(slug: str):
    from .models import Tag

    return Tag.objects.filter(slug=slug).first()


def public_item(council_id: int, item_id: int) -> NewsItem | None:
    """A published item shown on this council's portal, with its main image."""
    return (
        NewsItem.objects.filter(
            pk=item_id, status=NewsItem.Status.PUBLISHED, placements__council_id=council_id
        )
        .select_related("main_image")
        .first()
    )


def item_agency_ids(item_id: int) -> list[tuple[int, str]]:
    """(agency id, role) pairs: the lead first, then supporting agencies in order."""
    return list(ItemAgency.objects.filter(item_id=item_id).order_by("order", "id").values_list("agency_id", "role"))


def item_tags(item_id: int) -> list:
    from .models import Tag

    return list(Tag.objects.filter(item_links__item_id=item_id).order_by("name"))


def item_gallery(item_id: int) -> list[GalleryImage]:
    return list(GalleryImage.objects.filter(item_id=item_id).select_related("image"))


def item_attachments(item_id: int) -> list[Attachment]:
    return list(Attachment.objects.filter(item_id=item_id))
