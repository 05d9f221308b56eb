"""Public performance figures: the council's public indicators and every approved monthly value
(the same rows as the open-data CSV and JSON on the portal, /dashboard/open-data/)."""

from itertools import islice

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from hamafza.reporting import selectors

from ..errors import BadRequest
from ..http import conditional
from ..schemas.common import ERRORS
from ..tenancy import current_council, member_agency

router = Router(tags=["reporting"])
MAX_PAGE_SIZE = 1000


class ValueOut(Schema):
    indicator_id: int = Field(description="stable id of the indicator")
    indicator: str = Field(description="indicator name (Persian)")
    agency: str = Field(description="agency slug")
    agency_name: str
    sector: str = Field(description="sector code: road, rail, maritime, air, urban, meteo; empty if none")
    sector_name: str
    unit: str = Field(description="unit code: km, tonne, passenger, flight, train, vessel, housing, percent, rial (billion rials), count, day, mm, hectare")
    unit_name: str
    direction: str = Field(description="higher: higher is better; lower: lower is better")
    aggregation: str = Field(description="how months add up over a period: sum, average, last")
    yearly_target: str | None = Field(description="yearly target as a decimal string, or null")
    year: int = Field(description="Jalali (Solar Hijri) year")
    month: int = Field(description="Jalali month, 1 (Farvardin) to 12 (Esfand)")
    period: str = Field(description="Jalali year and month, YYYY-MM, e.g. 1404-07")
    value: str = Field(description="the approved value of the month, a decimal string in the indicator's unit")
    approved_at: str | None = Field(description="ISO 8601 time of the head's approval")


class ValuesPageOut(Schema):
    page: int
    page_size: int
    next: str | None
    results: list[ValueOut]


class ValueFilters(Schema):
    agency: str | None = Field(None, max_length=200, description="agency slug")
    year: int | None = Field(None, ge=1300, le=1500, description="Jalali year")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(500, ge=1, le=MAX_PAGE_SIZE)


@router.get("reporting/values", response={200: ValuesPageOut, **ERRORS},
            summary="Approved monthly figures of public indicators (open data)")
@conditional
def list_values(request: HttpRequest, filters: Query[ValueFilters]):
    council = current_council(request)
    if filters.agency:
        member_agency(request, filters.agency)
    rows = selectors.public_rows(council, filters.agency, filters.year)
    start = (filters.page - 1) * filters.page_size
    chunk = list(islice(rows, start, start + filters.page_size + 1))
    has_next = len(chunk) > filters.page_size
    next_url = None
    if has_next:
        query = request.GET.copy()
        query["page"] = str(filters.page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    if filters.page > 1 and not chunk:
        raise BadRequest(_("این صفحه از داده‌ها وجود ندارد."))
    return {"page": filters.page, "page_size": filters.page_size, "next": next_url, "results": chunk[: filters.page_size]}
