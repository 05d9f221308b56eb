"""The registry of scorecard criteria: named, documented measures computed from the record.

A criterion is a key, a Persian name, the Persian formula shown on the page, a unit, whether a
higher or a lower value is better, and two functions:

    compute(council_id, agency_ids, period) -> {agency_id: value}
        value is a number, or None when the agency has nothing to measure in the period (a median
        time with no timed item, a share of nothing); an agency missing from the answer is None;
    items(council_id, agency_id, period) -> list[Entry]
        the records behind one agency's figure, each with the workspace page that shows it.

`period` is a hamafza.reporting.periods.Period (a Jalali month, quarter, year or a campaign's own
days). The built-in criteria (hamafza.scorecard.builtin) read the newsroom, distribution,
cooperation and council records; other apps add theirs in their AppConfig.ready():

    from hamafza.scorecard import criteria
    criteria.register(criteria.Criterion(
        key="portal_reach", app="reach", name=_("…"), formula=_("…"), unit=_("بازدید"),
        higher_is_better=True, default_weight=10, public=True, order=45,
        compute=reach_per_agency, items=reach_items_of_agency,
        short=_("خواننده درگاه"), group="reach",  # the column's short heading, under «انتشار و دیده‌شدن»
    ))

A criterion whose app is not installed is simply not registered: no column, no weight, no zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

__all__ = ["GROUPS", "Criterion", "Entry", "all_criteria", "get", "register", "unregister"]

# The groups of the side-by-side table's columns (Criterion.group), in the order criteria come.
GROUPS = {
    "content": gettext_lazy("تولید محتوا"),
    "reach": gettext_lazy("انتشار و دیده‌شدن"),
    "cooperation": gettext_lazy("همکاری با دستگاه‌ها"),
    "council": gettext_lazy("شورا"),
}


@dataclass(frozen=True)
class Entry:
    """One record behind a figure: a line of the drill-down list."""

    title: str
    url: str = ""  # the workspace page of the record ("" when there is none to open)
    when: dt.datetime | dt.date | None = None
    note: str = ""  # what this record contributes («۳ ساعت», «بی‌تصویر», «به موقع»)


Compute = Callable[[int, list[int], object], dict[int, float | None]]
Items = Callable[[int, int, object], list[Entry]]


@dataclass(frozen=True)
class Criterion:
    key: str  # stable: stored in a council's weights and in exports ([a-z_]+)
    name: str  # Persian (a lazy gettext string)
    formula: str  # Persian: how the figure is computed, shown on the page
    unit: str  # Persian: «خبر», «درصد», «ساعت»…
    higher_is_better: bool
    compute: Compute
    items: Items | None = None
    default_weight: int = 0  # 0–100; see builtin.py for how the defaults were chosen
    # Whether one agency's figure may be shown to anyone (it restates the public record: published
    # items, republications on the portal): the public API shows only these.
    public: bool = False
    percent: bool = False  # the value is a share 0–100 (shown with «٪»)
    hours: bool = False  # the value is a time in hours
    app: str = "scorecard"
    order: int = 100
    short: str = ""  # Persian: the column's heading in the side-by-side table (the name when empty)
    group: str = ""  # a key of GROUPS: the heading above the column

    @property
    def heading(self) -> str:
        return self.short or self.name


_registry: dict[str, Criterion] = {}


def register(criterion: Criterion) -> None:
    """Add (or replace, by key) a criterion. Call it from an AppConfig.ready()."""
    if not criterion.key or not criterion.key.replace("_", "").isalnum() or not criterion.key.isascii():
        raise ValueError(f"bad criterion key {criterion.key!r}")
    if not 0 <= criterion.default_weight <= 100:
        raise ValueError(f"default weight of {criterion.key} out of 0..100")
    if criterion.group and criterion.group not in GROUPS:
        raise ValueError(f"unknown group {criterion.group!r} of {criterion.key}")
    _registry[criterion.key] = criterion


def unregister(key: str) -> None:
    _registry.pop(key, None)


def all_criteria() -> list[Criterion]:
    return sorted(_registry.values(), key=lambda c: (c.order, c.key))


def get(key: str) -> Criterion | None:
    return _registry.get(key)
