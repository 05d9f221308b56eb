"""Published news on the council's portal: a filtered, paginated list and the detail.

Unknown or foreign agency, sector and tag filters are 404 (a filter that names nothing is a
broken link, not an empty result); an unreadable or impossible Jalali date is 400.
"""

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from hamafza.newsroom import api_selectors, selectors
from hamafza.newsroom.aparat import aparat_page
from hamafza.newsroom.video import video_of
from hamafza.persian.jalali import TEHRAN, JalaliDateError, parse_date

from ..errors import BadRequest, NotFound
from ..http import conditional
from ..pagination import PageParams, page_links
from ..schemas.agencies import SectorOut
from ..schemas.common import ERRORS, MAX_ID
from ..schemas.news import (
    AgencyRefOut, AttachmentOut, ImageOut, NewsDetailOut, NewsPageOut, NewsSummaryOut, TagOut, VideoOut,
)
from ..tenancy import current_council, member_agency, sector_by_key

router = Router(tags=["news"])

DATE_HELP = "Jalali date, Persian, Arabic or Latin digits: ۱۴۰۵/۰۹/۰۵ or 1405-09-05"


class NewsFilters(Schema):
    agency: str | None = Field(None, max_length=200, description="agency slug")
    sector: str | None = Field(None, max_length=200, description="sector slug or code")
    tag: str | None = Field(None, max_length=200, description="tag slug")
    date_from: str | None = Field(None, alias="from", max_length=40, description=f"{DATE_HELP}, inclusive")
    date_to: str | None = Field(None, alias="to", max_length=40, description=f"{DATE_HELP}, inclusive")


def _day_start(text: str) -> dt.datetime:
    """The first moment, in Tehran, of the Jalali day written in `text`."""
    try:
        day = parse_date(text)
    except JalaliDateError:
        raise BadRequest(
            _("«%(value)s» تاریخ شمسی معتبری نیست؛ نمونهٔ درست: ۱۴۰۵/۰۹/۰۵") % {"value": text}
        ) from None
    return dt.datetime.combine(day, dt.time.min, tzinfo=TEHRAN)


def _period(filters: NewsFilters) -> tuple[dt.datetime | None, dt.datetime | None]:
    start = _day_start(filters.date_from) if filters.date_from else None
    end = _day_start(filters.date_to) + dt.timedelta(days=1) if filters.date_to else None
    if start and end and start >= end:
        raise BadRequest(_("تاریخ آغاز (from) پس از تاریخ پایان (to) است."))
    return start, end


@router.get("news", response={200: NewsPageOut, **ERRORS}, summary="Published news, newest first")
@conditional
def list_news(request: HttpRequest, filters: Query[NewsFilters], paging: Query[PageParams]):
    council = current_council(request)
    start, end = _period(filters)
    tag = None
    if filters.tag:
        tag = api_selectors.tag_by_slug(filters.tag)
        if tag is None:
            raise NotFound(_("برچسبی با این نامک نیست."))
    items = api_selectors.council_news(
        council.id,
        agency_id=member_agency(request, filters.agency).id if filters.agency else None,
        sector_id=sector_by_key(request, filters.sector).id if filters.sector else None,
        tag_id=tag.pk if tag else None,
        start=start,
        end=end,
        offset=paging.offset,
        limit=paging.page_size + 1,
    )
    if not items and paging.page > 1:
        raise NotFound(_("این صفحه خالی است؛ شمارهٔ صفحه از تعداد صفحه‌ها بیشتر است."))
    return {
        "page": paging.page,
        "page_size": paging.page_size,
        **page_links(request, paging, has_next=len(items) > paging.page_size),
        "results": [NewsSummaryOut.from_item(i, request.registry, request) for i in items[: paging.page_size]],
    }


@router.get("news/{item_id}", response={200: NewsDetailOut, **ERRORS}, summary="One published news item")
@conditional
def get_news(request: HttpRequest, item_id: int = Path(..., ge=1, le=MAX_ID)):
    council = current_council(request)
    item = selectors.public_item(council.id, item_id)
    if item is None:
        raise NotFound(_("خبری با این شناسه در این درگاه منتشر نشده است."))
    registry = request.registry
    supporting = [
        registry.agencies[agency_id]
        for agency_id, role in selectors.item_agency_ids(item.pk)
        if role == "supporting" and agency_id in registry.agencies
    ]
    sector_ids = set(api_selectors.item_sector_ids(item.pk))
    video = video_of(item)
    return NewsDetailOut(
        **NewsSummaryOut.fields_of(item, registry, request),
        body=item.body,
        gallery=[ImageOut.from_image(g.image, request) for g in selectors.item_gallery(item.pk)],
        attachments=[AttachmentOut.from_attachment(a, request) for a in selectors.item_attachments(item.pk)],
        tags=[TagOut.from_tag(t) for t in selectors.item_tags(item.pk)],
        sectors=[SectorOut.from_info(s) for s in registry.ordered_sectors() if s.id in sector_ids],
        supporting_agencies=[AgencyRefOut.from_info(a) for a in supporting],
        video=VideoOut.from_video(video, request) if video is not None else None,
        aparat_url=aparat_page(item.aparat),
    )
