"""The fetcher against a local server of outlets (tests/coverage/fixtures/): every reprint of a
demo item is found, whatever its spelling, headline, cuts or «به گزارش …» prefix; no unrelated
article on the same topics becomes coverage; the borderline quote waits for review; robots.txt,
ETag (304) and back-off are respected. Never the internet: the server is on 127.0.0.1."""

import datetime as dt

import httpx
import pytest
from django.utils import timezone

from hamafza.coverage import fetcher
from hamafza.coverage.models import Coverage, FeedState, MonitoredEntry

from tests import factories

from .conftest import BORDERLINE, REPRINTED, UNRELATED, demo_items, outlets_on

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_copy")]  # every test: its own savepoint and copy


@pytest.fixture(scope="module")
def _built(module_db):
    """The world and the indexed demo items, built once for the module (tests/conftest.py:
    module_db); each test runs in its own savepoint with its own copy, and its own server,
    outlets and feed states (their addresses name the server's port)."""
    world = factories.make_world()
    return {"world": world, "items": demo_items(world)}


@pytest.fixture
def world(module_copy):
    return module_copy["world"]


@pytest.fixture
def monitored(module_copy, server):
    return outlets_on(module_copy["world"], module_copy["items"], server)


def run(**kw):
    with httpx.Client() as client:
        return fetcher.run(client=client, interval=0, **kw)


def test_every_reprint_is_found_and_nothing_unrelated(monitored):
    result = run()
    items, server = monitored["items"], monitored["server"]
    assert result["entries"] == 9  # 4 feed entries + 5 recent sitemap URLs (the 2020 one is too old)
    confirmed = {(c.item_id, c.url.split(server.base)[1].lstrip("/")) for c in Coverage.objects.filter(status="confirmed")}
    assert confirmed == {(items[i].pk, path) for i, path in REPRINTED.items()}
    pending = {(c.item_id, c.url.split(server.base)[1].lstrip("/")) for c in Coverage.objects.filter(status="pending")}
    assert pending == {(items[i].pk, path) for i, path in BORDERLINE.items()}
    for path in UNRELATED:
        entry = MonitoredEntry.objects.get(url=f"{server.base}/{path}")
        assert entry.matched_at is not None and not entry.coverage.exists()
    # The link to our portal is what found the commentary on item 27.
    assert Coverage.objects.get(item=items[27]).via == "link"
    # Kept: how much of our text the outlet kept — the whole lead and body of item 0 but one paragraph.
    r1 = Coverage.objects.get(item=items[0])
    assert 0.6 < r1.kept < 1.0 and r1.outlet == monitored["jonoob"] and r1.agency_id == monitored["A"].pk
    assert Coverage.objects.get(item=items[19]).agency_id == monitored["B"].pk


def test_summary_only_entries_read_the_article(monitored):
    run()
    entry = MonitoredEntry.objects.get(url=f"{monitored['server'].base}/jonoob/2.html")
    assert "کوت عبدالله" in entry.excerpt  # from the page, not from the feed's one-line summary
    assert "پربازدیدها" not in entry.excerpt and "حقوق این پایگاه" not in entry.excerpt  # aside, footer dropped


def test_robots_txt_is_respected(monitored):
    run()
    server = monitored["server"]
    assert server.requested("/private/") == []
    assert server.requested("/robots.txt")  # read once per host
    assert len(server.requested("/robots.txt")) == 1


def test_unchanged_feeds_answer_304_and_fetch_nothing_more(monitored):
    run()
    server = monitored["server"]
    before = len(server.log)
    FeedState.objects.update(next_fetch_at=timezone.now() - dt.timedelta(seconds=1))
    result = run()
    assert result["entries"] == 0
    assert server.log[before:] == [("/jonoob/feed.xml", 304), ("/karoun/sitemap.xml", 304)]
    assert set(FeedState.objects.values_list("last_status", flat=True)) == {304}


def test_feeds_are_read_when_due_only(monitored):
    run()
    assert run()["feeds"] == 0  # next in 15 minutes
    state = FeedState.objects.get(outlet=monitored["jonoob"])
    assert state.next_fetch_at > timezone.now() + dt.timedelta(minutes=14)


def test_errors_back_off_exponentially_and_show_on_the_feed(monitored):
    server = monitored["server"]
    server.status_override["/jonoob/feed.xml"] = 500
    now = timezone.now()
    gaps = []
    for _ in range(3):
        with httpx.Client() as client:
            fetcher.run(now=now, client=client, interval=0)
        state = FeedState.objects.get(outlet=monitored["jonoob"])
        gaps.append((state.next_fetch_at - now).total_seconds())
        now = state.next_fetch_at
    assert gaps == [1800, 3600, 7200]
    assert state.failures == 3 and state.last_error == "HTTP 500" and state.last_status == 500
    server.status_override.clear()
    with httpx.Client() as client:
        fetcher.run(now=now, client=client, interval=0)
    state.refresh_from_db()
    assert state.failures == 0 and state.last_error == ""


def test_retry_after_is_honoured(monitored):
    server = monitored["server"]
    server.status_override["/jonoob/feed.xml"] = 429
    run()
    state = FeedState.objects.get(outlet=monitored["jonoob"])
    assert state.last_status == 429 and state.failures == 1


def test_politeness_spaces_requests_to_one_host(monitored):
    with httpx.Client() as client:
        fetcher.run(client=client, interval=0.15)
    times = monitored["server"].times
    assert len(times) == 9
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.15 * 0.9  # one host: one request at a time, never closer than the interval


def test_body_size_is_bounded(monitored, settings):
    settings.HAMAFZA_COVERAGE_MAX_BYTES = 1000
    run()
    state = FeedState.objects.get(outlet=monitored["jonoob"])
    assert state.last_error == "too large" and not MonitoredEntry.objects.filter(outlet=monitored["jonoob"]).exists()


def test_private_addresses_are_refused_in_production(monitored, settings):
    settings.HAMAFZA_COVERAGE_ALLOW_PRIVATE = False
    run()
    assert monitored["server"].log == []
    assert set(FeedState.objects.values_list("last_error", flat=True)) == {"private address"}


def test_entries_are_stored_once_per_council(monitored):
    run()
    n = MonitoredEntry.objects.count()
    FeedState.objects.update(next_fetch_at=None, etag="", last_modified="")
    run()
    assert MonitoredEntry.objects.count() == n
    assert Coverage.objects.count() == len(REPRINTED) + len(BORDERLINE)


def test_redirects_are_followed_and_checked_at_every_hop(monitored, settings):
    server = monitored["server"]
    server.redirects["/jonoob/feed.xml"] = "/jonoob/moved.xml"
    server.redirects["/jonoob/moved.xml"] = "/private/feed.xml"  # a path robots.txt forbids
    run()
    state = FeedState.objects.get(outlet=monitored["jonoob"])
    assert state.last_error == "robots.txt" and server.requested("/private/") == []
    server.redirects["/jonoob/moved.xml"] = "/jonoob/feed2.xml"
    server.pages["/jonoob/feed2.xml"] = server.content("/jonoob/feed.xml")
    FeedState.objects.update(next_fetch_at=None)
    assert run()["entries"] == 4
