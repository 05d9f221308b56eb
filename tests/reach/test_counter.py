"""Portal reach: each reader counted once per item and day, through the product's WSGI stack
(hamafza.wsgi.build: the page cache, reach, Django), with no address, agent or cookie kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from hamafza.reach import counter, selectors
from hamafza.reach.models import ItemDailyViews
from hamafza.reach.sketch import SPARSE_MAX
from tests import factories

HOST = "khz.example.ir"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
ADDRESS = "203.0.113.77"


def path_of(item) -> str:
    return f"/news/{item.pk}/{item.slug}/"


def read(portal, item, agent=FIREFOX, address=ADDRESS, **headers):
    answer = portal.get(path_of(item), user_agent=agent, **headers, remote_addr=address)
    assert answer.status == 200, answer.status
    assert counter.HEADER.lower() not in answer.headers  # never shown to the reader
    return answer


def stored_values(store):
    """(where, bytes) of every entry of a file cache or of this test run's Redis keys."""
    if hasattr(store, "_list_cache_files"):
        for path in store._list_cache_files():
            with open(path, "rb") as f:
                yield path, f.read()
        return
    client = store._cache.get_client(None, write=False)
    for key in client.scan_iter(match=f"{store.key_prefix}*"):
        value = client.get(key)
        yield key, (value if isinstance(value, bytes) else str(value).encode())


def views(item) -> int:
    return sum(ItemDailyViews.objects.filter(item=item).values_list("views", flat=True))


@pytest.fixture
def item(world):
    return factories.make_item(world["A"], title="خبر سنجش بازدید")


def test_reloads_count_once_and_a_second_reader_counts(portal, item):
    for _ in range(5):
        read(portal, item)
    counter.flush()
    assert views(item) == 1
    read(portal, item, agent=CHROME)  # another browser behind the same address: another reader
    read(portal, item, address="198.51.100.9")
    for _ in range(3):
        read(portal, item)
    counter.flush()
    assert views(item) == 3
    row = ItemDailyViews.objects.get(item=item)
    assert (row.council_id, row.agency_id, row.day) == (portal_council(item), item.lead_agency_id, timezone.localdate())


def portal_council(item) -> int:
    from hamafza.agencies.models import Council

    return Council.objects.get(hostname=HOST).pk


def test_a_page_from_the_page_cache_still_counts(portal, item):
    read(portal, item)
    stored = read(portal, item, address="198.51.100.10")
    third = read(portal, item, address="198.51.100.11")
    assert stored.hit and third.hit
    assert portal.rendered == 1  # Django rendered it once; the next two came from the store
    counter.flush()
    assert views(item) == 3


@pytest.mark.parametrize("agent", [
    "", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0)", "TelegramBot (like TwitterBot)", "WhatsApp/2.23.20.0",
    "facebookexternalhit/1.1", "curl/8.5.0", "python-requests/2.32", "Mozilla/5.0 (compatible; YandexBot/3.0)",
])
def test_bots_and_tools_are_not_readers(portal, item, agent):
    read(portal, item, agent=agent)
    read(portal, item, agent=agent)  # the second one from the page cache
    counter.flush()
    assert views(item) == 0


@pytest.mark.parametrize("header", [
    {"sec_purpose": "prefetch"}, {"sec_purpose": "prefetch;prerender"}, {"purpose": "prefetch"},
    {"x_moz": "prefetch"}, {"x_purpose": "preview"},
])
def test_prefetches_are_not_views(portal, item, header):
    read(portal, item, **header)
    read(portal, item, **header)
    counter.flush()
    assert views(item) == 0
    read(portal, item)  # the reader then opens it
    counter.flush()
    assert views(item) == 1


def test_head_redirects_and_other_pages_do_not_count(portal, item):
    portal.get(path_of(item), method="HEAD", user_agent=FIREFOX, remote_addr=ADDRESS)
    portal.get(f"/news/{item.pk}/wrong-slug/", user_agent=FIREFOX, remote_addr=ADDRESS)
    portal.get(f"/n/{item.pk}", user_agent=FIREFOX, remote_addr=ADDRESS)
    portal.get("/", user_agent=FIREFOX, remote_addr=ADDRESS)
    assert counter.pending() == 0
    counter.flush()
    assert not ItemDailyViews.objects.exists()


