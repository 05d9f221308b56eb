"""Reads of performance figures. Public reads see only approved values of public indicators;
staff reads go through hamafza.policy first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from hamafza.agencies.registry import get_registry

from . import aggregation
from .models import Achievement, Indicator, IndicatorValue
from .periods import Period, from_index, month_index


@dataclass
class Series:
    indicator: Indicator
    values: dict[int, Decimal] = field(default_factory=dict)  # month_index → value

    def in_period(self, period: Period) -> list[tuple[int, Decimal]]:
        return [(i, v) for i, v in self.values.items() if period.start <= i <= period.end]

    def total(self, period: Period) -> Decimal | None:
        return aggregation.aggregate(self.indicator.aggregation, self.in_period(period))

    def year_values(self, year: int) -> list[Decimal | None]:
        return [self.values.get(month_index(year, m)) for m in range(1, 13)]

    @property
    def last(self) -> tuple[int, int, Decimal] | None:
        if not self.values:
            return None
        i = max(self.values)
        y, m = from_index(i)
        return y, m, self.values[i]


def public_indicators(agency_ids) -> list[Indicator]:
    return list(Indicator.objects.filter(agency_id__in=list(agency_ids), is_public=True).order_by("agency_id", "order", "id"))


def public_series(agency_ids, first_year: int | None = None, per_agency: int | None = None) -> list[Series]:
    """Approved figures of the public indicators of these agencies, one Series per indicator
    (two queries); with `per_agency`, only each agency's first indicators."""
    indicators = public_indicators(agency_ids)
    if per_agency is not None:
        seen: dict[int, int] = defaultdict(int)
        kept = []
        for ind in indicators:
            seen[ind.agency_id] += 1
            if seen[ind.agency_id] <= per_agency:
                kept.append(ind)
        indicators = kept
    by_id = {i.id: Series(i) for i in indicators}
    if not by_id:
        return []
    rows = IndicatorValue.objects.filter(indicator_id__in=list(by_id), approved_value__isnull=False)
    if first_year is not None:
        rows = rows.filter(year__gte=first_year)
    for ind_id, y, m, v in rows.values_list("indicator_id", "year", "month", "approved_value"):
        by_id[ind_id].values[month_index(y, m)] = v
    return list(by_id.values())


def plain(value: Decimal) -> str:
    """A decimal for machines: «1500», «12.5» (no exponent, no trailing zeros)."""
    return format(value.normalize(), "f")


def public_rows(council, agency_slug: str | None = None, year: int | None = None):
    """Every public approved figure of a council's agencies, as flat rows for open data
    (hamafza.reporting.opendata.FIELDS), in a stable order."""
    registry = get_registry()
    agency_ids = list(council.member_ids)
    if agency_slug:
        info = registry.agencies_by_slug.get(agency_slug)
        agency_ids = [info.id] if info is not None and info.id in agency_ids else []
    order = {a: n for n, a in enumerate(agency_ids)}
    indicators = sorted(public_indicators(agency_ids), key=lambda i: (order[i.agency_id], i.order, i.id))
    static = {}
    for ind in indicators:
        agency = registry.agencies.get(ind.agency_id)
        sector = registry.sectors.get(ind.sector_id) if ind.sector_id else None
        static[ind.id] = {
            "indicator_id": ind.id,
            "indicator": ind.name,
            "agency": agency.slug if agency else "",
            "agency_name": agency.name if agency else "",
            "sector": sector.code if sector else "",
            "sector_name": sector.name if sector else "",
            "unit": ind.unit,
            "unit_name": str(ind.get_unit_display()),
            "direction": ind.direction,
            "aggregation": ind.aggregation,
            "yearly_target": plain(ind.yearly_target) if ind.yearly_target is not None else None,
        }
    # One query per agency; rows kept in the order of its indicators.
    for agency_id in agency_ids:
        own = [i for i in indicators if i.agency_id == agency_id]
        if not own:
            continue
        rows = IndicatorValue.objects.filter(indicator_id__in=[i.id for i in own], approved_value__isnull=False)
        if year is not None:
            rows = rows.filter(year=year)
        buckets: dict[int, list] = defaultdict(list)
        for row in rows.order_by("year", "month").values_list("indicator_id", "year", "month", "approved_value", "approved_at"):
            buckets[row[0]].append(row)
        for ind in own:
            base = static[ind.id]
            for _i, y, m, v, at in buckets.get(ind.id, ()):
                yield {**base, "year": y, "month": m, "period": f"{y:04d}-{m:02d}", "value": plain(v),
                       "approved_at": at.isoformat() if at else None}


def public_achievements(agency_ids, period: Period) -> dict[int, list[Achievement]]:
    out: dict[int, list[Achievement]] = defaultdict(list)
    rows = Achievement.objects.filter(agency_id__in=list(agency_ids), is_public=True,
                                      year__gte=from_index(period.start)[0], year__lte=from_index(period.end)[0])
    for a in rows.prefetch_related("news_items").order_by("year", "month", "id"):
        if period.contains(a.year, a.month):
            out[a.agency_id].append(a)
    return out


def staff_grid(agency_id: int, year: int):
    """The entry sheet: the agency's indicators and the year's values (working figures)."""
    indicators = list(Indicator.objects.filter(agency_id=agency_id).order_by("order", "id"))
    values = {
        (v.indicator_id, v.month): v
        for v in IndicatorValue.objects.filter(indicator__agency_id=agency_id, year=year)
    }
    return indicators, values
