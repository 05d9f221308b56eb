"""The public dashboard and open data: only approved figures of public indicators, Jalali
months, Persian digits, each chart with its table; and the council boundary."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from hamafza.reporting import actions
from hamafza.reporting.models import Indicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]
HOST = {"HTTP_HOST": "khz.example.ir"}


@pytest.fixture
def figures(personas, indicator):
    for year, month, value in [(1404, 1, "1000"), (1404, 2, "1200"), (1405, 1, "1100"), (1405, 2, "1500")]:
        actions.do_enter_value(personas.own_staff, indicator, year, month, value)
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    hidden = Indicator.objects.create(agency=personas.own, name="شاخص درونی", unit="count", is_public=False)
    actions.do_enter_value(personas.own_staff, hidden, 1405, 1, "5")
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    # Typed and submitted, never approved: must not show.
    actions.do_enter_value(personas.own_staff, indicator, 1405, 3, "777777")
    actions.do_submit(personas.own_staff, personas.own.id)
    # The factories number councils in Latin digits; the page must have none of its own.
    personas.council.name = personas.council.portal_title = "شورای هماهنگی روابط عمومی‌های خوزستان"
    personas.council.save()
    return indicator


def test_agency_page_shows_chart_and_table_in_jalali_and_persian_digits(client, personas, figures):
    response = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "فروردین" in html and "اسفند" in html
    table = html[html.index('<details class="chart__data">', html.index(f'id="indicator-{figures.id}"')):]
    table = table[: table.index("</details>")]
    assert "فروردین" in table and "۱٬۵۰۰" in table and "۱٬۲۰۰" in table
    # The key figure: Farvardin+Ordibehesht 1405 = 2,600 against 2,200 the year before (+18%).
    assert "۲٬۶۰۰" in html and "+۱۸٪" in html
    assert "۷۷۷" not in html and "شاخص درونی" not in html
    # No Latin digit in the text people read (outside markup and the SVG's coordinates).
    text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S))
    assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)[:3]


def test_svg_labels_are_persian(client, personas, figures):
    html = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST).content.decode()
    start = html.index("<svg", html.index(f'id="indicator-{figures.id}"'))
    svg = html[start: html.index("</svg>", start)]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "فروردین" in labels and "۱۴۰۵" in labels
    assert not any(re.search(r"[0-9]", label) for label in labels)


def test_overview_and_sector(client, personas, figures, sectors):
    overview = client.get(reverse("portal:dashboard"), **HOST)
    assert overview.status_code == 200 and figures.name in overview.content.decode()
    sector = personas.own.sectors.first()
    page = client.get(reverse("portal:dashboard_sector", args=[sector.slug]), **HOST)
    assert page.status_code == 200 and figures.name in page.content.decode()


def test_an_agency_of_another_council_is_a_404(client, personas, figures):
    assert client.get(reverse("portal:dashboard_agency", args=[personas.pending_supporting.slug]), **HOST).status_code == 404
    assert client.get(reverse("portal:dashboard_agency", args=["نیست"]), **HOST).status_code == 404


def test_bad_year_is_a_404(client, personas, figures):
    url = reverse("portal:dashboard_agency", args=[personas.own.slug])
    assert client.get(url, {"year": "abc"}, **HOST).status_code == 404
    assert client.get(url, {"year": "۱۴۰۴"}, **HOST).status_code == 200


def test_open_data_csv_and_json(client, personas, figures):
    body = b"".join(client.get(reverse("portal:open_data_csv"), **HOST).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["period"], r["value"]) for r in rows] == [("1404-01", "1000"), ("1404-02", "1200"), ("1405-01", "1100"), ("1405-02", "1500")]
    assert rows[0]["agency"] == personas.own.slug and rows[0]["unit"] == "passenger"
    data = json.loads(client.get(reverse("portal:open_data_json"), {"year": "۱۴۰۵"}, **HOST).content)
    assert [v["value"] for v in data["values"]] == ["1100", "1500"]
    schema = json.loads(client.get(reverse("portal:open_data_schema"), **HOST).content)
    assert set(schema["properties"]["values"]["items"]["properties"]) == set(rows[0])
    page = client.get(reverse("portal:open_data"), **HOST)
    assert page.status_code == 200 and "approved_at" in page.content.decode()


def test_an_approval_refreshes_the_cached_chart(client, personas, figures):
    url = reverse("portal:dashboard_agency", args=[personas.own.slug])
    client.get(url, **HOST)
    assert "۷۷۷٬۷۷۷" not in client.get(url, **HOST).content.decode()
    actions.do_approve(personas.own_head, personas.own.id)
    assert "۷۷۷٬۷۷۷" in client.get(url, **HOST).content.decode()
    assert figures.values.get(year=1405, month=3).approved_value == Decimal(777777)


def test_achievements_show_with_their_public_news(client, personas, figures):
    from hamafza.reporting.models import Achievement
    from tests import factories

    news = factories.make_item(personas.own, title="افتتاح بزرگراه اهواز")
    draft = factories.make_item(personas.own, title="پیش‌نویس محرمانه", published=False)
    a = Achievement.objects.create(agency=personas.own, title="افتتاح ۱۲ کیلومتر بزرگراه", body="شرح", year=1405, month=8)
    a.news_items.set([news, draft])
    Achievement.objects.create(agency=personas.own, title="دستاورد درونی", body="-", year=1405, month=8, is_public=False)
    html = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST).content.decode()
    assert "افتتاح ۱۲ کیلومتر بزرگراه" in html and "آبان ۱۴۰۵" in html and "افتتاح بزرگراه اهواز" in html
    assert "پیش‌نویس محرمانه" not in html and "دستاورد درونی" not in html


def test_sector_page_has_monthly_charts_with_tables(client, personas, figures, sectors):
    sector = personas.own.sectors.first()
    html = client.get(reverse("portal:dashboard_sector", args=[sector.slug]), **HOST).content.decode()
    chart = html[html.index(f'id="indicator-{figures.id}"'):]
    chart = chart[: chart.index("</figure>")]
    assert "<svg" in chart and personas.own.short_name in chart
    table = chart[chart.index('<details class="chart__data">'):]
    assert "فروردین" in table and "اردیبهشت" in table and "۱٬۵۰۰" in table and "۱٬۲۰۰" in table
    assert f'id="agency-{personas.own.slug}"' in html  # the charts are grouped under their agency
    text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S))
    assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)[:3]


def test_approval_stores_the_charts_and_pages_read_them_without_drawing(client, personas, figures, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    from hamafza.reporting import charts, selectors
    from hamafza.reporting.models import StoredChart

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_approve(personas.own_head, personas.own.id)
    series = next(s for s in selectors.public_series([personas.own.id]) if s.indicator.id == figures.id)
    stored = StoredChart.objects.get(slot=f"monthly:{figures.id}:1405")
    assert stored.key == charts.monthly_spec(series, 1405).key and stored.svg.startswith("<svg")
    assert StoredChart.objects.filter(slot=charts.agency_slot(personas.own.id, 1405)).exists()

    def no_drawing(*args, **kwargs):
        raise AssertionError("a chart was drawn during the request")

    monkeypatch.setattr(charts.Line, "render", no_drawing)
    monkeypatch.setattr(charts.HorizontalBar, "render", no_drawing)
    html = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST).content.decode()
    assert html.count("<svg") == 2 and "۷۷۷٬۷۷۷" in html
    # pygal's stylesheet once in the page (raw CSS, not XML-escaped), none inside the charts.
    styles = re.findall(r"<style[^>]*>(\.hz-chart.*?)</style>", html, re.S)
    assert len(styles) == 1 and ".plot > .background" in styles[0] and "&gt;" not in styles[0]
    assert all("<style" not in svg for svg in re.findall(r"<svg.*?</svg>", html, re.S))


def test_a_stale_stored_chart_is_redrawn_not_shown(client, personas, figures, django_capture_on_commit_callbacks):
    from hamafza.reporting.models import StoredChart

    with django_capture_on_commit_callbacks(execute=True):
        actions.do_approve(personas.own_head, personas.own.id)
    StoredChart.objects.filter(slot=f"monthly:{figures.id}:1405").update(svg="<svg>stale</svg>", key="old")
    html = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST).content.decode()
    assert "stale" not in html and "۷۷۷٬۷۷۷" in html
    assert StoredChart.objects.get(slot=f"monthly:{figures.id}:1405").key == "old"  # public pages never write


def test_the_charts_page_runs_under_the_content_security_policy(client, personas, figures):
    from tests.security.test_csp import assert_strict

    response = client.get(reverse("portal:dashboard_agency", args=[personas.own.slug]), **HOST)
    assert "<svg" in response.content.decode() and "<script type=\"text/javascript\"" not in response.content.decode()
    assert_strict(response)  # pygal's inline config script is gone, the charts' <style> has the nonce
