"""Reads of reach for pages, the API and the scorecard.

portal_views / portal_views_by_item / item_daily: readers counted on the portal (each reader
once per item and day; hamafza.reach.counter). channel_views: the approved monthly figures heads
entered for their channels (the «بازدید کانال …» indicators; no platform's bot API gives view
counts, docs/reach.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Sum

from hamafza.persian import jalali

from .models import ChannelIndicator, ItemDailyViews


def _days(rows, start: dt.date, end: dt.date, council_id: int | None):
    rows = rows.filter(day__gte=start, day__lte=end)
    return rows if council_id is None else rows.filter(council_id=council_id)


def portal_views(agency_ids: Iterable[int], start: dt.date, end: dt.date, council_id: int | None = None) -> dict[int, int]:
    """Readers of each agency's items (as lead agency) from start to end inclusive: {agency id: n},
    0 for an agency with none. With council_id, on that council's portal only."""
    ids = list(agency_ids)
    found = dict(
        _days(ItemDailyViews.objects.filter(agency_id__in=ids), start, end, council_id)
        .values_list("agency_id").annotate(n=Sum("views")).order_by()
    )
    return {agency: found.get(agency, 0) for agency in ids}


def portal_views_by_item(agency_ids: Iterable[int], start: dt.date, end: dt.date, council_id: int | None = None) -> dict[int, int]:
    """Readers per item of these agencies from start to end: {item id: n} (items with readers)."""
    return dict(
        _days(ItemDailyViews.objects.filter(agency_id__in=list(agency_ids)), start, end, council_id)
        .values_list("item_id").annotate(n=Sum("views")).order_by()
    )


def item_views(item_id: int, council_id: int | None = None) -> int:
    rows = ItemDailyViews.objects.filter(item_id=item_id)
    if council_id is not None:
        rows = rows.filter(council_id=council_id)
    return rows.aggregate(n=Sum("views"))["n"] or 0


def item_daily(item_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """An item's readers per day (all portals), oldest first, days with readers only."""
    rows = ItemDailyViews.objects.filter(item_id=item_id, day__gte=start, day__lte=end)
    return list(rows.values_list("day").annotate(n=Sum("views")).order_by("day"))


def item_summary(item_id: int) -> dict[str, int]:
    """An item's readers on every portal: in all, and in the last seven days (today included)."""
    from django.utils import timezone

    today = timezone.localdate()
    week = item_daily(item_id, today - dt.timedelta(days=6), today)
    return {"total": item_views(item_id), "week": sum(n for _d, n in week)}


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    first, last = jalali.to_jalali(start), jalali.to_jalali(end)
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def channel_views(agency_ids: Iterable[int], start: dt.date, end: dt.date, public_only: bool = False) -> dict[int, int]:
    """Approved monthly channel views of each agency over the Jalali months that start..end touch:
    {agency id: n}, 0 for an agency with none. public_only: only indicators a head left public."""
    from hamafza.reporting.models import IndicatorValue

    ids = list(agency_ids)
    links = ChannelIndicator.objects.filter(indicator__agency_id__in=ids)
    if public_only:
        links = links.filter(indicator__is_public=True)
    indicator_ids = links.values("indicator_id")
    total: dict[int, int] = dict.fromkeys(ids, 0)
    months = _months(start, end)
    values = IndicatorValue.objects.filter(
        indicator_id__in=indicator_ids, state=IndicatorValue.State.APPROVED,
        year__in={y for y, _m in months},
    ).values_list("indicator__agency_id", "year", "month", "approved_value")
    for agency, year, month, value in values:
        if (year, month) in months and value is not None:
            total[agency] += int(value)
    return total


def channel_views_by_channel(agency_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """The same per channel: {channel id: n} (channels with an approved figure)."""
    from hamafza.reporting.models import IndicatorValue

    months = _months(start, end)
    links = dict(ChannelIndicator.objects.filter(indicator__agency_id__in=list(agency_ids)).values_list("indicator_id", "channel_id"))
    total: dict[int, int] = {}
    values = IndicatorValue.objects.filter(
        indicator_id__in=list(links), state=IndicatorValue.State.APPROVED, year__in={y for y, _m in months},
    ).values_list("indicator_id", "year", "month", "approved_value")
    for indicator, year, month, value in values:
        if (year, month) in months and value is not None:
            total[links[indicator]] = total.get(links[indicator], 0) + int(value)
    return total
