"""Coverage monitoring in a browser: an item's coverage (where it was carried and how fast) and
the morning bulletin, at phone and desktop widths, with axe (zero serious or critical findings).
Screenshots go to docs/images/coverage/."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from hamafza.coverage import bulletin
from hamafza.coverage.models import Coverage, MonitoredEntry
from hamafza.demo.data.news import NEWS
from hamafza.press.models import Outlet
from tests import factories

from .a11y import check_axe
from .conftest import act_as

pytestmark = pytest.mark.browser
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "coverage"

OUTLETS = [("خبرگزاری جنوب", "agency", 35, 0.92, "confirmed"), ("روزنامه کارون", "newspaper", 190, 0.64, "confirmed"),
           ("پایگاه خبری اروند", "site", 75, 0.81, "confirmed"), ("شبکه خوزستان", "broadcast", 400, 0.22, "pending")]


def _carried(p):
    yesterday = bulletin.yesterday(timezone.now())
    morning = dt.datetime.combine(yesterday, dt.time(5, 30), tzinfo=dt.UTC)
    items = []
    for n, (index, agency) in enumerate([(0, p.own), (10, p.other), (19, p.supporting)]):
        src = NEWS[index]
        items.append(factories.make_item(agency, title=src["title"], lead=src["lead"],
                                         body="".join(f"<p>{b}</p>" for b in src["body"]),
                                         published_at=morning + dt.timedelta(hours=n)))
    outlets = [Outlet.objects.create(council=p.council, agency=p.own, name=name, kind=kind) for name, kind, *_ in OUTLETS]
    for i, item in enumerate(items):
        for k, (outlet, (_n, _k, minutes, kept, status)) in enumerate(zip(outlets, OUTLETS)):
            if i and k > 1:
                continue
            when = item.published_at + dt.timedelta(minutes=minutes)
            url = f"https://outlet{k}.example/news/{item.pk}-{k}"
            entry = MonitoredEntry.objects.create(council=p.council, outlet=outlet, url=url, title=item.title,
                                                  excerpt=item.lead[:300], fetched_at=when, published=when)
            Coverage.objects.create(council=p.council, item=item, agency=item.lead_agency, outlet=outlet, entry=entry,
                                    url=url, published_at=when, kept=kept, similarity=kept - 0.05, status=status)
    return items


def test_item_coverage_and_bulletin(page, live_server, transactional_db, personas):
    p = personas
    items = _carried(p)
    IMAGES.mkdir(parents=True, exist_ok=True)

    act_as(page, live_server, p.own_head)
    page.goto(f"/workspace/coverage/items/{items[0].pk}/")
    assert page.locator(".cv-table tbody tr").count() == 4
    assert page.get_by_text("۳۵ دقیقه").count() == 1
    check_axe(page)
    page.screenshot(path=str(IMAGES / "item-desktop.png"), full_page=True)
    # A borderline match is confirmed from the item's page.
    page.locator("button:has-text('تأیید')").first.click()
    page.wait_for_load_state()
    assert Coverage.objects.filter(status="pending").count() == 0
    page.set_viewport_size({"width": 390, "height": 844})
    check_axe(page)
    page.screenshot(path=str(IMAGES / "item-phone.png"), full_page=True)

    act_as(page, live_server, p.secretariat)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/workspace/coverage/bulletin/")
    assert page.locator(".cv-section").count() == 3  # A, B and C each carried yesterday
    check_axe(page)
    page.screenshot(path=str(IMAGES / "bulletin-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    check_axe(page)
    page.screenshot(path=str(IMAGES / "bulletin-phone.png"), full_page=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/workspace/coverage/")
    check_axe(page)
    page.screenshot(path=str(IMAGES / "overview-desktop.png"), full_page=True)
