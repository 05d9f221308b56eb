"""How an indicator's monthly figures add up over a period, per its aggregation rule."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .models import Indicator

A = Indicator.Aggregation


def aggregate(rule: str, monthly: Iterable[tuple[int, Decimal]]) -> Decimal | None:
    """`monthly` is (month_index, value) pairs; None when there is no value at all.

    sum: the total of the months; average: the mean of the months that have a value;
    last: the value of the latest month that has one (a stock such as a length of road)."""
    pairs = sorted(monthly)
    if not pairs:
        return None
    if rule == A.SUM:
        return sum((v for _i, v in pairs), Decimal(0))
    if rule == A.AVERAGE:
        return sum((v for _i, v in pairs), Decimal(0)) / len(pairs)
    if rule == A.LAST:
        return pairs[-1][1]
    raise ValueError(rule)


def progress(actual: Decimal | None, target: Decimal | None, direction: str, *, rule: str = "",
             months: int = 12) -> Decimal | None:
    """Percent of the yearly target reached. For "lower is better" (e.g. accidents), reaching
    the target means staying at or under it: progress is target / actual. A lower-is-better sum
    is a ceiling for the whole year: part-way through it (`months` with figures) the year so far
    is held against the same share of the ceiling — 440 accidents in eleven months under a
    ceiling of 500 is 104 %, not the 113 % of the whole-year ceiling, nor 500 % in the first month."""
    if actual is None or not target:
        return None
    if direction == Indicator.Direction.LOWER:
        if rule == Indicator.Aggregation.SUM and 0 < months < 12:
            target = target * months / 12
        if actual <= 0:
            return Decimal(100)
        return min(target / actual * 100, Decimal(999))
    return actual / target * 100


def change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Percent change against the previous period."""
    if current is None or previous in (None, 0):
        return None
    return (current - previous) / abs(previous) * 100
