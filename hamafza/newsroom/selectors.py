"""Public reads of news: every listing is one index range in publication order.

The listings return ListedItem objects (the columns a card prints, with the main image as a
ListedImage), not model instances; agency and sector names come from the in-process registry
(hamafza.agencies.registry), not from extra queries.
"""

import datetime as dt
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from .models import Attachment, GalleryImage, Image, ItemAgency, ItemSector, ItemTag, NewsItem, Placement
from .models.media import media_url

LIST_FIELDS = (
    "id", "slug", "kicker", "title", "lead", "published_at", "lead_agency_id", "city", "status",
    "main_image__id", "main_image__file", "main_image__width", "main_image__height",
    "main_image__caption", "main_image__credit", "main_image__alt", "main_image__renditions", "kind",
)


def _items_via(qs: QuerySet, offset: int, limit: int) -> list[NewsItem]:
    """Items through a listing table, newest first, `limit` of them from `offset`."""
    fields = [f"item__{f}" for f in LIST_FIELDS]
    rows = qs.select_related("item", "item__main_image").only(*fields).order_by("-published_at", "-item_id")
    return [row.item for row in rows[offset : offset + limit]]


# The hot listings are written in SQL: an ORM query costs more to compile than SQLite takes to
# run it, and these run on every public page. Each reads one listing index in order.
_ITEM_COLUMNS = (
    "i.id, i.slug, i.kicker, i.title, i.lead, i.published_at, i.lead_agency_id, i.city, i.status, "
    "img.id, img.file, img.width, img.height, img.caption, img.credit, img.alt, img.renditions, i.kind"
)


def _aware(value) -> dt.datetime | None:
    if isinstance(value, str):  # SQLite through a raw cursor
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


class ListedImage:
    """A listing's photo: the columns of Image a card prints, and its `url`, `srcset` and
    `rendition` (Image's own functions)."""

    __slots__ = ("id", "name", "width", "height", "caption", "credit", "alt", "renditions")

    def __init__(self, id, name, width, height, caption, credit, alt, renditions):  # noqa: A002
        self.id, self.name, self.width, self.height = id, name, width, height
        self.caption, self.credit, self.alt, self.renditions = caption, credit, alt, renditions

    @property
    def url(self) -> str:
        return media_url(self.name)

    @property
    def file(self) -> "_StoredFile":
        return _StoredFile(self.name)

    srcset = Image.srcset
    rendition = Image.rendition
    thumb_url = Image.thumb_url

    def __repr__(self) -> str:
        return f"<ListedImage {self.id} {self.name}>"


@dataclass(frozen=True)
class _StoredFile:
    name: str

    @property
    def url(self) -> str:
        return media_url(self.name)


