"""The scorecard pages: the observer sees every agency side by side; an agency sees only its own
figures and the council's median; tampered ids and another council's ids are refused; the
weights are changed by the secretariat only; the XLSX and the report's section."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hamafza.audit.models import AuditEvent
from hamafza.scorecard.models import ScorecardSettings
from tests import factories
from tests.personas import make_user, sign_in_verified

from .once import _built, personas, record  # noqa: F401  (fixtures: the record built once for the module)

ABAN = {"kind": "month", "year": "۱۴۰۵", "month": "8"}
PAGE = reverse("workspace:scorecard:page")


def _get(client, user, url, params=None):
    sign_in_verified(client, user)
    return client.get(url, params or {}, HTTP_HOST="khz.example.ir")


def _row_agencies(html: str) -> list[str]:
    return re.findall(r'data-agency="(\d+)"', html)


def test_the_observer_sees_every_agency_with_ranks_and_trends(client, personas, record):
    response = _get(client, personas.observer, PAGE, ABAN)
    html = response.content.decode()
    assert response.status_code == 200
    a, b, c = (str(x.pk) for x in (personas.own, personas.other, personas.supporting))
    assert _row_agencies(html) == [a, b, c]  # by rank
    assert "۷۶٫۸" in html and "۵۲٫۵" in html and "۱۴٫۶" in html and "+۵۰٫۱" in html
    assert "میانهٔ شورا" in html
    # The formulas and the normalisation are on the page.
    assert "کمترین رقم شورا ÷ رقم دستگاه" in html and "شمار گزارش‌های تصویری منتشرشدهٔ دستگاه در دوره" in html
    # Each figure links to the records behind it.
    assert f"{reverse('workspace:scorecard:items', args=['news_count'])}?" in html and f"agency={b}" in html


def test_an_agency_sees_its_own_figures_and_the_median_only(client, personas, record):
    response = _get(client, personas.other_staff, PAGE, ABAN)
    html = response.content.decode()
    assert response.status_code == 200
    b = str(personas.other.pk)
    assert set(_row_agencies(html)) == {b}
    assert "۵۲٫۵" in html  # its own score, which is also the council's median here
    assert "۷۶٫۸" not in html and "۱۴٫۶" not in html  # nobody else's score
    assert f"agency={personas.own.pk}" not in html and f"agency={personas.supporting.pk}" not in html
    assert 'data-figure="rank"' not in html


def test_items_behind_a_figure(client, personas, record):
    url = reverse("workspace:scorecard:items", args=["event_to_publication"])
    response = _get(client, personas.own_staff, url, {**ABAN, "agency": personas.own.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "افتتاح پل کارون" in html and "۴ ساعت" in html and "۷ ساعت" in html
    assert reverse("workspace:item", args=[record["a1"].pk]) in html


@pytest.mark.parametrize("agency", ["other", "supporting", "foreign", "huge", "text"])
def test_an_agency_cannot_open_another_agencys_records(client, personas, record, agency):
    foreign = factories.make_agency("اداره کل فرودگاه‌های بوشهر")
    factories.make_council(foreign, hostname="bsh.example.ir")
    ids = {"other": personas.other.pk, "supporting": personas.supporting.pk, "foreign": foreign.pk,
           "huge": 2**70, "text": "x\x00"}
    url = reverse("workspace:scorecard:items", args=["news_count"])
    response = _get(client, personas.own_staff, url, {**ABAN, "agency": ids[agency]})
    assert response.status_code == 404
    missing = _get(client, personas.own_staff, url, {**ABAN, "agency": 999999})
    assert response.content.count(b"404") == missing.content.count(b"404")


def test_another_councils_id_is_refused_and_the_observer_sees_only_their_council(client, personas, record):
    other_head = factories.make_agency("اداره کل بنادر بوشهر")
    other = factories.make_council(other_head, hostname="bsh.example.ir")
    # ?council= of a council the person has no role on: their own council is shown instead.
    html = _get(client, personas.observer, PAGE, {**ABAN, "council": other.pk}).content.decode()
    assert str(other_head.pk) not in _row_agencies(html) and str(personas.own.pk) in _row_agencies(html)
    url = reverse("workspace:scorecard:items", args=["news_count"])
    assert _get(client, personas.observer, url, {**ABAN, "agency": other_head.pk, "council": other.pk}).status_code == 404
    # Someone with no role on any council: 404.
    lonely = make_user("lonely")
    assert _get(client, lonely, PAGE, ABAN).status_code == 404


def test_unknown_criterion_and_bad_period(client, personas, record):
    assert _get(client, personas.observer, reverse("workspace:scorecard:items", args=["nope"]),
                {**ABAN, "agency": personas.own.pk}).status_code == 404
    response = _get(client, personas.observer, PAGE, {"kind": "month", "year": "۹۹۹۹۹", "month": "8"})
    assert response.status_code == 400 and "سال" in response.content.decode()
    assert _get(client, personas.observer, PAGE, {"kind": "campaign", "campaign": str(2**70)}).status_code == 400


def test_the_secretariat_changes_the_weights_and_it_is_audited(client, personas, record):
    url = reverse("workspace:scorecard:weights")
    sign_in_verified(client, personas.secretariat)
    assert client.get(url, HTTP_HOST="khz.example.ir").status_code == 200
    response = client.post(url, {"weight_news_count": "۳۰", "weight_help_received": "5", "public_scores": "on"},
                           HTTP_HOST="khz.example.ir")
    assert response.status_code == 302
    stored = ScorecardSettings.objects.get(council=personas.council)
    assert stored.weights["news_count"] == 30 and stored.weights["help_received"] == 5 and stored.public_scores
    event = AuditEvent.objects.get(action="scorecard.weights_changed")
    assert event.council_id == personas.council.pk
    for bad in ("101", "-1", "x\x00", "9" * 70, str(2**70)):
        response = client.post(url, {"weight_news_count": bad}, HTTP_HOST="khz.example.ir")
        assert response.status_code == 400 and "۱۰۰" in response.content.decode()
    all_zero = {f"weight_{k}": "0" for k in stored.weights}
    assert client.post(url, all_zero, HTTP_HOST="khz.example.ir").status_code == 400


@pytest.mark.parametrize("who,status", [("observer", 403), ("own_head", 403), ("other_staff", 403), ("anonymous", 302)])
def test_only_the_secretariat_changes_weights(client, personas, record, who, status):
    url = reverse("workspace:scorecard:weights")
    if who != "anonymous":
        sign_in_verified(client, getattr(personas, who))
    response = client.post(url, {"weight_news_count": "50"}, HTTP_HOST="khz.example.ir")
    assert response.status_code == status
    assert not ScorecardSettings.objects.exists()


def test_xlsx_for_the_observer_and_for_an_agency(client, personas, record):
    url = reverse("workspace:scorecard:export")
    wb = load_workbook(io.BytesIO(_get(client, personas.observer, url, ABAN).content))
    rows = list(wb.active.iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in rows] == [personas.own.name, personas.other.name, personas.supporting.name, "میانهٔ شورا"]
    assert rows[0][:3] == (1, personas.own.name, 76.8)
    assert "معیارها" in wb.sheetnames
    client.logout()
    wb = load_workbook(io.BytesIO(_get(client, personas.other_staff, url, ABAN).content))
    rows = list(wb.active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == [personas.other.name, "میانهٔ شورا"]


def test_the_consolidated_report_has_the_scorecard_page(personas, record):
    from hamafza.agencies.registry import get_registry
    from hamafza.reporting import periods, report

    data = report.build(get_registry().councils[personas.council.pk], periods.month(1405, 8))
    html = report.render_html(data)
    assert 'id="report-scorecard"' in html and "کارنامهٔ روابط عمومی" in html and "۷۶٫۸" in html


def test_an_empty_period_adds_no_scorecard_page(personas, record):
    from hamafza.agencies.registry import get_registry
    from hamafza.reporting import periods, report

    data = report.build(get_registry().councils[personas.council.pk], periods.year(1390))
    assert data["extra_sections"] == []


def test_an_agency_is_not_shown_a_median_of_two_values(client, personas, record):
    """Image share: only A (50 %) and B (100 %) have a value — their median, 75 %, would tell B
    that A has 50 %. News: three values, median 1, shown."""
    html = _get(client, personas.other_staff, PAGE, ABAN).content.decode()
    row = re.search(r'data-criterion="image_share".*?</tr>', html, re.S).group(0)
    assert "۷۵٪" not in row and 'data-figure="median">—<' in row
    row = re.search(r'data-criterion="news_count".*?</tr>', html, re.S).group(0)
    assert 'data-figure="median">۱<' in row
    observer = _get(client, personas.observer, PAGE, ABAN).content.decode()
    assert "۷۵٪" in observer
