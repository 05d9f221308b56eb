"""Public reach, only in aggregate per agency: readers counted on this council's portal (each
reader once per item and day, no cookie, no address kept) and the approved monthly views of the
agencies' channels (public indicators). Reach per item is not public."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from hamafza.persian import jalali
from hamafza.reach import selectors
from hamafza.reporting import periods

from ..errors import BadRequest
from ..http import conditional
from ..schemas.common import ERRORS
from ..tenancy import current_council

router = Router(tags=["reach"])


class AgencyReachOut(Schema):
    agency: str = Field(description="agency slug")
    agency_name: str
    portal_readers: int = Field(description="readers of the agency's items on this council's portal (each reader once per item and day)")
    channel_views: int = Field(description="approved monthly views of the agency's channels, summed over the period's months")


class ReachOut(Schema):
    period: str = Field(description="the period's label (Persian)")
    first_day: str = Field(description="first day, Jalali YYYY-MM-DD")
    last_day: str = Field(description="last day, Jalali YYYY-MM-DD")
    results: list[AgencyReachOut]


class ReachFilters(Schema):
    kind: str = Field("month", max_length=10, description="month, quarter or year")
    year: str | None = Field(None, max_length=8, description="Jalali year (default: this year)")
    month: str | None = Field(None, max_length=4, description="Jalali month 1–12 (kind=month)")
    quarter: str | None = Field(None, max_length=2, description="1–4 (kind=quarter)")


@router.get("reach/agencies", response={200: ReachOut, **ERRORS}, summary="Reach per agency over a Jalali month, quarter or year")
@conditional
def agencies_reach(request: HttpRequest, filters: Query[ReachFilters]):
    council = current_council(request)
    if filters.kind not in ("month", "quarter", "year"):
        raise BadRequest(_("نوع دوره باید ماه، فصل یا سال باشد."))
    year, month = periods.current_month()
    params = {"kind": filters.kind, "year": filters.year or str(year), "month": filters.month or str(month),
              "quarter": filters.quarter or str((month - 1) // 3 + 1)}
    try:
        period = periods.parse(params)
    except periods.PeriodError as exc:
        raise BadRequest(str(exc)) from None
    start, end = period.days()
    ids = list(council.member_ids)
    portal = selectors.portal_views(ids, start, end, council_id=council.id)
    channels = selectors.channel_views(ids, start, end, public_only=True)
    registry = request.registry
    results = [
        {"agency": registry.agencies[a].slug, "agency_name": registry.agencies[a].name,
         "portal_readers": portal[a], "channel_views": channels[a]}
        for a in ids if a in registry.agencies
    ]
    return {"period": period.label, "first_day": jalali.iso_jalali(start), "last_day": jalali.iso_jalali(end), "results": results}
