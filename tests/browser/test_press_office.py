"""The press office in a browser: the press list and the release composer at phone and desktop
widths, with axe (zero serious or critical), and the composer's embargo fields for a head.
Screenshots go to docs/images/press/."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from hamafza.newsroom import actions as newsroom_actions
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali
from hamafza.press import actions

from .a11y import check_axe
from .conftest import act_as

pytestmark = pytest.mark.browser
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "press"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _press_list(p):
    c = p.council.pk
    agency = actions.do_save_outlet(p.own_staff, c, p.own.pk, {"name": "خبرگزاری نمونهٔ جنوب", "kind": "agency",
                                                                "province": "خوزستان", "shared": "1",
                                                                "site_url": "https://outlet1.example.org/"})
    paper = actions.do_save_outlet(p.own_staff, c, p.own.pk, {"name": "روزنامهٔ نمونهٔ کارون", "kind": "newspaper",
                                                               "province": "خوزستان"})
    actions.do_save_outlet(p.other_staff, c, p.other.pk, {"name": "شبکهٔ استانی نمونه", "kind": "broadcast", "shared": "1"})
    people = []
    for n, (name, outlet, beat, consent) in enumerate([
        ("نمونه – سمیرا خبرنگار", agency, "راه و حمل‌ونقل", True), ("نمونه – کیوان گزارشگر", paper, "اقتصادی", True),
        ("نمونه – نازنین عکاس", agency, "عکس خبری", True), ("نمونه – بهرام دبیر", paper, "استانی", False),
    ], start=1):
        people.append(actions.do_save_journalist(p.own_staff, c, p.own.pk, {
            "name": name, "outlet": outlet.pk, "beat": beat, "email": f"reporter{n}@example.org",
            "mobile": f"091200000{n:02d}", "consent": consent, "consent_date": "۱۴۰۵/۰۸/۱۰" if consent else "",
            "source": "نشست خبری نمونه"}))
    actions.do_save_list(p.own_staff, c, p.own.pk, {"name": "خبرنگاران حوزهٔ راه", "journalists": [j.pk for j in people]})
    actions.do_save_list(p.own_staff, c, p.own.pk, {"name": "عکاسان", "journalists": [people[2].pk]})


def shoot(page, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(150)
        check_axe(page, f"{name} {label}")
        page.screenshot(path=str(IMAGES / f"{name}-{label}.png"), full_page=True)


def test_press_list_and_release_composer(page, live_server, transactional_db, personas):
    p = personas
    _press_list(p)
    act_as(page, live_server, p.own_staff)
    page.goto("/workspace/press/")
    assert page.locator("#journalists tbody tr").count() == 4
    shoot(page, "press-list")
    # A head composes an embargoed release of a submitted item.
    item = newsroom_actions.do_create_draft(p.own_staff, p.own, {
        "title": "بهره‌برداری از ۸ کیلومتر بزرگراه اهواز – خرمشهر", "lead": "با حضور استاندار، ۸ کیلومتر بزرگراه افتتاح شد.",
        "body": "<p>متن خبر.</p>"})
    newsroom_actions.do_submit(p.own_staff, NewsItem.objects.get(pk=item.pk))
    act_as(page, live_server, p.own_head)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/workspace/press/items/{item.pk}/release/")
    assert page.locator("input[name=embargo_date]").count() == 1
    page.check("input[name=lists] >> nth=0")
    shoot(page, "release-composer")
    # Sent with an embargo: the history page with each recipient's status and link to revoke.
    page.fill("input[name=embargo_date]", jalali.format_numeric(timezone.now() + dt.timedelta(days=10)))
    page.fill("input[name=embargo_time]", "۱۰:۰۰")
    page.click("button[type=submit].primary")
    page.wait_for_selector("text=ابطال پیوند")
    assert NewsItem.objects.get(pk=item.pk).status == NewsItem.Status.SCHEDULED
    shoot(page, "release-history")
