"""The secretariat edits a live event on a phone and on a desktop: the form shows the event as it
stands, reads right to left, passes axe, and a change is saved."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.live import actions
from hamafza.live.models import LiveEvent
from tests.distribution.conftest import make_channel

from .a11y import check_axe
from .conftest import act_as

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name,viewport", [("phone", {"width": 390, "height": 844}),
                                           ("desktop", {"width": 1366, "height": 900})])
def test_the_secretariat_edits_an_event(browser, live_server, transactional_db, personas, screenshot, name, viewport):
    make_channel(None, council=personas.council, name="کانال شورای خوزستان", chat_id="@khz")
    now = timezone.now()
    event = actions.do_open_event(personas.secretariat, personas.council.pk, title="اربعین ۱۴۰۵", kind="campaign",
                                  starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(days=3),
                                  agency_ids=[personas.own.pk, personas.other.pk])
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", timezone_id="Asia/Tehran", viewport=viewport)
    page = context.new_page()
    act_as(page, live_server, personas.secretariat)
    page.goto(f"/workspace/live/{event.pk}/")
    page.get_by_role("link", name="ویرایش رویداد").click()
    assert page.locator("#l-title").input_value() == "اربعین ۱۴۰۵"
    assert page.locator("html").get_attribute("dir") == "rtl"
    check_axe(page, f"live-edit-{name}")
    screenshot(page, f"live-edit-{name}")
    page.fill("#l-title", "اربعین ۱۴۰۵ — مرزها")
    page.get_by_label("کانال شورای خوزستان").check()
    page.get_by_role("checkbox", name=personas.own.short_name).nth(1).check()  # direct publishing
    page.get_by_role("button", name="ثبت تغییرها").click()
    page.wait_for_url(f"**/workspace/live/{event.pk}/")
    event = LiveEvent.objects.get(pk=event.pk)
    assert event.title == "اربعین ۱۴۰۵ — مرزها" and event.channels.count() == 1
    assert list(event.direct_agencies.values_list("pk", flat=True)) == [personas.own.pk]
    context.close()
