"""The workspace's shared components in a real browser: the figures sheet wakes its submit button
as soon as a value is typed (no reload), a disabled button looks disabled, the file input speaks
Persian, and on a phone (390 px) the news list is cards with no sideways scroll."""

from decimal import Decimal

import pytest

from hamafza.accounts.models import Membership
from hamafza.reporting.models import Indicator
from tests import factories
from tests.browser.conftest import act_as
from tests.personas import make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(transactional_db):
    agency = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان", slug="راهداری")
    factories.make_council(agency, [], name="شورای هماهنگی روابط عمومی‌های خوزستان")
    staff = make_user("road-staff")
    Membership.objects.create(user=staff, agency=agency, role=Membership.Role.STAFF)
    Indicator.objects.create(agency=agency, name="جابه‌جایی مسافر", unit="passenger", aggregation="sum",
                             yearly_target=Decimal(1200))
    for n in range(3):
        factories.make_item(agency, title=f"خبر آزمایشی شمارهٔ {n} دربارهٔ راهداری و حمل و نقل جاده‌ای خوزستان")
    return staff


def test_sheet_counter_and_button_update_without_a_reload(page, live_server, desk, screenshot):
    page.set_default_timeout(60_000)  # a loaded CI machine; the test itself takes a few seconds
    act_as(page, live_server, desk)
    page.goto("/workspace/reporting/", wait_until="domcontentloaded")
    button = page.get_by_role("button", name="ارسال برای تأیید مدیر")
    assert button.is_disabled()
    disabled_bg = button.evaluate("b => getComputedStyle(b).backgroundColor")
    assert page.locator(".file-pick").first.inner_text().count("انتخاب پرونده") == 1
    assert "Choose" not in page.locator(".rg-files").inner_text()
    cell = page.locator(".rg-input").first
    cell.fill("۱۲۰")
    cell.press("Tab")
    page.wait_for_selector("#rg-counter:has-text('۱ پیش‌نویس')")
    assert button.is_enabled()
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != disabled_bg
    screenshot(page, "design-system-sheet", full_page=False)


def test_news_list_is_cards_on_a_phone(page, live_server, desk, screenshot):
    page.set_default_timeout(60_000)  # a loaded CI machine; the test itself takes a few seconds
    act_as(page, live_server, desk)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/workspace/news/", wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator(".news-table tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert row.locator("td").nth(1).get_attribute("data-label") == "وضعیت"  # each cell labelled by its column
    box = page.locator(".news-table .item-title").first.bounding_box()
    assert box["height"] >= 24
    screenshot(page, "design-system-news-phone", full_page=False)
