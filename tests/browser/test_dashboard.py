"""A reader opens the performance dashboard, goes to an agency's page and finds a chart whose
month labels are Jalali and whose figures are in Persian digits — and the same data in the
chart's table."""

import re
from decimal import Decimal

import pytest

from hamafza.accounts.models import Membership
from hamafza.reporting import actions
from hamafza.reporting.models import Indicator
from tests import factories
from tests.personas import make_user
from tests.browser.a11y import walk_step


pytestmark = pytest.mark.browser

PERSIAN_NUMBER = re.compile(r"^[۰-۹][۰-۹٬٫]*$")


@pytest.fixture
def figures(transactional_db):
    sectors = factories.make_sectors()
    head = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی")
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان",
                                 slug="راهداری", sectors=[sectors["road"]])
    factories.make_council(head, [road], name="شورای هماهنگی روابط عمومی‌های خوزستان",
                           portal_title="درگاه روابط عمومی‌های خوزستان")
    staff, boss = make_user("road-staff"), make_user("road-head")
    Membership.objects.create(user=staff, agency=road, role=Membership.Role.STAFF)
    Membership.objects.create(user=boss, agency=road, role=Membership.Role.HEAD)
    indicator = Indicator.objects.create(agency=road, name="جابه‌جایی مسافر در ناوگان جاده‌ای", unit="passenger",
                                         sector=sectors["road"], yearly_target=Decimal(14_000_000))
    for year in (1404, 1405):
        for month in range(1, 7):
            actions.do_enter_value(staff, indicator, year, month, str(1_000_000 + month * 12_345 + (year - 1404) * 50_000))
    actions.do_submit(staff, road.id)
    actions.do_approve(boss, road.id)
    return road, indicator


def test_dashboard_chart_and_table(page, figures, screenshot):
    road, indicator = figures
    page.goto("/dashboard/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name=road.name).first.click()
    page.wait_for_url(re.compile(r"/dashboard/agency/"))

    figure = page.locator(f"#indicator-{indicator.id}")
    chart = figure.locator("svg")
    assert chart.is_visible()
    labels = [t.strip() for t in chart.locator("text").all_text_contents() if t.strip()]
    assert {"فروردین", "شهریور", "اسفند"} <= set(labels)
    assert "۱۴۰۵" in labels and "۱۴۰۴" in labels
    axis_numbers = [t for t in labels if re.search(r"\d", t)]
    assert axis_numbers and all(PERSIAN_NUMBER.match(t) or t in ("۱۴۰۴", "۱۴۰۵") for t in axis_numbers), axis_numbers
    assert not any(re.search(r"[0-9]", t) for t in labels)

    figure.locator("summary").click()
    table = figure.locator("table")
    assert table.is_visible()
    first_row = table.locator("tbody tr").first
    assert first_row.locator("th").inner_text() == "فروردین"
    cells = first_row.locator("td").all_inner_texts()
    # Farvardin 1404 and 1405: 1,012,345 and 1,062,345.
    assert cells[-2:] == ["۱٬۰۱۲٬۳۴۵", "۱٬۰۶۲٬۳۴۵"]
    # The table sits right to left: its first column (the month) is at the right.
    month_box = first_row.locator("th").bounding_box()
    value_box = first_row.locator("td").last.bounding_box()
    assert month_box["x"] > value_box["x"]
    walk_step(page, screenshot, "dashboard-agency")


def test_sector_page_charts_fit_a_phone(page, figures, screenshot):
    road, indicator = figures
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/dashboard/sector/{road.sectors.first().slug}/")
    figure = page.locator(f"#indicator-{indicator.id}")
    labels = [t.strip() for t in figure.locator("svg text").all_text_contents() if t.strip()]
    assert {"فروردین", "اسفند", "۱۴۰۵"} <= set(labels) and not any(re.search(r"[0-9]", t) for t in labels)
    # The chart keeps a readable size and scrolls inside its box; the box fits the phone.
    assert figure.bounding_box()["width"] <= 390 and figure.locator("svg").bounding_box()["width"] >= 440
    # pygal's stylesheet, sent once for all the page's charts, applies: transparent plot, coloured lines.
    fill = figure.locator("svg .plot > rect.background").first.evaluate("e => getComputedStyle(e).fill")
    assert fill in ("transparent", "rgba(0, 0, 0, 0)"), fill
    stroke = figure.locator("svg .series path.line").first.evaluate("e => getComputedStyle(e).stroke")
    assert stroke == "rgb(15, 118, 110)", stroke  # the newest year in the council's teal
    figure.locator("summary").click()
    assert figure.locator("table tbody tr th").first.inner_text() == "فروردین"
    # Nothing wider than the phone: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    walk_step(page, screenshot, "dashboard-sector-phone")
