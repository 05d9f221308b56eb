"""Reads of coverage monitoring for the workspace and the bulletin."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali
from hamafza.press.models import Outlet

from .models import Coverage, FeedState, MonitoredEntry

C = Coverage.Status


def item_coverage(item_id: int) -> list[Coverage]:
    """Where an item was carried (confirmed first by time of the outlet, then those waiting)."""
    rows = list(Coverage.objects.filter(item_id=item_id).exclude(status=C.REJECTED)
                .select_related("outlet", "item").order_by("published_at", "id"))
    return [r for r in rows if r.status == C.CONFIRMED] + [r for r in rows if r.status == C.PENDING]


def pending(council_id: int, agency_ids) -> list[Coverage]:
    return list(Coverage.objects.filter(council_id=council_id, status=C.PENDING, agency_id__in=list(agency_ids))
                .select_related("outlet", "item", "entry").order_by("-created_at")[:200])


@dataclass
class Counts:
    total: int = 0
    by_outlet: list[tuple[str, str, int]] = field(default_factory=list)  # (name, kind label, count)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_agency: list[tuple[object, int]] = field(default_factory=list)


def counts(council_id: int, agency_ids, since: dt.datetime, until: dt.datetime, item_ids=None) -> Counts:
    qs = Coverage.objects.filter(council_id=council_id, status=C.CONFIRMED, agency_id__in=list(agency_ids),
                                 published_at__gte=since, published_at__lt=until)
    if item_ids is not None:
        qs = qs.filter(item_id__in=list(item_ids))
    out = Counts()
    kinds = dict(Outlet.Kind.choices)
    by_kind: Counter = Counter()
    for row in qs.values("outlet__name", "outlet__kind").annotate(n=Count("id")).order_by("-n", "outlet__name"):
        out.by_outlet.append((row["outlet__name"], kinds.get(row["outlet__kind"], row["outlet__kind"]), row["n"]))
        by_kind[kinds.get(row["outlet__kind"], row["outlet__kind"])] += row["n"]
        out.total += row["n"]
    out.by_kind = by_kind.most_common()
    registry = get_registry()
    for row in qs.values("agency_id").annotate(n=Count("id")).order_by("-n"):
        if row["agency_id"] in registry.agencies:
            out.by_agency.append((registry.agencies[row["agency_id"]], row["n"]))
    return out


@dataclass
class BulletinItem:
    item: object
    rows: list = field(default_factory=list)  # its Coverage rows, first outlet first


@dataclass
class BulletinSection:
    agency: object
    rows: list = field(default_factory=list)  # Coverage rows

    @property
    def items(self) -> list[BulletinItem]:
        out: dict[int, BulletinItem] = {}
        for r in self.rows:
            out.setdefault(r.item_id, BulletinItem(r.item)).rows.append(r)
        return list(out.values())


def bulletin(council_id: int, day: dt.date) -> list[BulletinSection]:
    """Confirmed coverage of the council's agencies published on a (Tehran) day, per agency."""
    info = get_registry().councils.get(council_id)
    if info is None:
        return []
    start, end = jalali.day_bounds(day)
    rows = (Coverage.objects.filter(council_id=council_id, status=C.CONFIRMED, agency_id__in=list(info.member_ids),
                                    published_at__gte=start, published_at__lt=end)
            .select_related("outlet", "item").order_by("agency_id", "item_id", "published_at"))
    grouped: dict[int, list] = defaultdict(list)
    for r in rows:
        grouped[r.agency_id].append(r)
    registry = get_registry()
    return [BulletinSection(registry.agencies[a], grouped[a]) for a in info.member_ids if a in grouped and a in registry.agencies]


def feeds(council_id: int, agency_ids) -> list:
    """The outlets of these agencies with their feed state (None when never registered)."""
    outlets = list(Outlet.objects.filter(council_id=council_id, agency_id__in=list(agency_ids)).order_by("name", "id"))
    states = {s.outlet_id: s for s in FeedState.objects.filter(outlet__in=outlets)}
    for o in outlets:
        o.state = states.get(o.pk)
    return outlets


def recent_entries(council_id: int, limit: int = 200) -> list[MonitoredEntry]:
    return list(MonitoredEntry.objects.filter(council_id=council_id).select_related("outlet").order_by("-id")[:limit])


def agency_figures(agency_id: int, start: dt.date, end: dt.date) -> dict:
    """Coverage lines of an agency's activity report (registered with hamafza.council.reports)."""
    since, until = jalali.day_bounds(start)[0], jalali.day_bounds(end)[1]
    qs = Coverage.objects.filter(agency_id=agency_id, status=C.CONFIRMED, published_at__gte=since, published_at__lt=until)
    agg = qs.aggregate(n=Count("id"), outlets=Count("outlet_id", distinct=True), items=Count("item_id", distinct=True))
    return {"coverage_records": agg["n"], "coverage_outlets": agg["outlets"], "coverage_items": agg["items"]}


def report_figures(agency_ids, since: dt.datetime, until: dt.datetime) -> dict[int, dict]:
    """Per agency, its confirmed coverage in [since, until) (the consolidated report's line,
    registered with hamafza.reporting.report.register_coverage)."""
    out = {a: {"records": 0, "items": 0, "outlets": 0} for a in agency_ids}
    qs = Coverage.objects.filter(agency_id__in=list(agency_ids), status=C.CONFIRMED, published_at__gte=since,
                                 published_at__lt=until)
    for row in qs.values("agency_id").annotate(n=Count("id"), items=Count("item_id", distinct=True),
                                               outlets=Count("outlet_id", distinct=True)):
        out[row["agency_id"]] = {"records": row["n"], "items": row["items"], "outlets": row["outlets"]}
    return out
