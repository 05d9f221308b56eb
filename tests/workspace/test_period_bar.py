"""The one period bar of the workspace (components/period_bar.html, hamafza.workspace.periods) on
the scorecard, the reciprocity record, the reach page and the consolidated report: the kinds each
page offers, Persian digits, the shortcuts and what they keep, the same period read the same way
everywhere, and a bad period marked on the field at fault."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hamafza.council.models import Campaign
from hamafza.persian.jalali import jalali_to_gregorian
from hamafza.reporting import periods
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

HOST = "khz.example.ir"
SCORECARD = "/workspace/scorecard/"
RECIPROCITY = "/workspace/cooperation/reciprocity/"
REACH = "/workspace/reach/"
REPORT = "/workspace/reporting/report/"
PAGES = {SCORECARD: ("month", "quarter", "year", "campaign"), RECIPROCITY: ("month", "quarter", "year", "campaign"),
         REACH: ("month", "quarter", "year", "span"), REPORT: ("month", "quarter", "year", "span", "campaign")}


@pytest.fixture
def week(personas):
    return Campaign.objects.create(council=personas.council, title="هفتهٔ حمل و نقل", slug="hafte",
                                   start_date=jalali_to_gregorian(1405, 8, 19), end_date=jalali_to_gregorian(1405, 8, 29))


def _get(client, user, url, params=None):
    sign_in_verified(client, user)
    return client.get(url, params or {}, HTTP_HOST=HOST)


def _bar(html: str) -> str:
    assert html.count("data-period-bar") == 1, "one period bar on the page"
    return html.split('<div class="period-picker">', 1)[1].split("</form>", 1)[0]


def _kinds(bar: str) -> tuple[str, ...]:
    select = bar.split('name="kind"', 1)[1].split("</select>", 1)[0]
    return tuple(re.findall(r'<option value="(\w+)"', select))


def _user(personas, url):
    return personas.observer if url == REACH else personas.secretariat


@pytest.mark.parametrize("url", list(PAGES))
def test_every_record_page_has_the_same_bar_with_the_kinds_it_supports(client, personas, week, url):
    response = _get(client, _user(personas, url), url, {"kind": "quarter", "year": "1405", "quarter": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    bar = _bar(html)
    assert _kinds(bar) == PAGES[url]
    assert 'name="year" value="۱۴۰۵"' in bar  # typed in Latin digits, shown in Persian ones
    assert re.search(r'<option value="3" selected>پاییز</option>', bar)
    assert "پاییز ۱۴۰۵" in html  # the same period, named the same way everywhere
    # The shortcuts: this month, this quarter, this year and last year, Jalali, Persian digits.
    year, month = periods.current_month()
    chips = re.findall(r'<a class="period-chip" href="\?([^"]*)"[^>]*>([^<]*)</a>', html)
    assert [label for _q, label in chips] == [
        periods.month(year, month).label, periods.quarter(year, (month - 1) // 3 + 1).label,
        periods.year(year).label, periods.year(year - 1).label]
    assert not re.search(r"[0-9]", "".join(label for _q, label in chips))
    if "campaign" in PAGES[url]:
        assert f'<option value="{week.pk}"' in bar and "هفتهٔ حمل و نقل" in bar


@pytest.mark.parametrize("url", [SCORECARD, RECIPROCITY])
def test_a_council_without_campaigns_is_not_offered_one(client, personas, url):
    bar = _bar(_get(client, personas.secretariat, url).content.decode())
    assert _kinds(bar) == ("month", "quarter", "year")


def test_the_current_shortcut_is_marked_and_each_keeps_the_pages_other_parameters(client, personas):
    year, _month = periods.current_month()
    html = _get(client, personas.observer, REACH, {"agency": personas.other.pk, "kind": "year", "year": str(year)}).content.decode()
    chips = re.findall(r'<a class="period-chip" href="\?([^"]*)"([^>]*)>([^<]*)</a>', html)
    assert [label for _q, current, label in chips if "aria-current" in current] == [periods.year(year).label]
    assert all(f"agency={personas.other.pk}" in query for query, _c, _l in chips)
    # The report keeps its council in the form and in the shortcuts.
    html = _get(client, personas.secretariat, REPORT).content.decode()
    assert f'<input type="hidden" name="council" value="{personas.council.pk}">' in _bar(html)
    assert all(f"council={personas.council.pk}" in q for q, _c, _l in re.findall(
        r'<a class="period-chip" href="\?([^"]*)"([^>]*)>([^<]*)</a>', html))


@pytest.mark.parametrize("url", list(PAGES))
def test_a_bad_year_is_marked_on_the_year_field(client, personas, url):
    response = _get(client, _user(personas, url), url, {"kind": "month", "year": "۹۹۹۹۹", "month": "8"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'<input name="year"[^>]*aria-invalid="true" aria-describedby="period-error"', html)
    assert 'id="period-error" role="alert">سال نادرست است. سال را مانند ۱۴۰۵ بنویسید.' in html


@pytest.mark.parametrize("url", list(PAGES))
def test_a_kind_the_page_does_not_offer_is_refused_in_persian(client, personas, url):
    response = _get(client, _user(personas, url), url, {"kind": "nope", "year": "1405"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'<select name="kind" data-period-kind aria-invalid="true"', html)
    assert "نوع دوره نادرست است." in html and "سال را مانند" not in html


def test_reach_offers_no_campaign_and_reads_a_run_of_months(client, personas, week):
    assert _get(client, personas.observer, REACH, {"kind": "campaign", "campaign": str(week.pk)}).status_code == 400
    html = _get(client, personas.observer, REACH,
                {"kind": "span", "year": "1405", "month": "7", "to_year": "1405", "to_month": "8"}).content.decode()
    assert "مهر ۱۴۰۵ تا آبان ۱۴۰۵" in html
    bar = _bar(html)
    assert 'name="to_year" value="۱۴۰۵"' in bar and re.search(r'name="to_month"[^>]*>.*?<option value="8" selected>', bar, re.S)


def test_a_campaign_error_does_not_ask_for_a_year(client, personas, week):
    response = _get(client, personas.secretariat, SCORECARD, {"kind": "campaign", "campaign": str(2**70)})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'<select name="campaign"[^>]*aria-invalid="true"', html)
    assert "پویش را از فهرست" in html and "سال را مانند" not in html


def test_a_periods_days_and_instants():
    """Aban 1405 is 23 October – 21 November 2026 (Farvardin 1 = 21 March; six months of 31 days
    and Mehr's 30 before Aban 1); a campaign is its own days."""
    from hamafza.persian.jalali import TEHRAN

    aban = periods.month(1405, 8)
    assert aban.days() == (dt.date(2026, 10, 23), dt.date(2026, 11, 21))
    assert aban.bounds() == (dt.datetime(2026, 10, 23, tzinfo=TEHRAN), dt.datetime(2026, 11, 22, tzinfo=TEHRAN))
    year = periods.year(1405)
    assert year.bounds() == (dt.datetime(2026, 3, 21, tzinfo=TEHRAN), dt.datetime(2027, 3, 21, tzinfo=TEHRAN))
    campaign = periods.Period(aban.start, aban.end, "", first_day=dt.date(2026, 11, 10), last_day=dt.date(2026, 11, 20))
    assert campaign.bounds() == (dt.datetime(2026, 11, 10, tzinfo=TEHRAN), dt.datetime(2026, 11, 21, tzinfo=TEHRAN))
