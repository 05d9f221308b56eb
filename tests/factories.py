"""Small builders for test data, shared by every test module."""

import datetime as dt
import itertools

from django.utils import timezone

from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector
from hamafza.newsroom import unchecked
from hamafza.newsroom.models import NewsItem

_seq = itertools.count(1)


def make_image(agency, upload, meta=None):
    """A photo in the agency's library, checked and re-encoded as an upload is (no person, no
    audit entry): for tests about something else than who may add it."""
    from hamafza.newsroom.media import ImageMeta

    return unchecked.store_image(agency, upload, meta or ImageMeta())


def make_attachment(item, upload, title: str = ""):
    """A document on an item, checked by content as an upload is (no person, no audit entry)."""
    return unchecked.store_attachment(item, upload, title)

SECTORS = [
    ("road", "جاده‌ای"), ("rail", "ریلی"), ("maritime", "دریایی"),
    ("air", "هوایی"), ("urban", "شهری و مسکن"), ("meteorology", "هواشناسی"),
]


def make_sectors() -> dict[str, Sector]:
    out = {}
    for order, (code, name) in enumerate(SECTORS):
        out[code], _ = Sector.objects.get_or_create(
            code=code, defaults={"name": name, "slug": name.replace("\u200c", "-").replace(" ", "-"), "order": order}
        )
    return out


def make_agency(name: str | None = None, *, short_name: str | None = None, sectors=(), **fields) -> Agency:
    n = next(_seq)
    name = name or f"اداره کل آزمایشی {n}"
    agency = Agency.objects.create(
        name=name, short_name=short_name or name[:40], slug=fields.pop("slug", f"agency-{n}"), **fields
    )
    if sectors:
        agency.sectors.set(sectors)
    return agency


def make_council(head: Agency, members=(), *, hostname: str | None = None, name: str | None = None, **fields) -> Council:
    n = next(_seq)
    council = Council.objects.create(
        name=name or f"شورای هماهنگی {n}",
        short_name=fields.pop("short_name", f"شورا {n}"),
        slug=fields.pop("slug", f"council-{n}"),
        region=fields.pop("region", "خوزستان"),
        head_agency=head,
        hostname=hostname,
        portal_title=fields.pop("portal_title", f"درگاه شورا {n}"),
        **fields,
    )
    for agency in {head, *members}:
        CouncilMembership.objects.create(council=council, agency=agency)
    return council


def make_world(sectors: dict[str, Sector] | None = None) -> dict:
    """A council of three agencies (A heads it) and an agency D that sits on no council: the
    `world` fixture of tests/conftest.py."""
    sectors = sectors or make_sectors()
    a = make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی", sectors=[sectors["urban"]])
    b = make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری", slug="راهداری", sectors=[sectors["road"]])
    c = make_agency("راه‌آهن ناحیه جنوب", short_name="راه‌آهن جنوب", slug="راه-آهن-جنوب", sectors=[sectors["rail"]])
    d = make_agency("اداره کل بنادر و دریانوردی بوشهر", short_name="بنادر بوشهر", slug="بنادر-بوشهر", sectors=[sectors["maritime"]])
    council = make_council(a, [b, c], hostname="khz.example.ir", short_name="شورای خوزستان", slug="khuzestan")
    return {"A": a, "B": b, "C": c, "D": d, "council": council, "sectors": sectors}


# Unchecked writes (no policy, no audit): for building test data only; the behaviour under test
# goes through the actions.
publish_item = unchecked.publish_item
unpublish_item = unchecked.unpublish_item
store_video = unchecked.store_video  # a checked video (ffprobe) onto an item, its poster made at once


def make_item(
    agency: Agency, *, title: str | None = None, supporting=(), sectors=(), tags=(), published: bool = True,
    published_at: dt.datetime | None = None, **fields,
) -> NewsItem:
    n = next(_seq)
    item = unchecked.create_item(
        lead_agency=agency,
        title=title or f"خبر آزمایشی شماره {n}",
        lead=fields.pop("lead", "لید خبر آزمایشی برای سنجش رفتار درگاه."),
        body=fields.pop("body", "<p>متن خبر آزمایشی.</p>"),
        supporting=supporting,
        sectors=sectors,
        tags=tags,
        **fields,
    )
    if published:
        unchecked.publish_item(item, at=published_at or timezone.now() - dt.timedelta(seconds=n))
    return item


def first_revision(item: NewsItem, author=None):
    """The item's first revision, as the demo loader gives its items (newsroom.unchecked)."""
    return unchecked.first_revision(item, author)