class ListedItem:
    """A news item as the public listings show it: the columns of NewsItem a card, a feed or a
    sitemap prints, with its main image. Plain attributes, not a model instance: building a
    model (its state, its descriptors, the deferred fields) cost more than the rest of a card
    (bench/README.md, issue 17). `listing_role` is the agency listing's lead / supporting /
    republished (None elsewhere); `agency_name` is set by the feeds."""

    __slots__ = ("id", "slug", "kicker", "title", "lead", "published_at", "lead_agency_id", "city", "status",
                 "kind", "main_image", "listing_role", "agency_name")

    def __init__(self, id, slug, kicker, title, lead, published_at, lead_agency_id, city, status, kind,  # noqa: A002
                 main_image, listing_role=None):
        self.id, self.slug, self.kicker, self.title, self.lead = id, slug, kicker, title, lead
        self.published_at, self.lead_agency_id, self.city, self.status = published_at, lead_agency_id, city, status
        self.kind, self.main_image, self.listing_role = kind, main_image, listing_role

    @property
    def pk(self) -> int:
        return self.id

    @property
    def main_image_id(self) -> int | None:
        return self.main_image.id if self.main_image is not None else None

    is_public = NewsItem.is_public
    get_absolute_url = NewsItem.get_absolute_url
    Status = NewsItem.Status

    def get_kind_display(self) -> str:
        return str(dict(NewsItem.Kind.choices).get(self.kind, self.kind))

    def __str__(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<ListedItem {self.id}>"


def _renditions(value) -> list:
    """Image.renditions from a raw column: JSON text (SQLite), a list already (PostgreSQL)."""
    if isinstance(value, str):
        return [] if value == "[]" else json.loads(value)  # a photo made before renditions: no parse
    return value or []


def _item_from_row(r, role=None) -> ListedItem:
    """A ListedItem (with its main image) from the 18 columns of _ITEM_COLUMNS."""
    image = ListedImage(r[9], r[10], r[11], r[12], r[13], r[14], r[15], _renditions(r[16])) if r[9] is not None else None
    return ListedItem(r[0], r[1], r[2], r[3], r[4], _aware(r[5]), r[6], r[7], r[8], r[17], image, role)


def _listing(
    through, key: str, key_value: int, offset: int, limit: int, *,
    council_id: int | None = None, where: str = "", params: tuple = (), with_role: bool = False,
) -> list[ListedItem]:
    """Items through a listing table (`through`, filtered on `key`), newest first; with
    `council_id`, only those placed on that council (a probe of its unique index per row). With
    `with_role` (ItemAgency), each item gets `listing_role`: lead, supporting or republished."""
    placed = (
        f"JOIN {Placement._meta.db_table} p ON p.item_id = l.item_id AND p.council_id = %s " if council_id else ""
    )
    sql = (
        f"SELECT {_ITEM_COLUMNS}{', l.role' if with_role else ''} FROM {through._meta.db_table} l {placed}"
        f"JOIN {NewsItem._meta.db_table} i ON i.id = l.item_id "
        f"LEFT JOIN {NewsItem._meta.get_field('main_image').related_model._meta.db_table} img "
        f"ON img.id = i.main_image_id "
        f"WHERE l.{key} = %s AND l.published_at IS NOT NULL {where} "
        f"ORDER BY l.published_at DESC, l.item_id DESC LIMIT %s OFFSET %s"
    )
    args = ([council_id] if council_id else []) + [key_value, *params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    if with_role:
        return [_item_from_row(r, r[18]) for r in rows]
    return [_item_from_row(r) for r in rows]


def council_latest(council_id: int, offset: int = 0, limit: int = 20) -> list[ListedItem]:
    return _listing(Placement, "council_id", council_id, offset, limit)


def council_period(council_id: int, start: dt.datetime, end: dt.datetime, offset: int, limit: int) -> list[ListedItem]:
    adapt = connection.ops.adapt_datetimefield_value
    return _listing(
        Placement, "council_id", council_id, offset, limit,
        where="AND l.published_at >= %s AND l.published_at < %s", params=(adapt(start), adapt(end)),
    )


def agency_items(agency_id: int, offset: int = 0, limit: int = 20) -> list[ListedItem]:
    """Items the agency leads, supports or republished (`listing_role` tells which)."""
    return _listing(ItemAgency, "agency_id", agency_id, offset, limit, with_role=True)


def agency_led_items(
    agency_id: int, exclude_id: int | None = None, limit: int = 6, council_id: int | None = None
) -> list[ListedItem]:
    """Items the agency leads; with `council_id`, only those placed on that council (needed when
    the agency is not itself a member and its items show there through a supporting member)."""
    where, params = "AND l.role = %s", (ItemAgency.Role.LEAD.value,)
    if exclude_id is not None:
        where, params = where + " AND l.item_id <> %s", (*params, exclude_id)
    return _listing(ItemAgency, "agency_id", agency_id, 0, limit, council_id=council_id, where=where, params=params)


def sector_items(council_id: int, sector_id: int, offset: int = 0, limit: int = 20) -> list[ListedItem]:
    return _listing(ItemSector, "sector_id", sector_id, offset, limit, council_id=council_id)


def tag_items(council_id: int, tag_id: int, offset: int = 0, limit: int = 20) -> list[ListedItem]:
    return _listing(ItemTag, "tag_id", tag_id, offset, limit, council_id=council_id)


@dataclass(frozen=True)
class FrontPage:
    """The home page's stories: the council's latest, then a row per sector of its latest
    stories not shown above (neither among the latest nor in an earlier sector's row)."""

    latest: list[ListedItem]
    sector_rows: list[tuple[int, list[ListedItem]]]  # (sector id, items), non-empty rows in sector order


def front_page(council_id: int, latest: int, sector_ids: list[int], per_row: int, lookahead: int) -> FrontPage:
    """In two queries, whatever the corpus size: the ids (one index range per listing: the
    council's latest `latest`, and per sector its latest `lookahead` on this council that are not
    among them), then the few items shown, by primary key. A sector's row is the first `per_row`
    of its `lookahead` not already in an earlier row; only the items on the page become objects.
    The ids come sorted by the database (no dates to convert in Python)."""
    placement, item_sector = Placement._meta.db_table, ItemSector._meta.db_table
    parts = ["SELECT 0 AS part, item_id AS row_item, published_at AS row_at FROM latest"]
    params: list = [council_id, latest]
    for sector_id in sector_ids:
        parts.append(
            f"SELECT * FROM (SELECT s.sector_id AS part, s.item_id AS row_item, s.published_at AS row_at FROM "
            f"{item_sector} s JOIN {placement} p ON p.item_id = s.item_id AND p.council_id = %s "
            f"WHERE s.sector_id = %s AND s.published_at IS NOT NULL AND s.item_id NOT IN (SELECT item_id FROM latest) "
            f"ORDER BY s.published_at DESC, s.item_id DESC LIMIT %s) AS r{sector_id}"
        )
        params += [council_id, sector_id, lookahead]
    sql = (
        f"WITH latest AS (SELECT l.item_id, l.published_at FROM {placement} l "
        f"WHERE l.council_id = %s AND l.published_at IS NOT NULL "
        f"ORDER BY l.published_at DESC, l.item_id DESC LIMIT %s) "
        f"SELECT part, row_item FROM ({' UNION ALL '.join(parts)}) AS picked "
        f"ORDER BY part, row_at DESC, row_item DESC"
    )
    listed: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for part, item_id in cursor.fetchall():
            listed.setdefault(part, []).append(item_id)
    latest_ids = listed.get(0, [])
    shown = set(latest_ids)
    picked: list[tuple[int, list[int]]] = []
    for sector_id in sector_ids:
        fresh = [i for i in listed.get(sector_id, ()) if i not in shown][:per_row]
        shown.update(fresh)
        if fresh:
            picked.append((sector_id, fresh))
    items = items_by_id(shown)
    return FrontPage(
        [items[i] for i in latest_ids if i in items],
        [(sector_id, [items[i] for i in ids if i in items]) for sector_id, ids in picked],
    )


def items_by_id(ids) -> dict[int, ListedItem]:
    """Listing items (as the listings load them: main image, no other relation) by id."""
    ids = list(ids)
    if not ids:
        return {}
    sql = (
        f"SELECT {_ITEM_COLUMNS} FROM {NewsItem._meta.db_table} i "
        f"LEFT JOIN {NewsItem._meta.get_field('main_image').related_model._meta.db_table} img "
        f"ON img.id = i.main_image_id WHERE i.id IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return {r[0]: _item_from_row(r) for r in cursor.fetchall()}


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
    """A published item shown on this council's portal, with its main image and its video."""
    return (
        NewsItem.objects.filter(
            pk=item_id, status=NewsItem.Status.PUBLISHED, placements__council_id=council_id
        )
        .select_related("main_image", "video")
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


@dataclass(frozen=True)
class ItemExtras:
    """What an article page shows besides the item itself."""

    agencies: list[tuple[int, str]]  # (agency id, role): the lead first, then supporting agencies
    tags: list
    gallery: list[GalleryImage]
    attachments: list[Attachment]
    video: object = None  # the item's uploaded Video (file, poster, size), or None


def item_extras(item_id: int) -> ItemExtras:
    """The item's agencies, tags, gallery and attachments in one query (each part is an index
    lookup on item_id; columns are text so that the parts line up on every database)."""
    from .models import Image, Tag, Video

    q = connection.ops.quote_name
    table = {m: m._meta.db_table for m in (ItemAgency, ItemTag, Tag, GalleryImage, Image, Attachment, Video)}

    def text(column: str) -> str:
        return f"CAST({column} AS TEXT)"

    sql = (
        f"SELECT 'a', {text('agency_id')}, role, {text(q('order'))}, {text('id')}, NULL, NULL, NULL, NULL, NULL "
        f"FROM {table[ItemAgency]} WHERE item_id = %s "
        f"UNION ALL SELECT 't', {text('t.id')}, t.name, t.slug, NULL, NULL, NULL, NULL, NULL, NULL "
        f"FROM {table[ItemTag]} x JOIN {table[Tag]} t ON t.id = x.tag_id WHERE x.item_id = %s "
        f"UNION ALL SELECT 'g', {text('g.' + q('order'))}, {text('g.id')}, {text('img.id')}, img.file, "
        f"{text('img.width')}, {text('img.height')}, img.caption, img.credit, img.alt "
        f"FROM {table[GalleryImage]} g JOIN {table[Image]} img ON img.id = g.image_id WHERE g.item_id = %s "
        f"UNION ALL SELECT 'f', {text(q('order'))}, {text('id')}, file, title, {text('size')}, NULL, NULL, NULL, NULL "
        f"FROM {table[Attachment]} WHERE item_id = %s "
        f"UNION ALL SELECT 'v', {text('id')}, file, poster, kind, {text('size')}, {text('width')}, {text('height')}, "
        f"{text('duration')}, state FROM {table[Video]} WHERE item_id = %s"
    )
    agencies, tags, gallery, attachments = [], [], [], []
    video = None
    with connection.cursor() as cursor:
        cursor.execute(sql, [item_id] * 5)
        for kind, *c in cursor.fetchall():
            if kind == "a":
                agencies.append((int(c[2]), int(c[3]), int(c[0]), c[1]))
            elif kind == "t":
                tags.append(Tag(id=int(c[0]), name=c[1], slug=c[2]))
            elif kind == "g":
                image = Image(
                    id=int(c[2]), file=c[3], width=int(c[4]), height=int(c[5]), caption=c[6], credit=c[7], alt=c[8]
                )
                gallery.append(GalleryImage(id=int(c[1]), item_id=item_id, image=image, order=int(c[0])))
            elif kind == "v":
                video = Video(id=int(c[0]), item_id=item_id, file=c[1], poster=c[2] or "", kind=c[3], size=int(c[4]),
                              width=int(c[5]), height=int(c[6]), duration=float(c[7]), state=c[8])
            else:
                attachments.append(Attachment(id=int(c[1]), item_id=item_id, file=c[2], title=c[3], size=int(c[4]), order=int(c[0])))
    agencies.sort()
    tags.sort(key=lambda t: t.name)
    gallery.sort(key=lambda g: (g.order, g.id))
    attachments.sort(key=lambda a: (a.order, a.id))
    return ItemExtras([(a, role) for _, _, a, role in agencies], tags, gallery, attachments, video)
