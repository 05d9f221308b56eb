"""One full help request in Chromium, each person signing in with two factors in a browser of
their own: agency A's staff asks for a photographer; agency B's staff offers; A accepts the
offer, records who delivered what, links the published news item the job produced and closes
the request; B sees the outcome."""

import datetime as dt
import re

import pytest

from hamafza.cooperation.models import HelpOffer, HelpRequest
from hamafza.persian import jalali
from tests import factories
from tests.personas import PASSWORD, add_device, current_code
from tests.browser.a11y import walk_step


pytestmark = pytest.mark.browser
TITLE = "عکاس برای بازدید استاندار از آزادراه اهواز ـ بندر امام"


def sign_in(page, user, device, next_url):
    page.goto(f"/accounts/sign-in/?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", current_code(device))
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_url)))


def test_ask_offer_accept_link(page, browser, live_server, transactional_db, personas, screenshot):
    asker, helper = personas.own_staff, personas.other_staff
    asker_device, helper_device = add_device(asker), add_device(helper)
    today = jalali.to_tehran(dt.datetime.now(dt.timezone.utc)).date()
    day, deadline = today + dt.timedelta(days=7), today + dt.timedelta(days=5)

    # A's staff asks for a photographer.
    sign_in(page, asker, asker_device, "/workspace/cooperation/help/new/")
    page.select_option("#h-need", "photographer")
    page.fill("#h-title", TITLE)
    page.fill("#h-desc", "پوشش تصویری بازدید و نشست خبری کنار پروژه؛ عکس‌ها تا پایان روز لازم است.")
    page.fill("#h-place", "کیلومتر ۲۰ آزادراه اهواز ـ بندر امام")
    page.fill("#h-day", jalali.format_numeric(day))
    page.fill("#h-start", "۱۰:۰۰")
    page.fill("#h-end", "۱۲:۳۰")
    page.fill("#h-deadline", jalali.format_numeric(deadline))
    page.fill("#h-deadline-time", "۱۴:۰۰")
    walk_step(page, screenshot, "help-new")
    page.click("text=ثبت و فرستادن درخواست")
    page.wait_for_url(re.compile(r"/workspace/cooperation/help/\d+/$"))
    page.wait_for_selector("text=درخواست کمک ثبت شد")
    assert page.inner_text("#help-status") == "باز"
    assert jalali.format_date(day) in page.inner_text(".facts")
    assert "۱۰:۰۰ تا ۱۲:۳۰" in page.inner_text(".facts")
    assert page.is_visible("text=هنوز پیشنهادی نرسیده است")
    hr = HelpRequest.objects.get()
    detail = f"/workspace/cooperation/help/{hr.pk}/"
    walk_step(page, screenshot, "help-asked")

    # B's staff finds it on the board and offers a photographer.
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", timezone_id="Asia/Tehran",
                                  viewport={"width": 1280, "height": 900})
    other = context.new_page()
    other.set_default_timeout(15_000)
    sign_in(other, helper, helper_device, "/workspace/cooperation/help/")
    card = other.locator(f"li[data-request='{hr.pk}']")
    assert "باز" in card.inner_text() and "هنوز پیشنهادی نرسیده" in card.inner_text()
    walk_step(other, screenshot, "help-board")
    card.locator("a.item-title").click()
    other.wait_for_url(re.compile(re.escape(detail) + "$"))
    other.fill("#o-text", "عکاس ما، خانم زهرا نیسی، با دوربین و لنز تله ساعت ۹:۳۰ در محل است.")
    other.click("text=ثبت پیشنهاد")
    other.wait_for_selector("text=پیشنهاد شما ثبت شد")
    offer = HelpOffer.objects.get()
    assert "پیشنهادشده" in other.inner_text(f"li[data-offer='{offer.pk}']")
    assert other.is_visible("text=ویرایش پیشنهاد شما")
    assert not other.is_visible("text=پذیرفتن این پیشنهاد")

    # A sees the offer and accepts it.
    page.goto(detail)
    row = page.locator(f"li[data-offer='{offer.pk}']")
    assert "راهداری" in row.inner_text() and "زهرا نیسی" in row.inner_text()
    walk_step(page, screenshot, "help-offer-received")
    row.locator("text=پذیرفتن این پیشنهاد").click()
    page.wait_for_selector("text=پذیرفته شد")
    assert page.inner_text("#help-status") == "هماهنگ‌شده"
    assert "پذیرفته" in page.inner_text(f"li[data-offer='{offer.pk}']")

    # The job is done and A's news item is published; A records delivery and links it.
    item = factories.make_item(personas.own, title="بازدید استاندار از آزادراه اهواز ـ بندر امام")
    page.reload()
    page.locator(f"li[data-offer='{offer.pk}'] summary").click()
    page.fill(f"#d-note-{offer.pk}", "خانم نیسی ۱۲۰ عکس از بازدید و نشست خبری فرستاد.")
    page.locator(f"li[data-offer='{offer.pk}'] button:has-text('ثبت')").click()
    page.wait_for_selector("text=آنچه انجام شد ثبت شد")
    page.select_option("#l-item", str(item.pk))
    page.click("text=پیوند به خبر")
    page.wait_for_selector("text=خبر حاصل به درخواست پیوند خورد")
    assert page.is_visible(f"#help-result a[href='{item.get_absolute_url()}']")
    page.get_by_role("button", name="کار انجام شد").click()
    page.wait_for_selector("text=درخواست انجام‌شده ثبت شد")
    assert page.inner_text("#help-status") == "انجام‌شده"
    walk_step(page, screenshot, "help-delivered")

    # B sees who delivered what and the resulting item.
    other.reload()
    assert other.inner_text("#help-status") == "انجام‌شده"
    assert "۱۲۰ عکس" in other.inner_text(f"li[data-offer='{offer.pk}'] .delivered")
    assert other.is_visible(f"#help-result a[href='{item.get_absolute_url()}']")
    walk_step(other, screenshot, "help-delivered-helper", phone=True)
    context.close()
