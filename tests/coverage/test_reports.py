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
