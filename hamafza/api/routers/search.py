"""Search in the published news of the council's portal: the same index, filters and ranking
as the portal's search page. Filters and pagination work as in /news."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from hamafza.search.selectors import search_public

from ..errors import NotFound
from ..http import conditional
from ..pagination import PageParams, page_links
from ..schemas.common import ERRORS
from ..schemas.search import SearchPageOut, SearchResultOut
from ..tenancy import current_council, member_agency, sector_by_key
from .news import DATE_HELP, _period

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field(..., max_length=settings.MAX_QUERY_LENGTH, description='words (all required) and "quoted phrases"')
    agency: str | None = Field(None, max_length=200, description="agency slug")
    sector: str | None = Field(None, max_length=200, description="sector slug or code")
    date_from: str | None = Field(None, alias="from", max_length=40, description=f"{DATE_HELP}, inclusive")
    date_to: str | None = Field(None, alias="to", max_length=40, description=f"{DATE_HELP}, inclusive")


@router.get("search", response={200: SearchPageOut, **ERRORS}, summary="Search published news, best match first")
@conditional
def search(request: HttpRequest, filters: Query[SearchFilters], paging: Query[PageParams]):
    council = current_council(request)
    start, end = _period(filters)
    found = search_public(
        council.id,
        filters.q,
        agency_id=member_agency(request, filters.agency).id if filters.agency else None,
        sector_id=sector_by_key(request, filters.sector).id if filters.sector else None,
        start=start,
        end=end,
        offset=paging.offset,
        limit=paging.page_size,
    )
    if not found.items and paging.page > 1:
        raise NotFound(_("این صفحه خالی است؛ شمارهٔ صفحه از تعداد صفحه‌ها بیشتر است."))
    registry = request.registry
    return {
        "page": paging.page,
        "page_size": paging.page_size,
        **page_links(request, paging, has_next=found.has_next),
        "total_estimate": found.total_estimate,
        "total_is_lower_bound": found.capped,
        "results": [
            SearchResultOut(
                **SearchResultOut.fields_of(item, registry, request),
                title_html=str(item.title_html),
                snippet=str(item.snippet),
            )
            for item in found.items
        ],
    }
