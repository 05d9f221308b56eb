"""The consolidated report of a council campaign: the campaign's months for the figures, its own
days for the cooperation record; chosen in the workspace form, built as a PDF in the background;
never another council's campaign."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from hamafza.council.models import Campaign
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian
from hamafza.reporting import actions, periods, report
from hamafza.reporting.models import ReportJob
from tests.factories import make_agency, make_council, make_item
from tests.personas import sign_in_verified

from .conftest import council_info

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("azar_1405")]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def week(personas):
    """19–29 Aban 1405 (10–20 November 2026)."""
    return Campaign.objects.create(council=personas.council, title="هفتهٔ حمل و نقل", slug="week",
                                   start_date=jalali_to_gregorian(1405, 8, 19), end_date=jalali_to_gregorian(1405, 8, 29))


@pytest.fixture
def approved(personas, indicator):
    for month, value in [(7, "300"), (8, "450")]:
        actions.do_enter_value(personas.own_staff, indicator, 1405, month, value)
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    return indicator


def test_parse_campaign_covers_its_months_and_keeps_its_days(personas, week):
    period = periods.parse({"kind": "campaign", "campaign": f"{week.pk}"}, personas.council.id)
    assert period.months == [(1405, 8)]
    assert (period.first_day, period.last_day) == (week.start_date, week.end_date)
    assert "هفتهٔ حمل و نقل" in period.label and "۱۹ آبان ۱۴۰۵" in period.label and "۲۹ آبان ۱۴۰۵" in period.label
    start, end = period.bounds()
    assert start == dt.datetime(2026, 11, 10, tzinfo=TEHRAN) and end == dt.datetime(2026, 11, 21, tzinfo=TEHRAN)


def test_campaign_of_another_council_or_none_is_refused(personas, week):
    elsewhere = make_council(make_agency("ادارهٔ دیگر"))
    theirs = Campaign.objects.create(council=elsewhere, title="پویش دیگر", slug="x",
                                     start_date=week.start_date, end_date=week.end_date)
    for params in ({"kind": "campaign", "campaign": str(theirs.pk)}, {"kind": "campaign", "campaign": "abc"},
                   {"kind": "campaign"}):
        with pytest.raises(periods.PeriodError, match="پویش"):
            periods.parse(params, personas.council.id)
    with pytest.raises(periods.PeriodError):
        periods.parse({"kind": "campaign", "campaign": str(week.pk)}, None)


def test_cooperation_counts_only_the_campaign_days(personas, week, approved):
    inside = dt.datetime(2026, 11, 15, 12, tzinfo=TEHRAN)
    before = dt.datetime(2026, 10, 28, 12, tzinfo=TEHRAN)  # 6 Aban: the same month, before the campaign
    make_item(personas.own, published_at=inside)
    make_item(personas.own, published_at=before)
    council = council_info(personas.council)
    by_campaign = report.build(council, periods.campaign(week))
    by_month = report.build(council, periods.month(1405, 8))
    own = lambda data: next(s for s in data["sections"] if s.agency.id == personas.own.id)  # noqa: E731
    assert own(by_campaign).led == 1 and own(by_month).led == 2
    # The figures are the campaign's month: Aban (450), not Mehr.
    assert [line.total for line in own(by_campaign).lines] == [450]


def test_workspace_form_offers_campaigns_and_shows_the_report(client, personas, week, approved):
    sign_in_verified(client, personas.secretariat)
    form = client.get(reverse("workspace:reporting_report")).content.decode()
    assert f'<option value="{week.pk}"' in form and "هفتهٔ حمل و نقل" in form and 'value="campaign"' in form
    page = client.get(reverse("workspace:reporting_report"), {"kind": "campaign", "campaign": str(week.pk)})
    html = page.content.decode()
    assert page.status_code == 200 and "پویش «هفتهٔ حمل و نقل»" in html and "۴۵۰" in html
    bad = client.get(reverse("workspace:reporting_report"), {"kind": "campaign", "campaign": "99999"})
    assert bad.status_code == 400 and "پویش را از فهرست" in bad.content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_campaign_pdf_job_keeps_the_days(client, personas, week, approved, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    sign_in_verified(client, personas.secretariat)
    response = client.post(reverse("workspace:reporting_request_pdf"), {"kind": "campaign", "campaign": str(week.pk)},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE, job.error
    assert (job.first_day, job.last_day) == (week.start_date, week.end_date)
    assert (job.start_year, job.start_month, job.end_year, job.end_month) == (1405, 8, 1405, 8)
    assert job.title.startswith("پویش «هفتهٔ حمل و نقل»")
