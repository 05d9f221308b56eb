"""Counting article readers on the portal without tracking them.

The request path (`record`: called by the page cache for every stored article it answers, and by
reach.wsgi.ReachApp for a rendered one) appends one 32-byte record to this process's buffer:
(day, council, item, mark). The mark is a keyed BLAKE2b hash of the council, the item, the address
and the agent under the day's random salt (kept in the "reach" cache only, rotated each Tehran day
and left to expire); the address and agent are never stored. The buffer is a bytearray, not a
list of tuples: a view leaves no object for the garbage collector to trace (a tuple per view kept
until the flush set off collections that cost more than the counting itself). A timer thread per
process (settings.REACH_FLUSH_SECONDS) flushes the buffer in one transaction: the
batch's marks are merged into each touched (item, council, day) row's sketch of readers
(hamafza.reach.sketch: the marks themselves while few, HyperLogLog registers beyond, so a reload,
another worker or another machine counts once) and the row's count is the sketch's count. The
cost follows the items touched, not the readers: no row per reader. Sketches of past days are
dropped. Nothing on the request path touches the database.

Not counted: anything but a GET, a request without an agent or with a known crawler's, preview or
tool agent, and prefetches and prerenders (Sec-Purpose, Purpose, X-Moz, X-Purpose)."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import logging
import multiprocessing.util
import os
import struct
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from hamafza.core.clientaddr import client_address

log = logging.getLogger(__name__)

# The header by which the article view names what a 200 is a view of: "<council id>:<item id>".
# It is stored with the page in the page cache (so a stored answer still counts) and removed by
# ReachApp before anything reaches the reader.
HEADER = "X-Hamafza-Reach"
MAX_PENDING = 200_000  # views: a stuck flush loses counts rather than memory (6.4 MB)
# A crowd fills the buffer faster than the interval empties it (8,000 views a second per process
# fill MAX_PENDING in 25 s): from this many views on, the flush runs at once.
FLUSH_SOON = 50_000

# Substrings of the lower-cased agent of crawlers, link previews and tools (a substring test per
# word is a few times faster than one case-insensitive alternation over the agent).
BOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "archiver", "scrap", "fetch", "preview", "facebookexternalhit",
    "whatsapp", "embedly", "lighthouse", "headless", "phantom", "python", "curl", "wget", "httpclient",
    "http-client", "okhttp", "go-http", "java/", "libwww", "axios", "node-fetch", "monitor", "pingdom",
    "uptime", "check", "validator", "feed", "rss",
)
_PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ", "HTTP_X_PURPOSE")

# One view: the day's ordinal, the council, the item (the key, packed once per item and day) and the
# mark (the BLAKE2b digest as it comes: big-endian).
_KEY = struct.Struct("<qqq")
VIEW = 32
# Appended by request threads with one extend (atomic under the GIL); the flush copies what is
# there and deletes that many bytes from the front, so a view appended meanwhile stays.
_buffer = bytearray()
_MAX_BYTES, _SOON_BYTES = MAX_PENDING * VIEW, FLUSH_SOON * VIEW
_salt: tuple[dt.date, bytes] | None = None
_timer_running = False  # this process's flush thread started (reset in a forked child)
_wake = threading.Event()  # set when FLUSH_SOON views wait: the flush thread runs at once
_generation = 0  # a flush thread of an earlier generation ends (tests)
_lock = threading.Lock()  # the timer's start
_flushing = threading.Lock()  # one flush at a time in this process


_agents: dict[str, bool] = {}  # agent -> a person's browser? (few distinct agents carry most views)
AGENTS_KEPT = 2048


def _browser(agent: str) -> bool:
    known = _agents.get(agent)
    if known is None:
        lowered = agent.lower()
        known = bool(agent) and not any(word in lowered for word in BOT_WORDS)
        if len(_agents) >= AGENTS_KEPT:
            _agents.clear()
        _agents[agent] = known
    return known


def _prefetch(environ: dict) -> bool:
    """A prefetch or prerender, not a reader's view (asked only when one of these headers is there)."""
    for name in _PREFETCH_HEADERS:
        value = (environ.get(name) or "").lower()
        if "prefetch" in value or "preview" in value or "prerender" in value:
            return True
    return False


