"""The portal's share buttons follow the council's allowed platforms (issue 15): Bale, Eitaa and
Rubika first; Telegram only once the secretariat turns it on (with a reason) on its page. Also
screenshots of the new-channel pages (kind first, then that kind's form)."""

import pytest

from tests import factories
from tests.browser.conftest import act_as

pytestmark = pytest.mark.browser


def share_keys(page) -> list[str]:
    classes = page.locator(".share .share__link").evaluate_all("els => els.map(e => e.className)")
    return [c.split("share__link--")[1].split()[0] for c in classes if "share__link--" in c]


def test_share_buttons_follow_the_setting(page, live_server, personas, screenshot):
    item = factories.make_item(personas.own, title="آغاز طرح زمستانی راهداری")
    page.goto(f"/news/{item.pk}/{item.slug}/")
    assert share_keys(page) == ["bale", "eitaa", "rubika"]
    page.locator(".share__copy summary").click()
    assert item.title in page.locator("#share-copy-rubika").input_value()
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".share").scroll_into_view_if_needed()
    screenshot(page, "portal-share-phone", full_page=False)

    # The secretariat turns Telegram on, with the reason, on one page.
    page.set_viewport_size({"width": 1366, "height": 900})
    act_as(page, live_server, personas.secretariat)
    page.goto(f"/workspace/distribution/platforms/{personas.council.pk}/")
    page.locator("input[value=telegram]").check()
    page.locator("#platforms-note").fill("مخاطبان خارج از کشور این شورا فقط در تلگرام‌اند.")
    screenshot(page, "channels-platforms")
    page.get_by_role("button", name="ذخیره").click()
    page.wait_for_url(f"**/platforms/{personas.council.pk}/")
    page.goto(f"/news/{item.pk}/{item.slug}/")
    assert share_keys(page) == ["bale", "eitaa", "rubika", "telegram"]


def test_new_channel_pages(page, live_server, personas, screenshot):
    act_as(page, live_server, personas.own_head)
    page.goto(f"/workspace/distribution/channels/new/?agency={personas.own.pk}")
    assert page.locator(".kind-card").count() == 6  # no Telegram: the council does not allow it
    screenshot(page, "channels-new-kind")
    page.locator(".kind-card.kind-rubika").click()
    assert page.locator("input[name=chat_id]").get_attribute("dir") == "ltr"
    assert page.locator("select, input[name=manual_platform]").count() == 0
    page.locator("input[name=name]").fill("روبیکای راه و شهرسازی")
    page.locator("input[name=chat_id]").fill("c0ABCdef0123456789")
    page.locator("input[name=token]").fill("۱۲۳:bad")
    page.get_by_role("button", name="ذخیره").click()
    assert page.locator(".field.has-error").count() >= 1
    screenshot(page, "channels-new-rubika-error")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "channels-new-rubika-error-phone")
