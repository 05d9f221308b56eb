"""The monthly-figures walk (issue 13): staff type a quarter's figures into the sheet (the counter
and «ارسال برای تأیید مدیر» wake up without a reload), submit them, the head approves them, and the
figures appear on the public dashboard in Persian digits with «٬». Every step passes axe, has its
links crawled and is photographed at desktop and phone size."""

import re
from decimal import Decimal

import pytest

from hamafza.accounts.models import Membership
from hamafza.reporting import periods
from hamafza.reporting.models import Indicator, IndicatorValue
from tests import factories
from tests.browser.a11y import walk_step
from tests.browser.conftest import act_as
from tests.personas import make_user

pytestmark = pytest.mark.browser

FIGURES = {1: "1250000", 2: "۱۳۱۰۵۰۰", 3: "1,402,250"}  # Latin, Persian and a pasted «,» are all read
SHOWN = {1: "۱٬۲۵۰٬۰۰۰", 2: "۱٬۳۱۰٬۵۰۰", 3: "۱٬۴۰۲٬۲۵۰"}


@pytest.fixture
def sheet(transactional_db):
    sectors = factories.make_sectors()
    head_agency = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی",
                                        slug="راه-و-شهرسازی")
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان",
                                 slug="راهداری", sectors=[sectors["road"]])
    factories.make_council(head_agency, [road], name="شورای هماهنگی روابط عمومی‌های خوزستان",
                           portal_title="درگاه روابط عمومی‌های خوزستان")
    staff, boss = make_user("road-staff"), make_user("road-head")
    Membership.objects.create(user=staff, agency=road, role=Membership.Role.STAFF)
    Membership.objects.create(user=boss, agency=road, role=Membership.Role.HEAD)
    indicator = Indicator.objects.create(agency=road, name="جابه‌جایی مسافر در ناوگان جاده‌ای", unit="passenger",
                                         sector=sectors["road"], yearly_target=Decimal(16_000_000))
    return road, indicator, staff, boss


def counter(page) -> str:
    return page.locator("#rg-counter").inner_text()


def test_staff_enter_head_approves_dashboard_shows(page, live_server, sheet, screenshot):
    road, indicator, staff, boss = sheet
    year = periods.current_month()[0]

    # Staff: an empty sheet, the submit button visibly disabled.
    act_as(page, live_server, staff)
    page.goto(f"/workspace/reporting/?agency={road.id}&year={year}")
    submit = page.get_by_role("button", name="ارسال برای تأیید مدیر")
    assert submit.is_disabled()
    assert "۰ پیش‌نویس" in counter(page)
    walk_step(page, screenshot, "figures-1-empty-sheet", phone=True)

    for month, typed in FIGURES.items():
        cell = page.locator(f"#cell-{indicator.id}-{month} input.rg-input")
        cell.fill(typed)
        with page.expect_response(re.compile(r"/workspace/reporting/cell/")):
            cell.press("Enter")
        page.locator(f"#cell-{indicator.id}-{month}.rg-draft").wait_for()
    # The counter and the button woke up without a reload.
    page.wait_for_function("() => document.querySelector('#rg-counter').innerText.includes('۳ پیش‌نویس')")
    assert submit.is_enabled()
    assert page.locator(f"#cell-{indicator.id}-3 input.rg-input").input_value() == SHOWN[3]
    walk_step(page, screenshot, "figures-2-drafts-entered", phone=True)

    # The swapped-in button still belongs to its form (a <form> inside a table row's answer was
    # dropped by the HTML parser: the button woke up but did nothing).
    assert submit.evaluate("b => b.form && b.form.getAttribute('action')") == "/workspace/reporting/submit/"
    with page.expect_navigation():
        submit.click()
    assert "۳ مقدار برای تأیید مدیر فرستاده شد" in page.locator("body").inner_text()
    assert "۳ در انتظار تأیید" in counter(page)
    assert page.locator(f"#cell-{indicator.id}-1").get_attribute("class").count("rg-submitted") == 1
    walk_step(page, screenshot, "figures-3-submitted", phone=True)

    # The head approves what was sent.
    act_as(page, live_server, boss)
    page.goto(f"/workspace/reporting/?agency={road.id}&year={year}")
    approve = page.get_by_role("button", name="تأیید مقادیر ارسال‌شده")
    assert approve.is_enabled()
    walk_step(page, screenshot, "figures-4-head-reviews", phone=True)
    with page.expect_navigation():
        approve.click()
    assert "۳ مقدار تأیید شد" in page.locator("body").inner_text()
    assert page.get_by_role("button", name="تأیید مقادیر ارسال‌شده").is_disabled()
    assert "۰ در انتظار تأیید" in counter(page)
    assert IndicatorValue.objects.filter(indicator=indicator, state=IndicatorValue.State.APPROVED).count() == 3
    walk_step(page, screenshot, "figures-5-approved", phone=True)

    # The public dashboard: the agency's chart and its table carry the approved figures.
    page.context.clear_cookies()
    page.goto("/dashboard/")
    walk_step(page, screenshot, "figures-6-dashboard", phone=True)
    page.get_by_role("link", name=road.name).first.click()
    page.wait_for_url(re.compile(r"/dashboard/agency/"))
    figure = page.locator(f"#indicator-{indicator.id}")
    assert figure.locator("svg").is_visible()
    figure.locator("summary").click()
    rows = figure.locator("table tbody tr")
    for month in FIGURES:
        row = rows.nth(month - 1)
        assert SHOWN[month] in row.locator("td").all_inner_texts(), (month, row.inner_text())
    assert not re.search(r"[0-9]", figure.locator("table").inner_text())
    walk_step(page, screenshot, "figures-7-dashboard-agency", phone=True)