def _store():
    return caches["reach"] if "reach" in settings.CACHES else caches["default"]


def _salt_key(day: dt.date) -> str:
    return f"hamafza:reach:salt:{day.isoformat()}"


def salt_for(day: dt.date) -> bytes:
    """The day's random salt: made by the first process that needs it, shared through the cache,
    expiring a minute after the day ends."""
    global _salt
    if _salt is not None and _salt[0] == day:
        return _salt[1]
    store = _store()
    key = _salt_key(day)
    now = timezone.localtime()
    ends = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=now.tzinfo)
    timeout = max(60, int((ends - now).total_seconds()) + 60)
    store.add(key, os.urandom(32), timeout=timeout)
    salt = store.get(key)
    if not isinstance(salt, bytes):  # the cache is down: a process-local salt still hides the reader
        salt = os.urandom(32)
    store.delete(_salt_key(day - dt.timedelta(days=1)))  # discarded, not only left to expire
    _salt = (day, salt)
    return salt


def mark(day: dt.date, council_id: int, item_id: int, address: str, agent: str) -> int:
    """The reader's mark: a keyed BLAKE2b of the item and the reader under the day's salt."""
    h = hashlib.blake2b(key=salt_for(day), digest_size=8)
    h.update(_marked(f"{council_id}:{item_id}", address, agent))
    return int.from_bytes(h.digest(), "big", signed=True)  # as the flush reads a digest (">i8")


def _marked(value: str, address: str, agent: str) -> bytes:
    return f"{value}\x00{address}\x00{agent}".encode("utf-8", "surrogateescape")


def _parse(value: str) -> tuple[int, int] | None:
    """(council id, item id) of a HEADER value in the view's own spelling, else None ("01:2",
    " 1:2", ids no column holds: not ours)."""
    council, _, item = value.partition(":")
    try:
        ids = (int(council), int(item))
    except ValueError:
        return None
    if f"{ids[0]}:{ids[1]}" != value or not all(0 < i < 1 << 63 for i in ids):
        return None
    return ids


class _Day:
    """Today as the request path needs it, computed again only when the day ends (timezone.localdate
    costs µs, keying the hash costs a block): when it ends, and for each HEADER value its packed
    key and the day's keyed BLAKE2b already fed with the value (copied for each mark, so a view
    hashes only the reader); () for a value that names no item."""

    __slots__ = ("ends", "date", "hash", "items")

    def __init__(self, ends: float, date: dt.date | None, hash=None):
        self.ends, self.date, self.hash = ends, date, hash
        self.items: dict[str, tuple] = {}

    def item(self, value: str) -> tuple:
        ids = _parse(value)
        found = ()
        if ids:
            h = self.hash.copy()
            h.update(f"{value}\x00".encode())  # as _marked begins
            found = (_KEY.pack(self.date.toordinal(), *ids), h)
        if len(self.items) >= VALUES_KEPT:  # the article ids a process serves in a day are few
            self.items.clear()
        self.items[value] = found
        return found


VALUES_KEPT = 65536
_ENDED = _Day(0.0, None)
_today = _ENDED


def _new_day() -> _Day:
    global _today
    local = timezone.localtime()
    day = local.date()
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=local.tzinfo)
    today = _Day(midnight.timestamp(), day, hashlib.blake2b(key=salt_for(day), digest_size=8))
    if not _timer_running:
        _ensure_timer()
    _today = today
    return today


def record(environ: dict, value: str) -> None:
    """Buffer one view named by the HEADER value, if the request is a reader's. On the request
    path of every stored article: a few dictionary look-ups, one keyed hash and one append
    (bench/reach_bench.py --inproc-only gives its cost)."""
    agent = environ.get("HTTP_USER_AGENT")
    if not agent or environ.get("REQUEST_METHOD") != "GET":
        return
    browser = _agents.get(agent)
    if browser is None:
        browser = _browser(agent)
    if not browser:
        return
    if ("HTTP_SEC_PURPOSE" in environ or "HTTP_PURPOSE" in environ or "HTTP_X_MOZ" in environ
            or "HTTP_X_PURPOSE" in environ) and _prefetch(environ):
        return
    today = _today
    if time.time() >= today.ends:
        today = _new_day()
    item = today.items.get(value)
    if item is None:
        item = today.item(value)
    if not item:
        return
    key, h = item
    h = h.copy()
    # the rest of _marked (a WSGI string is latin-1, never a surrogate: plain UTF-8 is the same)
    h.update(f"{client_address(environ) or ''}\x00{agent}".encode())
    waiting = len(_buffer)
    if waiting < _MAX_BYTES:
        _buffer.extend(key + h.digest())
        if waiting >= _SOON_BYTES and not _wake.is_set():
            _wake.set()