def test_a_header_value_that_is_not_the_views_own_spelling_counts_nothing(portal, item, world):
    council = world["council"].pk
    reader = {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": ADDRESS}
    for value in (f"0{council}:{item.pk}", f" {council}:{item.pk}", f"{council}:{item.pk}:1", f"{council}-{item.pk}",
                  f"{council}:", "", f"{council}:{item.pk}\x00"):
        counter.record(reader, value)
    assert counter.pending() == 0
    counter.record(reader, f"{council}:{item.pk}")
    counter.flush()
    assert views(item) == 1


def test_only_article_paths_are_watched(portal, item):
    from hamafza.reach.wsgi import ReachApp

    assert ReachApp(None).prefix == "/news/"  # from the portal's URL conf
    seen = []

    def app(environ, start_response):  # any other page that carried the header passes untouched
        start_response("200 OK", [(counter.HEADER, "1:2")])
        return [b""]

    ReachApp(app)({"REQUEST_METHOD": "GET", "PATH_INFO": "/about/", "HTTP_USER_AGENT": FIREFOX},
                  lambda status, headers, exc_info=None: seen.append(headers))
    assert seen == [[(counter.HEADER, "1:2")]] and counter.pending() == 0


def test_a_crowd_flushes_before_the_interval_ends(portal, item, world, settings, monkeypatch):
    """FLUSH_SOON waiting views wake the flush thread: a buffer never waits for the interval
    while it fills up to MAX_PENDING (where views would be dropped)."""
    import threading

    settings.REACH_FLUSH_SECONDS = 3600
    monkeypatch.setattr(counter, "_SOON_BYTES", 5 * counter.VIEW)
    flushed = threading.Event()
    monkeypatch.setattr(counter, "flush", lambda: flushed.set() or 0)
    header = f"{world['council'].pk}:{item.pk}"
    for n in range(5):
        counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": f"198.51.100.{n}"}, header)
    assert not flushed.wait(0.3)  # five waiting: not yet
    counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": "198.51.100.9"}, header)
    assert flushed.wait(5)
    counter.reset_for_tests()  # the thread ends


def test_a_forked_worker_starts_its_own_flush_and_leaves_the_parents_views(portal, item, world, settings):
    import multiprocessing

    settings.REACH_FLUSH_SECONDS = 3600
    counter._timer_running = True  # as in a server's master that counted before forking
    counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": ADDRESS},
                   f"{world['council'].pk}:{item.pk}")
    assert counter.pending() == 1
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def in_child(conn):
        conn.send((counter._timer_running, counter.pending()))

    proc = ctx.Process(target=in_child, args=(child,))
    proc.start()
    assert parent.recv() == (False, 0)  # the child's buffer is its own, and its timer not started
    proc.join(10)
    assert counter.pending() == 1 and counter._timer_running  # the parent's untouched
    counter._timer_running = False


def test_the_request_path_writes_nothing(portal, item, django_assert_num_queries):
    read(portal, item)  # rendered (and stored)
    with django_assert_num_queries(0):
        for n in range(20):
            read(portal, item, address=f"198.51.100.{n}")
    assert counter.pending() == 21
    counter.flush()
    assert views(item) == 21


def test_no_address_agent_or_cookie_is_kept(portal, item, world):
    answer = read(portal, item)
    assert "set-cookie" not in answer.headers
    counter.flush()
    secrets = (ADDRESS, FIREFOX, "Firefox")
    # Every column of every reach table (the database as it is, in SQL).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ItemDailyViews._meta.db_table}")
        rows = cursor.fetchall()
    assert rows
    for row in rows:
        for value in row:
            stored = bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()
            assert not any(secret.encode() in stored for secret in secrets)
    columns = {f.name for f in ItemDailyViews._meta.get_fields()}
    assert not columns & {"ip", "address", "ip_address", "user_agent", "agent", "session", "cookie"}
    # Every value in both caches as stored (pickled bytes included): files, or Redis keys.
    for alias in ("default", "reach"):
        entries = list(stored_values(caches[alias]))
        assert entries, alias  # the stored page, the day's salt: the scan saw them
        for where, data in entries:
            for secret in secrets:
                assert secret.encode() not in data, (alias, where)
    # In memory: the buffer holds only (day, council, item, mark), 32 bytes a view.
    read(portal, item, address="198.51.100.200")
    buffered = bytes(counter._buffer)
    assert len(buffered) == counter.VIEW
    today = timezone.localdate()
    day, council, item_id = counter._KEY.unpack_from(buffered)
    assert (day, council, item_id) == (today.toordinal(), world["council"].pk, item.pk)
    mark = int.from_bytes(buffered[24:], "big", signed=True)
    assert mark == counter.mark(today, council, item.pk, "198.51.100.200", FIREFOX)
    assert not any(secret.encode() in buffered for secret in (*secrets, "198.51.100.200"))


def test_the_salt_is_random_per_day_and_discarded(portal, item, monkeypatch):
    today = timezone.localdate()
    first = counter.salt_for(today)
    assert len(first) == 32 and caches["reach"].get(counter._salt_key(today)) == first
    counter.reset_for_tests()
    assert counter.salt_for(today) == first  # shared by every process through the cache
    tomorrow = today + dt.timedelta(days=1)
    second = counter.salt_for(tomorrow)
    assert second != first
    assert caches["reach"].get(counter._salt_key(today)) is None  # yesterday's is gone
    # The same reader tomorrow is a new mark: marks cannot be linked across days.
    assert counter.mark(today, 1, 2, ADDRESS, FIREFOX) != counter.mark(tomorrow, 1, 2, ADDRESS, FIREFOX)


