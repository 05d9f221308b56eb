"""Each indicator adds its months up by its own rule."""

from decimal import Decimal

import pytest

from hamafza.reporting import aggregation, periods
from hamafza.reporting.models import Indicator

D = Decimal
MONTHS = [(periods.month_index(1404, m), D(v)) for m, v in [(1, 10), (2, 20), (3, 60)]]


def test_sum_adds_the_months():
    assert aggregation.aggregate("sum", MONTHS) == D(90)


def test_average_is_the_mean_of_months_with_a_value():
    assert aggregation.aggregate("average", MONTHS) == D(30)


def test_last_is_the_latest_month_whatever_the_order():
    assert aggregation.aggregate("last", list(reversed(MONTHS))) == D(60)


def test_no_values_is_none():
    assert aggregation.aggregate("sum", []) is None


def test_progress_follows_the_direction():
    assert aggregation.progress(D(50), D(100), Indicator.Direction.HIGHER) == D(50)
    # Lower is better: 80 accidents against a ceiling of 100 is the target met.
    assert aggregation.progress(D(125), D(100), Indicator.Direction.LOWER) == D(80)
    assert aggregation.progress(D(80), D(100), Indicator.Direction.LOWER) == D(125)


@pytest.mark.django_db
def test_series_total_per_indicator_over_a_quarter(personas):
    from hamafza.reporting.selectors import Series

    for rule, expected in [("sum", D(90)), ("average", D(30)), ("last", D(60))]:
        ind = Indicator.objects.create(agency=personas.own, name=rule, unit="count", aggregation=rule)
        series = Series(ind, dict(MONTHS + [(periods.month_index(1404, 4), D(1000))]))
        assert series.total(periods.quarter(1404, 1)) == expected


def test_periods_are_jalali():
    assert periods.quarter(1404, 2).months == [(1404, 4), (1404, 5), (1404, 6)]
    assert periods.year(1404).label == "سال ۱۴۰۴"
    assert periods.span(1404, 11, 1405, 2).months == [(1404, 11), (1404, 12), (1405, 1), (1405, 2)]
    assert periods.parse({"kind": "month", "year": "۱۴۰۵", "month": "۹"}).label == "آذر ۱۴۰۵"
    with pytest.raises(periods.PeriodError):
        periods.parse({"kind": "month", "year": "۱۴۰۵", "month": "۱۳"})


def test_a_lower_is_better_ceiling_is_prorated_part_way_through_the_year():
    lower, total = Indicator.Direction.LOWER, Indicator.Aggregation.SUM
    # 440 fatal accidents in eleven months under a yearly ceiling of 500: a little over the pace.
    assert round(aggregation.progress(D(440), D(500), lower, rule=total, months=11)) == 104
    # One month in, 40 against a ceiling of 500 is on pace, not 1250 %.
    assert round(aggregation.progress(D(40), D(480), lower, rule=total, months=1)) == 100
    # The whole year is held against the whole ceiling.
    assert aggregation.progress(D(400), D(500), lower, rule=total, months=12) == D(125)
    # An average or a last value is not a running total: no pro-rating.
    assert aggregation.progress(D(8), D(10), lower, rule=Indicator.Aggregation.AVERAGE, months=3) == D(125)
    # Higher is better: the year so far against the whole target, as before.
    assert aggregation.progress(D(50), D(100), Indicator.Direction.HIGHER, rule=total, months=6) == D(50)