def pending() -> int:
    return len(_buffer) // VIEW


# ------------------------------------------------------------------------------ the flush
def flush() -> int:
    """Write this process's buffered views: one transaction, whatever their number. Returns the
    number of (item, council, day) counts written. One flush at a time per process (the exit
    flush waits for the timer's), and one at a time per database: each merges into the stored
    sketches, so two processes' flushes must not interleave (PostgreSQL: an advisory lock;
    SQLite: BEGIN IMMEDIATE takes the write lock before the look-up)."""
    with _flushing:
        # Only what is there now (whole views: an extend is atomic): views appended meanwhile
        # wait for the next flush.
        batch = bytes(_buffer)
        del _buffer[:len(batch)]
        if not batch:
            return 0
        try:
            return _write(batch)
        except Exception:
            room = max(0, _MAX_BYTES - len(_buffer))
            _buffer.extend(batch[: room - room % VIEW])  # tried again next round
            raise


FLUSH_LOCK = 0x72656163  # "reac": the advisory lock key of the flush on PostgreSQL
CHUNK = 500  # items looked up per query (well under SQLite's and PostgreSQL's parameter limits)

_cleared: dt.date | None = None  # the day this process last cleared sketches of past days


def _sql_day(day: dt.date):
    return day.isoformat() if connection.vendor == "sqlite" else day


def _stored(keys: set[tuple[dt.date, int, int]]) -> dict[tuple[dt.date, int, int], tuple[int, int, bytes | None]]:
    """The rows of these (day, council, item) counts that exist: {key: (row id, views, sketch)}.
    One indexed look-up per CHUNK items."""
    from .models import ItemDailyViews

    items = sorted({i for _d, _c, i in keys})
    days = {d for d, _c, _i in keys}
    found = {}
    for at in range(0, len(items), CHUNK):
        rows = ItemDailyViews.objects.filter(item_id__in=items[at:at + CHUNK], day__in=days)
        for pk, day, council, item, views, readers in rows.values_list(
                "pk", "day", "council_id", "item_id", "views", "readers"):
            if (day, council, item) in keys:
                found[(day, council, item)] = (pk, views, readers)
    return found


_VIEWS = [("day", "<i8"), ("council", "<i8"), ("item", "<i8"), ("mark", ">i8")]


def grouped(batch: bytes) -> dict:
    """The buffer's views as {(day, council, item): marks (int64 array)}: sorted and cut in numpy,
    no Python work per view."""
    import numpy as np  # here, not at start-up: only a flush needs it

    views = np.frombuffer(batch, dtype=np.dtype(_VIEWS))
    views = views[np.lexsort((views["item"], views["council"], views["day"]))]
    day, council, item = views["day"], views["council"], views["item"]
    cuts = np.flatnonzero((day[1:] != day[:-1]) | (council[1:] != council[:-1]) | (item[1:] != item[:-1])) + 1
    starts, ends = np.concatenate(([0], cuts)), np.concatenate((cuts, [len(views)]))
    marks = views["mark"].astype(np.int64)
    return {
        (dt.date.fromordinal(int(day[a])), int(council[a]), int(item[a])): marks[a:b]
        for a, b in zip(starts.tolist(), ends.tolist())
    }