def test_sketches_of_past_days_are_dropped_and_counts_kept(portal, item, monkeypatch):
    read(portal, item)
    counter.flush()
    ItemDailyViews.objects.update(day=timezone.localdate() - dt.timedelta(days=3))
    monkeypatch.setattr(counter, "_cleared", None)  # the process's first flush of a new day
    read(portal, item, address="198.51.100.3")
    counter.flush()
    old = ItemDailyViews.objects.get(day__lt=timezone.localdate() - dt.timedelta(days=1))
    assert old.readers is None and old.views == 1  # who read it is forgotten, the count is kept
    assert ItemDailyViews.objects.get(day=timezone.localdate()).readers is not None
    assert views(item) == 2


def test_a_late_batch_for_a_forgotten_day_adds_its_readers(portal, item, world):
    """A count whose sketch was dropped (a flush that failed for days) adds the batch's readers."""
    read(portal, item)
    counter.flush()
    ItemDailyViews.objects.update(readers=None)
    header = f"{world['council'].pk}:{item.pk}"
    for n in range(3):
        counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": f"198.51.100.{n}"}, header)
    counter.flush()
    assert views(item) == 4


def test_many_readers_of_one_item_are_counted_within_a_few_per_cent(portal, item, world):
    """Beyond SPARSE_MAX readers the sketch is a HyperLogLog: 4 KiB whatever the readers, the
    count an estimate (1.6 % standard error); reloads still count once, and it never goes down."""
    header = f"{world['council'].pk}:{item.pk}"
    agents = [f"{FIREFOX} r{n}" for n in range(6000)]
    seen = []
    for at in range(0, len(agents), 1500):
        for agent in agents[at:at + 1500]:
            counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": agent, "REMOTE_ADDR": ADDRESS}, header)
        counter.flush()
        seen.append(views(item))
    # The day's salt is random, so the estimate is too: 6 % is 3.75 standard errors (1.6 %).
    assert abs(seen[0] - 1500) <= 90, seen
    assert seen == sorted(seen)
    assert abs(seen[-1] - 6000) <= 360, seen
    for agent in agents[:3000]:  # the same readers again, through another flush
        counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": agent, "REMOTE_ADDR": ADDRESS}, header)
    counter.flush()
    assert views(item) == seen[-1]
    row = ItemDailyViews.objects.get(item=item)
    assert len(bytes(row.readers)) == 4097


def test_selectors_sum_per_agency_and_item(portal, world, item):
    other = factories.make_item(world["B"], title="خبر دستگاه دوم")
    for n in range(4):
        read(portal, item, address=f"198.51.100.{n}")
    read(portal, other)
    counter.flush()
    today = timezone.localdate()
    a, b, c = world["A"].pk, world["B"].pk, world["C"].pk
    assert selectors.portal_views([a, b, c], today, today) == {a: 4, b: 1, c: 0}
    assert selectors.portal_views_by_item([a], today, today) == {item.pk: 4}
    assert selectors.portal_views([a], today - dt.timedelta(days=9), today - dt.timedelta(days=1)) == {a: 0}


def test_a_failed_flush_keeps_its_views_for_the_next(portal, item, monkeypatch):
    read(portal, item)
    read(portal, item, address="198.51.100.4")

    def broken(batch):
        raise RuntimeError("database away")

    monkeypatch.setattr(counter, "_write", broken)
    with pytest.raises(RuntimeError):
        counter.flush()
    assert counter.pending() == 2
    monkeypatch.undo()
    counter.flush()
    assert views(item) == 2 and counter.pending() == 0


def test_a_broken_cache_never_breaks_the_page(portal, item, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache away")

    monkeypatch.setattr(counter, "salt_for", down)
    answer = read(portal, item)
    assert b"\xd8" in answer.body  # the Persian page itself
    assert counter.pending() == 0


def test_views_recorded_while_a_flush_runs_are_not_lost(portal, item, world):
    """Request threads append while the timer flushes (gthread workers): every view lands once."""
    import threading

    council_id = world["council"].pk
    header = f"{council_id}:{item.pk}"

    def readers(n):
        for k in range(120):
            counter.record({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": f"{FIREFOX} t{n}-{k}", "REMOTE_ADDR": ADDRESS}, header)

    threads = [threading.Thread(target=readers, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        counter.flush()
    for t in threads:
        t.join()
    counter.flush()
    assert views(item) == 480 <= SPARSE_MAX  # exact: below the sketch's switch to HyperLogLog


def test_with_counting_off_the_page_carries_no_reach_header(client, item, settings):
    settings.REACH_COUNTING = False  # hamafza/wsgi.py then has no counting layer to take it off
    answer = client.get(path_of(item), headers={"host": HOST})
    assert answer.status_code == 200
    assert counter.HEADER not in answer.headers
    settings.REACH_COUNTING = True
    assert client.get(path_of(item), headers={"host": HOST}).headers[counter.HEADER].endswith(f":{item.pk}")
