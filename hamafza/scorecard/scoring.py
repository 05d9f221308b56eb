"""The scorecard of a council for a period: every registered criterion for every member agency,
normalised against the council's best, weighted by the council's weights, ranked, and compared
with the period before.

Normalisation (shown on the page, docs/scorecard.md):
- a criterion where more is better: value ÷ the council's highest value in the period (the best
  agency gets 1; when every agency has 0, everyone gets 0);
- a criterion where less is better (hours): the council's lowest value ÷ value (the fastest gets
  1; a value of 0 hours is the best there is and gets 1);
- an agency with no value for a criterion (no timed item, no task due): that criterion is left
  out of its score, both above and below the fraction line — nothing to measure is neither merit
  nor fault.
Score = 100 × Σ(weight × normalised value) ÷ Σ(weight), over the scored criteria (weight > 0)
the agency has a value for, rounded to one decimal. Ranks: by score, highest first; equal scores
share a rank (1, 1, 3); an agency with no score has no rank.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace

from hamafza.agencies.registry import AgencyInfo, get_registry
from hamafza.persian import jalali
from hamafza.reporting import periods
from hamafza.reporting.periods import Period, from_index

from . import criteria as registry_of_criteria
from .criteria import Criterion

MIN_FOR_MEDIAN = 3

__all__ = ["AgencyCard", "Board", "Figure", "board", "normalise", "previous_period", "weights_of"]


@dataclass
class Figure:
    criterion: Criterion
    value: float | None
    normalised: float | None
    weight: int


@dataclass
class AgencyCard:
    agency: AgencyInfo
    figures: dict[str, Figure] = field(default_factory=dict)
    score: float | None = None
    rank: int | None = None
    previous_score: float | None = None

    @property
    def trend(self) -> float | None:
        if self.score is None or self.previous_score is None:
            return None
        return round(self.score - self.previous_score, 1)


@dataclass
class Board:
    council_id: int
    period: Period
    previous: Period | None
    criteria: list[Criterion]
    weights: dict[str, int]
    cards: list[AgencyCard]
    medians: dict[str, float | None]
    median_score: float | None
    present: dict[str, int] = field(default_factory=dict)  # agencies with a value, per criterion

    def agency_median(self, key: str) -> float | None:
        """The median an agency is shown: only where at least MIN_FOR_MEDIAN agencies have a
        value (the median of two values would give the other agency's figure away)."""
        return self.medians.get(key) if self.present.get(key, 0) >= MIN_FOR_MEDIAN else None

    def agency_median_score(self) -> float | None:
        scored = sum(1 for c in self.cards if c.score is not None)
        return self.median_score if scored >= MIN_FOR_MEDIAN else None

    def card(self, agency_id: int) -> AgencyCard | None:
        return next((c for c in self.cards if c.agency.id == agency_id), None)

    @property
    def scored(self) -> list[Criterion]:
        return [c for c in self.criteria if self.weights.get(c.key, 0) > 0]


def weights_of(council_id: int) -> dict[str, int]:
    """The council's weight of every registered criterion (its default where none was set)."""
    from .models import ScorecardSettings

    stored = ScorecardSettings.objects.filter(council_id=council_id).values_list("weights", flat=True).first() or {}
    return {c.key: int(stored.get(c.key, c.default_weight)) for c in registry_of_criteria.all_criteria()}


def normalise(values: dict[int, float | None], higher_is_better: bool) -> dict[int, float | None]:
    present = [v for v in values.values() if v is not None]
    out: dict[int, float | None] = {}
    for agency_id, v in values.items():
        if v is None:
            out[agency_id] = None
        elif higher_is_better:
            best = max(present)
            out[agency_id] = v / best if best > 0 else 0.0
        else:
            best = min(present)
            out[agency_id] = 1.0 if v <= 0 else best / v
    return out


def previous_period(period: Period) -> Period:
    """The period of the same length just before: the month, quarter or year before, or as many
    days before a campaign as the campaign lasted."""
    if period.first_day is not None and period.last_day is not None:
        import datetime as dt

        length = (period.last_day - period.first_day).days + 1
        first, last = period.first_day - dt.timedelta(days=length), period.first_day - dt.timedelta(days=1)
        a, b = jalali.to_jalali(first), jalali.to_jalali(last)
        label = f"{jalali.format_date(first)} تا {jalali.format_date(last)}"
        return replace(periods.span(a.year, a.month, b.year, b.month, label), first_day=first, last_day=last)
    n = period.end - period.start + 1
    start = period.start - n
    y, m = from_index(start)
    if n == 1:
        return periods.month(y, m)
    if n == 3 and m in (1, 4, 7, 10):
        return periods.quarter(y, (m - 1) // 3 + 1)
    if n == 12 and m == 1:
        return periods.year(y)
    y2, m2 = from_index(period.end - n)
    return periods.span(y, m, y2, m2)


def _scores(values: dict[str, dict[int, float | None]], crits: list[Criterion], weights: dict[str, int],
            agency_ids: list[int]) -> tuple[dict[str, dict[int, float | None]], dict[int, float | None]]:
    normalised = {c.key: normalise(values[c.key], c.higher_is_better) for c in crits}
    scores: dict[int, float | None] = {}
    for agency_id in agency_ids:
        total = weight_sum = 0.0
        for c in crits:
            w = weights.get(c.key, 0)
            n = normalised[c.key].get(agency_id)
            if w > 0 and n is not None:
                total += w * n
                weight_sum += w
        scores[agency_id] = round(100 * total / weight_sum, 1) if weight_sum else None
    return normalised, scores


def _values(council_id: int, crits: list[Criterion], agency_ids: list[int], period: Period):
    out = {}
    for c in crits:
        got = c.compute(council_id, list(agency_ids), period) or {}
        out[c.key] = {a: (None if got.get(a) is None else float(got[a])) for a in agency_ids}
    return out


def _median(values) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def board(council_id: int, period: Period, with_previous: bool = True) -> Board:
    """The scorecard of every member agency of the council."""
    registry = get_registry()
    info = registry.councils.get(council_id)
    agency_ids = [a for a in (info.member_ids if info else ()) if a in registry.agencies]
    crits = registry_of_criteria.all_criteria()
    weights = weights_of(council_id)
    values = _values(council_id, crits, agency_ids, period)
    normalised, scores = _scores(values, crits, weights, agency_ids)
    previous = previous_period(period) if with_previous else None
    before: dict[int, float | None] = {}
    if previous is not None:
        _n, before = _scores(_values(council_id, [c for c in crits if weights.get(c.key, 0) > 0], agency_ids, previous),
                             [c for c in crits if weights.get(c.key, 0) > 0], weights, agency_ids)
    cards = []
    for agency_id in agency_ids:
        card = AgencyCard(registry.agencies[agency_id], score=scores[agency_id], previous_score=before.get(agency_id))
        for c in crits:
            card.figures[c.key] = Figure(c, values[c.key][agency_id], normalised[c.key][agency_id], weights.get(c.key, 0))
        cards.append(card)
    ranked = sorted((c for c in cards if c.score is not None), key=lambda c: -c.score)
    for position, card in enumerate(ranked):
        card.rank = position + 1 if position == 0 or card.score != ranked[position - 1].score else ranked[position - 1].rank
    return Board(
        council_id=council_id, period=period, previous=previous, criteria=crits, weights=weights, cards=cards,
        medians={c.key: _median(values[c.key].values()) for c in crits},
        median_score=_median(scores.values()),
        present={c.key: sum(1 for v in values[c.key].values() if v is not None) for c in crits},
    )


def figure_text(criterion: Criterion, value: float | None) -> str:
    """A value as people read it: «۱۲», «۸۳٪», «۳٫۵ ساعت»; «—» when there is nothing to measure."""
    from hamafza.cooperation.reciprocity import format_hours
    from hamafza.persian.digits import format_number, format_percent

    if value is None:
        return "—"
    if criterion.percent:
        return format_percent(value)
    if criterion.hours:
        return format_hours(value * 3600)
    return format_number(value, places=1)


def score_text(score: float | None) -> str:
    from hamafza.persian.digits import format_number

    return "—" if score is None else format_number(score, places=1)


def trend_text(change: float | None) -> str:
    """«+۴٫۵», «−۲», «۰» (no sign when it rounds to nothing), «—» without a previous score."""
    from hamafza.persian.digits import format_number

    if change is None:
        return "—"
    if round(change, 1) == 0:
        return format_number(0)
    return ("+" if change > 0 else "") + format_number(change, places=1)
