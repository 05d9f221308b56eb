"""The reach page in a browser: an observer's council side by side and an agency's own, at
desktop and phone widths, with axe (screenshots in test-results/screenshots/)."""

import pytest
from django.utils import timezone

from hamafza.reach import actions
from hamafza.reach.models import ItemDailyViews
from hamafza.reporting import actions as reporting_actions
from hamafza.persian import jalali
from tests import factories
from tests.distribution.conftest import make_channel

from .a11y import check_axe
from .conftest import act_as

pytestmark = pytest.mark.browser


def _readers(world, personas):
    today = timezone.localdate()
    council = world["council"]
    titles = {
        world["A"]: [("بازگشایی محور اهواز – خرمشهر پس از بهسازی", 1840), ("آغاز ساخت ۲۰۰ واحد مسکن ملی در دزفول", 615)],
        world["B"]: [("آماده‌باش راهداران در محورهای کوهستانی", 932)],
        world["C"]: [("افزایش قطارهای مسافری اهواز – مشهد", 287)],
    }
    for agency, items in titles.items():
        for title, views in items:
            item = factories.make_item(agency, title=title)
            ItemDailyViews.objects.create(item=item, council=council, agency=agency, day=today, views=views)
    channel = make_channel(world["A"], kind="eitaa", chat_id="@rahshahr", name="راه و شهرسازی خوزستان")
    make_channel(world["A"], kind="bale", chat_id="@rahshahr_bale", name="راه و شهرسازی در بله")
    indicator = actions.do_ensure_channel_indicator(channel).indicator
    actions.ensure_all_channel_indicators()
    now = jalali.to_jalali(today)
    reporting_actions.do_enter_value(personas.own_staff, indicator, now.year, now.month, "۱۲۴۰۰")
    reporting_actions.do_submit(personas.own_staff, world["A"].pk, now.year)
    reporting_actions.do_approve(personas.own_head, world["A"].pk, now.year)


def test_reach_page_for_an_observer_and_an_agency(page, live_server, transactional_db, world, personas, screenshot):
    _readers(world, personas)
    act_as(page, live_server, personas.observer)
    page.goto("/workspace/reach/")
    page.wait_for_selector("#reach-agencies")
    check_axe(page, "reach observer")
    screenshot(page, "reach-observer-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reach-observer-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    act_as(page, live_server, personas.own_staff)
    page.goto("/workspace/reach/")
    page.wait_for_selector("#reach-items")
    assert page.locator("#portal-total").inner_text() == "۲٬۴۵۵"
    assert page.locator("#channel-total").inner_text() == "۱۲٬۴۰۰"
    check_axe(page, "reach agency")
    screenshot(page, "reach-agency-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "reach-agency-phone")