def _write(batch: bytes) -> int:
    """Merge the batch's marks into each (day, council, item) sketch and store the counts: one
    look-up, one executemany of updates and one of inserts, under one lock. The cost follows the
    items touched and the new marks, not the day's readers."""
    global _cleared
    from hamafza.agencies.models import Council
    from hamafza.newsroom.models import NewsItem

    from .models import ItemDailyViews
    from .sketch import Sketch, as_marks

    by_key = grouped(batch)
    leads = dict(NewsItem.objects.filter(pk__in={i for _d, _c, i in by_key}).values_list("pk", "lead_agency_id"))
    councils = set(Council.objects.filter(pk__in={c for _d, c, _i in by_key}).values_list("pk", flat=True))
    by_key = {k: v for k, v in by_key.items() if k[2] in leads and k[1] in councils}
    if not by_key:
        return 0
    table = connection.ops.quote_name(ItemDailyViews._meta.db_table)
    today = timezone.localdate()
    with transaction.atomic():  # SQLite: BEGIN IMMEDIATE takes the write lock before the look-up
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FLUSH_LOCK])
        stored = _stored(set(by_key))
        updates, inserts = [], []
        for key, marks in by_key.items():
            pk, views, data = stored.get(key, (None, 0, None))
            if pk is not None and data is None:
                # A count whose sketch is gone (a day before yesterday): who was counted is no
                # longer known, so the batch's readers are added to it.
                updates.append((views + len(as_marks(marks)), None, leads[key[2]], pk))
                continue
            readers = Sketch.load(data)
            if not readers.add(marks) and pk is not None:
                continue  # every one of them counted already
            if pk is None:
                d, c, i = key
                inserts.append((i, c, _sql_day(d), leads[i], readers.count(), readers.dump()))
            else:
                # An estimate may wobble by a reader or two: a day's count never goes down.
                updates.append((max(views, readers.count()), readers.dump(), leads[key[2]], pk))
        with connection.cursor() as cursor:
            if inserts:
                cursor.executemany(
                    f"INSERT INTO {table} (item_id, council_id, day, agency_id, views, readers) "
                    "VALUES (%s, %s, %s, %s, %s, %s)", inserts)
            if updates:
                cursor.executemany(f"UPDATE {table} SET views = %s, readers = %s, agency_id = %s WHERE id = %s", updates)
        if _cleared != today:
            # Yesterday's sketches stay until tomorrow: a batch that straddles midnight still
            # counts each reader once. Older ones are dropped, once a day per process.
            ItemDailyViews.objects.filter(day__lt=today - dt.timedelta(days=1), readers__isnull=False).update(readers=None)
            _cleared = today
    return len(by_key)


def _loop(seconds: float, generation: int) -> None:
    while generation == _generation:
        _wake.wait(seconds)  # the interval, or FLUSH_SOON views
        _wake.clear()
        if generation != _generation:
            return
        try:
            flush()
        except Exception:  # noqa: BLE001 - the next round tries again with the next batch
            log.exception("reach: flush failed")
        finally:
            close_old_connections()


def _ensure_timer() -> None:
    global _timer_running
    seconds = settings.REACH_FLUSH_SECONDS
    if seconds <= 0:
        return
    with _lock:
        if _timer_running:
            return
        _timer_running = True
        _wake.clear()
        threading.Thread(target=_loop, args=(seconds, _generation), name="reach-flush", daemon=True).start()
        # The last views are written when the process ends: atexit for gunicorn's workers (they
        # leave through sys.exit); a multiprocessing finalizer for granian's, which are
        # multiprocessing processes and end with os._exit (atexit never runs there, and a
        # restart lost the last flush interval's views: 29 % of a benchmark's).
        atexit.register(_flush_at_exit)
        multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=100)


def _forked() -> None:
    """In a forked child (gunicorn's and multiprocessing's workers): the parent's timer thread
    did not come along, and the parent's buffer is the parent's to write."""
    global _timer_running, _wake, _today
    _timer_running = False
    _wake = threading.Event()  # not one whose lock another thread of the parent held
    _today = _ENDED  # the first view starts this process's timer
    _buffer.clear()


os.register_at_fork(after_in_child=_forked)


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001
        log.exception("reach: final flush failed")
    finally:
        connection.close()


def reset_for_tests() -> None:
    global _salt, _today, _cleared, _generation, _timer_running
    _generation += 1  # a test's flush thread ends
    _timer_running = False
    _wake.set()
    _buffer.clear()
    _agents.clear()
    _salt = None
    _today = _ENDED
    _cleared = None
