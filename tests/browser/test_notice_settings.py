"""The notice settings page in a browser: link Bale through the deep link (the fake bot receives
«/start <code>»), a dead SMS number's status, the per-kind matrix; desktop and phone screenshots."""

import pytest

from hamafza.notifications import actions, linking
from hamafza.notifications.models import NoticeProfile
from tests.notifications.conftest import bale, kave, notice_bot, notice_conf  # noqa: F401 (fixtures)

from .conftest import act_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_link_bale_and_see_a_dead_number(page, live_server, personas, notice_bot, bale, kave, screenshot):  # noqa: F811
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234567")
    actions.do_verify_sms(personas.own_staff, kave.to("09121234567")[-1].split(":")[-1].strip())
    act_as(page, live_server, personas.own_staff)
    page.goto("/workspace/notifications/settings/")
    page.get_by_role("button", name="پیوند با بله").click()
    link = page.get_by_role("link", name="باز کردن ربات اعلان‌ها در بله")
    href = link.get_attribute("href")
    assert href.startswith("https://ble.ir/hz_notice_bot?start=")
    screenshot(page, "notices-settings-deeplink")
    bale.user_says(4242, "/start " + href.split("start=", 1)[1])
    linking.poll_all()
    NoticeProfile.objects.filter(user=personas.own_staff).update(
        sms_problem="شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید.", sms_verified_at=None)
    page.goto("/workspace/notifications/settings/")
    page.get_by_role("checkbox", name="بازگشت خبر برای اصلاح — بله").check()
    page.get_by_label("ساعت‌های بی‌صدا از").fill("۲۲:۰۰")
    page.get_by_label("تا", exact=True).fill("۰۷:۰۰")
    page.get_by_role("button", name="ذخیره").click()
    assert page.get_by_text("تنظیمات اعلان‌ها ذخیره شد.").is_visible()
    assert page.get_by_text("شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید.").is_visible()
    assert page.get_by_text("پیوند دارد").is_visible()
    profile = NoticeProfile.objects.get(user=personas.own_staff)
    assert "bale" in profile.choices["returned"] and profile.quiet_from.hour == 22
    screenshot(page, "notices-settings-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, overflow
    screenshot(page, "notices-settings-phone")
