"""A co-publication request in a browser: A asks B and C from the item, B's head sees it on the
desk, accepts with a channel of B and its own text; C's head declines with a reason; B's portal
page shows the card «به نقل از» A. Screenshots at desktop and phone widths."""

import datetime as dt

import pytest

from hamafza.persian import jalali

from tests.cooperation.amp_helpers import c_head, channel_of, published

from .conftest import act_as
from tests.browser.a11y import check_axe, crawl_links


pytestmark = pytest.mark.browser




def shots(page, screenshot, name):
    check_axe(page, name)
    crawl_links(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_ask_accept_decline_and_the_portal_card(page, live_server, transactional_db, personas, screenshot):  # noqa: F811
    supporting_head = c_head(personas)
    channel = channel_of(personas.other, "@rahdari_khz")
    channel_of(personas.other, "@rahdari_news")
    item = published(personas)
    day = jalali.format_numeric(jalali.to_tehran(dt.datetime.now(dt.timezone.utc)).date() + dt.timedelta(days=2))

    act_as(page, live_server, personas.own_staff)
    page.goto(f"/workspace/cooperation/requests/item/{item.pk}/ask/")
    page.check(f"input[name=agencies][value='{personas.other.pk}']")
    page.check(f"input[name=agencies][value='{personas.supporting.pk}']")
    page.fill("textarea[name=message]", "این خبر برای مسافران جاده‌ای هم مهم است؛ لطفاً بازنشر کنید.")
    page.fill("textarea[name=suggested_text]", "بزرگراه اهواز–خرمشهر امروز به‌طور کامل زیر بار ترافیک رفت.")
    page.fill("input[name=deadline_date]", "۱۴۰۵/۰۷/۳۱")
    page.click("text=فرستادن درخواست")
    page.wait_for_selector("text=تاریخ شمسی درست نیست")
    shots(page, screenshot, "amp-ask-error")
    page.fill("input[name=deadline_date]", day)
    page.click("text=فرستادن درخواست")
    page.wait_for_selector("text=درخواست برای ۲ دستگاه فرستاده شد")

    act_as(page, live_server, personas.other_head)
    page.goto("/workspace/")
    page.wait_for_selector(f"#section-amplification >> text={item.title}")
    shots(page, screenshot, "amp-desk")
    page.goto("/workspace/cooperation/requests/")
    page.click("summary:has-text('پاسخ')")
    shots(page, screenshot, "amp-inbox")
    page.click(f"text={item.title}")
    page.fill(f"textarea[name=text_{channel.pk}]", "راهداری خوزستان: بزرگراه اهواز–خرمشهر کامل شد.")
    shots(page, screenshot, "amp-detail-answer")
    page.click("text=می‌پذیرم و بازنشر می‌کنم")
    page.wait_for_selector("text=درخواست پذیرفته شد")

    act_as(page, live_server, supporting_head)
    page.goto("/workspace/cooperation/requests/")
    page.click(f"text={item.title}")
    page.click("summary:has-text('رد درخواست')")
    page.fill("textarea[name=reason]", "کانال ما این هفته ویژهٔ اطلاع‌رسانی سفرهای نوروزی است.")
    page.click("button:has-text('رد درخواست')")
    page.wait_for_selector("text=پاسخ رد با دلیل شما")

    act_as(page, live_server, personas.own_staff)
    page.goto(f"/workspace/news/{item.pk}/")
    page.wait_for_selector(".amp-card >> text=پذیرفته")
    page.locator(".amp-card").scroll_into_view_if_needed()
    screenshot(page, "amp-editor-card", full_page=False)
    page.goto("/workspace/cooperation/requests/sent/")
    shots(page, screenshot, "amp-sent")
    page.click(f"text={item.title}")
    page.wait_for_selector("text=نوروزی")
    shots(page, screenshot, "amp-detail-asker")

    page.goto(f"/agency/{personas.other.slug}/")
    card = page.locator("article.card", has_text=item.title)
    assert "به نقل از" in card.inner_text()
    assert card.locator("a").first.get_attribute("href").endswith(item.get_absolute_url()) or \
        item.get_absolute_url() in card.inner_html()
    shots(page, screenshot, "amp-portal-agency")
