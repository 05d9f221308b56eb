"""A reader on a phone keeps the live page open: a new update appears without a reload, within
a second of the next poll; the board reads correctly with no JavaScript at all."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.live import actions
from hamafza.live.models import BoardEntity
from tests import factories
from tests.personas import make_user

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live(transactional_db, settings):
    settings.LIVE_POLL_SECONDS = 1
    sectors = factories.make_sectors()
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان", slug="راهداری", sectors=[sectors["road"]])
    air = factories.make_agency("اداره کل فرودگاه‌های خوزستان", short_name="فرودگاه‌های خوزستان", slug="فرودگاه‌ها", sectors=[sectors["road"]])
    council = factories.make_council(road, [air], portal_title="هم‌افزا؛ درگاه خبری خوزستان")
    dabir = make_user("dabir")
    CouncilRole.objects.create(user=dabir, council=council, role=CouncilRole.Role.SECRETARIAT)
    head = make_user("road-head")
    Membership.objects.create(user=head, agency=road, role=Membership.Role.HEAD)
    air_head = make_user("air-head")
    Membership.objects.create(user=air_head, agency=air, role=Membership.Role.HEAD)
    now = timezone.now()
    event = actions.do_open_event(dabir, council.pk, title="اربعین حسینی ۱۴۰۵ — پوشش زنده", kind="campaign",
                                  starts_at=now - dt.timedelta(hours=5), ends_at=now + dt.timedelta(days=2),
                                  agency_ids=[road.pk, air.pk],
                                  summary="مرزهای شلمچه و چذابه باز است؛ پیش از حرکت تابلوی وضعیت را ببینید.")
    actions.do_post_update(head, event, agency_id=road.pk, kind="border", place="مرز شلمچه",
                           text="صف خودروها در پارکینگ مرز شلمچه به حدود ۲ کیلومتر رسید.")
    actions.do_post_update(air_head, event, agency_id=air.pk, kind="warning", place="فرودگاه اهواز",
                           text="پرواز ۴۵۲۱ اهواز – نجف با دو ساعت تأخیر انجام می‌شود.")
    for kind, name, keeper, state, wait in [
        (BoardEntity.Kind.CROSSING, "مرز شلمچه", road, "open", 40), (BoardEntity.Kind.CROSSING, "مرز چذابه", road, "congested", 90),
        (BoardEntity.Kind.ROAD, "محور اهواز – خرمشهر", road, "busy", None), (BoardEntity.Kind.AIRPORT, "فرودگاه اهواز", air, "delayed", None),
        (BoardEntity.Kind.PORT, "بندر خرمشهر", road, "closed", None),
    ]:
        entity = actions.do_add_entity(dabir, council.pk, kind=kind, name=name, agency_id=keeper.pk, event_id=event.pk)
        actions.do_set_status(head if keeper == road else air_head, entity, state=state, wait_minutes=wait, announce=False)
    return {"event": event, "head": head, "road": road}


def test_new_updates_appear_without_a_reload_on_a_phone(browser, live_server, live, screenshot):
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", timezone_id="Asia/Tehran", viewport=PHONE,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    event = live["event"]
    page.goto(f"/live/{event.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.evaluate("window.__same_page = true")
    screenshot(page, "live-page-phone")
    actions.do_post_update(live["head"], event, agency_id=live["road"].pk, kind="traffic", place="محور اهواز – خرمشهر",
                           text="ترافیک در ورودی خرمشهر روان شد.")
    published = time.monotonic()
    page.locator(".live-update", has_text="ترافیک در ورودی خرمشهر روان شد.").wait_for(timeout=5_000)
    seen = time.monotonic() - published
    assert seen < 1 + 1 + 0.5  # the next poll (every second here) and < 1 s after it
    assert page.evaluate("window.__same_page") is True  # no reload
    assert page.locator(".live-update").first.inner_text().find("ترافیک در ورودی خرمشهر") >= 0  # newest on top
    page.wait_for_timeout(2100)  # the highlight fades
    screenshot(page, "live-page-phone-updated")
    context.close()


def test_board_reads_with_no_javascript(browser, live_server, live, screenshot):
    for name, viewport in (("board-phone-nojs", PHONE), ("board-desktop-nojs", {"width": 1280, "height": 900})):
        context = browser.new_context(base_url=live_server.url, locale="fa-IR", viewport=viewport, java_script_enabled=False)
        page = context.new_page()
        page.goto("/board/")
        row = page.locator(".board__row", has_text="مرز شلمچه")
        assert "باز" in row.inner_text() and "۴۰" in row.inner_text()
        assert "شلوغ" in page.locator(".board__row", has_text="مرز چذابه").inner_text()
        screenshot(page, name)
        context.close()
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"/live/{live['event'].pk}/")
    screenshot(page, "live-page-desktop")
    page.goto("/board/text/")
    assert "وضعیت مرز شلمچه: باز، زمان انتظار حدود ۴۰ دقیقه" in page.inner_text("body")
    screenshot(page, "board-text-desktop")
    context.close()
