"""Coverage counts in the council's activity report (council.reports) and the consolidated
report (reporting.report), through the hooks hamafza.coverage registers in its ready()."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.agencies.registry import get_registry
from hamafza.council import reports
from hamafza.coverage.models import Coverage, MonitoredEntry
from hamafza.persian import jalali
from hamafza.press.models import Outlet
from hamafza.reporting import periods
from hamafza.reporting import report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage(world):
    a, council = world["A"], world["council"]
    now = timezone.now()
    item = factories.make_item(a, published_at=now - dt.timedelta(hours=5))
    rows = []
    for n, status in enumerate(["confirmed", "confirmed", "pending", "rejected"]):
        outlet = Outlet.objects.create(council=council, agency=a, name=f"رسانه {n}")
        entry = MonitoredEntry.objects.create(council=council, outlet=outlet, url=f"https://o{n}.example/1", fetched_at=now)
        rows.append(Coverage.objects.create(council=council, item=item, agency=a, outlet=outlet, entry=entry, url=entry.url,
                                            published_at=now - dt.timedelta(hours=4), status=status))
    return rows


def test_activity_report_counts_confirmed_coverage(world, coverage):
    today = timezone.now().astimezone(jalali.TEHRAN).date()
    figures = reports.activity_figures(world["A"].pk, today - dt.timedelta(days=2), today)
    assert figures["coverage_records"] == 2 and figures["coverage_outlets"] == 2 and figures["coverage_items"] == 1
    assert reports.activity_figures(world["B"].pk, today - dt.timedelta(days=2), today)["coverage_records"] == 0


def test_consolidated_report_counts_confirmed_coverage(world, coverage):
    year, month = periods.current_month()
    council = get_registry().councils[world["council"].pk]
    data = report.build(council, periods.month(year, month))
    by_agency = {s.agency.id: s.coverage for s in data["sections"]}
    assert by_agency[world["A"].pk] == {"records": 2, "items": 1, "outlets": 2}
    assert data["totals"]["coverage"] == 2
    html = report.render_html(data)
    assert "بازتاب در رسانه‌ها" in html


def test_reciprocity_record_counts_confirmed_coverage(world, coverage):
    from hamafza.cooperation import reciprocity

    year, month = periods.current_month()
    rows = {r.agency_id: r for r in reciprocity.council_record(world["council"].pk, periods.month(year, month))}
    assert rows[world["A"].pk].coverage == 2 and rows[world["B"].pk].coverage == 0


def test_scorecard_criterion_counts_in_one_grouped_query(world, coverage, django_assert_num_queries):
    """The scorecard's coverage column: confirmed records per agency, one GROUP BY however many
    records there are (it used to fetch every record and count them in Python)."""
    from hamafza.coverage.scorecard import coverage as criterion

    a, b, c, council = world["A"], world["B"], world["C"], world["council"]
    year, month = periods.current_month()
    period = periods.month(year, month)
    with django_assert_num_queries(1):
        assert criterion(council.pk, [a.pk, b.pk, c.pk], period) == {a.pk: 2, b.pk: 0, c.pk: 0}
    now = timezone.now()
    item = factories.make_item(b, published_at=now - dt.timedelta(hours=3))
    for n in range(5):
        outlet = Outlet.objects.create(council=council, agency=a, name=f"رسانهٔ دیگر {n}")
        entry = MonitoredEntry.objects.create(council=council, outlet=outlet, url=f"https://p{n}.example/1", fetched_at=now)
        Coverage.objects.create(council=council, item=item, agency=b, outlet=outlet, entry=entry, url=entry.url,
                                published_at=now - dt.timedelta(hours=2), status="confirmed")
    with django_assert_num_queries(1) as queries:
        assert criterion(council.pk, [a.pk, b.pk, c.pk], period) == {a.pk: 2, b.pk: 5, c.pk: 0}
    sql = queries.captured_queries[0]["sql"].upper()
    assert "COUNT(" in sql and "GROUP BY" in sql  # the database counts; one row per agency comes back
    assert criterion(council.pk, [b.pk], period) == {b.pk: 5}
