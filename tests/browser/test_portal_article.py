"""A reader opens the portal home page, follows a story to its article page and sees a Persian,
right-to-left page with a Jalali date in Persian digits and the supporting agencies."""

import datetime as dt
import re

import pytest

from tests import factories

pytestmark = pytest.mark.browser

PERSIAN_JALALI_DATE = re.compile(r"[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}")


@pytest.fixture
def story(transactional_db):
    sectors = factories.make_sectors()
    head = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی")
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان", slug="راهداری")
    port = factories.make_agency("اداره کل بنادر و دریانوردی خوزستان", short_name="بنادر خوزستان", slug="بنادر")
    factories.make_council(head, [road, port])
    # 2026-11-26 21:00 UTC is already 6 Azar 1405 in Tehran.
    return factories.make_item(
        head,
        title="آغاز طرح زمستانی راهداری در محورهای مواصلاتی خوزستان",
        supporting=[road, port],
        sectors=[sectors["road"]],
        published_at=dt.datetime(2026, 11, 26, 21, 0, tzinfo=dt.timezone.utc),
    )


def test_home_to_article(page, story, screenshot):
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    page.get_by_role("link", name=story.title).first.click()
    page.wait_for_url(re.compile(rf"/news/{story.pk}/"))

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text().strip() == story.title
    text = page.locator("main").inner_text()
    match = PERSIAN_JALALI_DATE.search(text)
    assert match, text[:500]
    assert "۶ آذر ۱۴۰۵" in text
    supporting = page.locator("main").get_by_role("link", name="اداره کل بنادر و دریانوردی خوزستان")
    assert supporting.count() >= 1
    assert "اداره کل راهداری و حمل و نقل جاده‌ای خوزستان" in text
    screenshot(page, "portal-article")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "portal-article-phone")
