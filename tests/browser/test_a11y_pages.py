"""Every portal and workspace page each persona reaches, checked with axe-core (zero serious or
critical violations) and crawled (every same-origin link answers 2xx to that person).

The pages are found the way a person finds them: from the persona's start page (the portal home
for the public, the desk for the others) breadth-first along the links, one page per route shape
(digits folded), so a new workspace page that is linked from anywhere is checked without being
listed here. Desktop 1366×900 for every page; the phone 390×844 for the start pages.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

import pytest

from tests import factories
from tests.browser.a11y import awaiting_merge, check_axe, crawl_links, note_visit, same_origin_links, tap_targets
from tests.browser.conftest import act_as

pytestmark = pytest.mark.browser

# Files, feeds and actions that are not pages (their answers are still crawled for 2xx).
NOT_PAGES = re.compile(r"\.(xml|csv|json|ics|pdf|xlsx|txt|jpg|png|webp)$|/feeds/|/media/|/static/|/api/|sign-out|/n/\d+$")
MAX_PAGES = 24  # route shapes per persona (the desk links reach every area within this)
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


def shape(url: str) -> str:
    path = unquote(urlsplit(url).path)
    path = re.sub(r"/news/\d+/[^/]+/", "/news/N/slug/", path)
    return re.sub(r"\d+", "N", path)


@pytest.fixture
def content(personas):
    a, b, c = personas.own, personas.other, personas.supporting
    sectors = personas.world["sectors"]
    factories.make_item(a, title="آغاز بهسازی محور اهواز ـ خرمشهر", supporting=[c], sectors=[sectors["urban"]])
    factories.make_item(b, title="آمادگی راهداران برای بارش‌های زمستانی", sectors=[sectors["road"]])
    factories.make_item(c, title="افزایش قطارهای مسافری اهواز ـ تهران", sectors=[sectors["rail"]])
    factories.make_item(a, title="پیش‌نویس گزارش ماهانه", published=False)
    return personas


def walk(page, start: str, who: str) -> list[str]:
    page.set_viewport_size(DESKTOP)
    queue, seen, visited = [start], set(), []
    opened, left_to_visit = set(), []  # links the walk opens itself are not fetched a second time

    def will_visit(url: str) -> bool:
        if NOT_PAGES.search(urlsplit(url).path) or shape(url) in seen:
            return False
        left_to_visit.append(url)
        return True

    while queue and len(visited) < MAX_PAGES:
        url = queue.pop(0)
        key = shape(url)
        if key in seen or NOT_PAGES.search(urlsplit(url).path):
            continue
        seen.add(key)
        response = page.goto(url)
        opened.add(url)
        note_visit(page, url, response.status)
        if not response.ok and awaiting_merge(url, response.status):
            continue
        assert response.ok, f"{who}: {url} answered {response.status}"
        if "html" not in response.headers.get("content-type", ""):
            continue
        visited.append(key)
        check_axe(page, f"{who} {key}")
        crawl_links(page, f"{who} {key}", skip=will_visit)
        page.set_viewport_size(PHONE)  # the same page laid out for a phone: tap targets
        small = tap_targets(page, key)
        if small and os.environ.get("HAMAFZA_AXE_LIST_ONLY"):
            print(f"\nTAP {who} {key}:\n" + "\n".join(small))
            small = []
        assert not small, f"{who}: targets under 24×24 px on a phone at {key} (WCAG 2.5.8):\n" + "\n".join(small)
        page.set_viewport_size(DESKTOP)
        queue.extend(u for u in same_origin_links(page) if shape(u) not in seen)
    # the links left for a visit that the walk did not make (past MAX_PAGES, or a second URL of a shape)
    crawl_links(page, f"{who} (links not visited)", urls=[u for u in dict.fromkeys(left_to_visit) if u not in opened])
    page.set_viewport_size(PHONE)
    page.goto(start)
    check_axe(page, f"{who} {shape(start)} (phone)")
    return visited


@pytest.mark.parametrize("who", ["anonymous", "own_staff", "own_head", "secretariat", "observer"])
def test_every_page_each_persona(page, live_server, content, who):
    person = getattr(content, who)
    start = "/"
    if who != "anonymous":
        act_as(page, live_server, person)
        start = "/workspace/"
    visited = walk(page, live_server.url + start, who)
    print(f"\n{who}: {len(visited)} pages checked: {', '.join(visited)}")
    assert len(visited) >= 5
