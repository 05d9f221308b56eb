"""Counting article readers on the portal without tracking them.

The request path (reach.wsgi.ReachApp, in front of the page cache) only appends a tuple to this
process's buffer: (day, council, item, mark). The mark is a keyed BLAKE2b hash of the council, the
item, the address and the agent under the day's random salt (kept in the "reach" cache only,
rotated each Tehran day and left to expire); the address and agent are never stored. A timer
thread per process (settings.REACH_FLUSH_SECONDS) flushes the buffer in one transaction: the
marks not stored yet are found by an indexed look-up of the batch and inserted (a reload, another
worker, another machine count once), their number is added to the touched items' day counts (an
upsert: the cost follows the batch, not the day's readers), and the marks of past days are
deleted. Nothing on the request path touches the database.

Not counted: anything but a GET, a request without an agent or with a known crawler's, preview or
tool agent, and prefetches and prerenders (Sec-Purpose, Purpose, X-Moz, X-Purpose)."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import logging
import os
import threading
import time
from collections import deque

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
MAX_PENDING = 200_000  # a stuck flush loses counts rather than memory

# Substrings of the lower-cased agent of crawlers, link previews and tools (a substring test per
# word is a few times faster than one case-insensitive alternation over the agent).
BOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "archiver", "scrap", "fetch", "preview", "facebookexternalhit",
    "whatsapp", "embedly", "lighthouse", "headless", "phantom", "python", "curl", "wget", "httpclient",
    "http-client", "okhttp", "go-http", "java/", "libwww", "axios", "node-fetch", "monitor", "pingdom",
    "uptime", "check", "validator", "feed", "rss",
)
_PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ", "HTTP_X_PURPOSE")

# Appended by request threads, drained by the flush with popleft: both atomic on a deque, so a view
# appended while a flush runs is never lost (a swapped-out list could be appended to after the
# flush had read it).
_pending: deque[tuple[dt.date, int, int, int]] = deque()
_salt: tuple[dt.date, bytes] | None = None
_timer_pid = 0
_lock = threading.Lock()  # the timer's start
_flushing = threading.Lock()  # one flush at a time in this process


def is_reader(environ: dict) -> bool:
    """A person's GET of the page: not a crawler, tool or link preview, not a prefetch."""
    if environ.get("REQUEST_METHOD") != "GET":
        return False
    agent = environ.get("HTTP_USER_AGENT", "").lower()
    if not agent:
        return False
    for word in BOT_WORDS:
        if word in agent:
            return False
    for name in _PREFETCH_HEADERS:
        value = environ.get(name)
        if value and ("prefetch" in value.lower() or "preview" in value.lower() or "prerender" in value.lower()):
            return False
    return True


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
    data = f"{council_id}:{item_id}\x00{address}\x00{agent}".encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, key=salt_for(day), digest_size=8).digest(), "big", signed=True)


_day: tuple[dt.date | None, float] = (None, 0.0)


def _today() -> dt.date:
    """Today in Tehran, computed again only when the day ends (timezone.localdate costs µs)."""
    global _day
    now = time.time()
    if now >= _day[1]:
        local = timezone.localtime()
        midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=local.tzinfo)
        _day = (local.date(), midnight.timestamp())
    return _day[0]


def record(environ: dict, value: str) -> None:
    """Buffer one view named by the HEADER value, if the request is a reader's."""
    if not is_reader(environ):
        return
    council, _, item = value.partition(":")
    try:
        council_id, item_id = int(council), int(item)
    except ValueError:
        return
    day = _today()
    digest = mark(day, council_id, item_id, client_address(environ) or "", environ.get("HTTP_USER_AGENT", ""))
    if len(_pending) < MAX_PENDING:
        _pending.append((day, council_id, item_id, digest))
    _ensure_timer()


def pending() -> int:
    return len(_pending)


# ------------------------------------------------------------------------------ the flush
def flush() -> int:
    """Write this process's buffered views: one transaction, whatever their number. Returns the
    number of (item, council, day) counts written. One flush at a time per process (the exit
    flush waits for the timer's), and one at a time per database: the counts are recounted from
    the marks, so two processes' flushes must not interleave (PostgreSQL: an advisory lock;
    SQLite: the insert takes the write lock before the recount reads)."""
    with _flushing:
        batch = []
        try:
            while True:
                batch.append(_pending.popleft())
        except IndexError:
            pass
        if not batch:
            return 0
        try:
            return _write(batch)
        except Exception:
            _pending.extend(batch[: max(0, MAX_PENDING - len(_pending))])  # tried again next round
            raise


FLUSH_LOCK = 0x72656163  # "reac": the advisory lock key of the flush on PostgreSQL


CHUNK = 2000  # marks looked up per query (well under SQLite's and PostgreSQL's parameter limits)


def _sql_day(day: dt.date):
    return day.isoformat() if connection.vendor == "sqlite" else day


def _new_marks(marks: list[tuple[dt.date, int, int, int]]) -> list[tuple[dt.date, int, int, int]]:
    """The marks not stored yet (a reader counted earlier today, by this or another process, is
    not counted again). One indexed look-up per CHUNK marks: the cost follows the batch, not the
    day's readers."""
    from .models import ReaderMark

    stored = set()
    for at in range(0, len(marks), CHUNK):
        chunk = marks[at:at + CHUNK]
        stored.update(ReaderMark.objects.filter(
            day__in={d for d, _c, _i, _m in chunk}, item_id__in={i for _d, _c, i, _m in chunk},
            digest__in={m for _d, _c, _i, m in chunk},
        ).values_list("day", "council_id", "item_id", "digest"))
    return [m for m in marks if m not in stored]


def _insert_marks(marks: list[tuple[dt.date, int, int, int]]) -> None:
    """Each mark once (the unique constraint ignores one already there): one executemany, no model
    instances (a flush may carry thousands of marks; bulk_create's objects cost more than the
    rows)."""
    from .models import ReaderMark

    table = connection.ops.quote_name(ReaderMark._meta.db_table)
    columns = "(day, council_id, item_id, digest) VALUES (%s, %s, %s, %s)"
    if connection.vendor == "sqlite":
        sql = f"INSERT OR IGNORE INTO {table} {columns}"
    else:
        sql = f"INSERT INTO {table} {columns} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(_sql_day(d), c, i, m) for d, c, i, m in marks])


def _add_views(added: dict[tuple[dt.date, int, int], int], leads: dict[int, int]) -> None:
    """Add the new readers to each (item, council, day) count: one upsert per count, in one
    executemany (SQLite 3.24+ and PostgreSQL: ON CONFLICT … DO UPDATE)."""
    from .models import ItemDailyViews

    table = connection.ops.quote_name(ItemDailyViews._meta.db_table)
    sql = (f"INSERT INTO {table} (item_id, council_id, day, agency_id, views) VALUES (%s, %s, %s, %s, %s) "
           f"ON CONFLICT (item_id, council_id, day) DO UPDATE SET views = {table}.views + excluded.views, "
           "agency_id = excluded.agency_id")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(i, c, _sql_day(d), leads[i], n) for (d, c, i), n in added.items()])


def _write(batch: list[tuple[dt.date, int, int, int]]) -> int:
    from hamafza.agencies.models import Council
    from hamafza.newsroom.models import NewsItem

    from .models import ReaderMark

    marks = set(batch)
    item_ids = {item for _d, _c, item, _m in marks}
    leads = dict(NewsItem.objects.filter(pk__in=item_ids).values_list("pk", "lead_agency_id"))
    councils = set(Council.objects.filter(pk__in={c for _d, c, _i, _m in marks}).values_list("pk", flat=True))
    marks = sorted(m for m in marks if m[2] in leads and m[1] in councils)
    if not marks:
        return 0
    today = timezone.localdate()
    with transaction.atomic():  # SQLite: BEGIN IMMEDIATE takes the write lock before the look-up
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FLUSH_LOCK])
        new = _new_marks(marks)
        added: dict[tuple[dt.date, int, int], int] = {}
        for d, c, i, _m in new:
            added[(d, c, i)] = added.get((d, c, i), 0) + 1
        if new:
            _insert_marks(new)
            _add_views(added, leads)
        # Yesterday's marks stay until tomorrow: a batch that straddles midnight still counts once.
        ReaderMark.objects.filter(day__lt=today - dt.timedelta(days=1)).delete()
    return len(added)


def _loop(seconds: float) -> None:
    while True:
        time.sleep(seconds)
        try:
            flush()
        except Exception:  # noqa: BLE001 - the next round tries again with the next batch
            log.exception("reach: flush failed")
        finally:
            close_old_connections()


def _ensure_timer() -> None:
    global _timer_pid
    seconds = settings.REACH_FLUSH_SECONDS
    if _timer_pid == os.getpid() or seconds <= 0:
        return
    with _lock:
        if _timer_pid == os.getpid():
            return
        _timer_pid = os.getpid()
        threading.Thread(target=_loop, args=(seconds,), name="reach-flush", daemon=True).start()
        atexit.register(_flush_at_exit)


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # noqa: BLE001
        log.exception("reach: final flush failed")
    finally:
        connection.close()


def reset_for_tests() -> None:
    global _salt, _day
    _pending.clear()
    _salt = None
    _day = (None, 0.0)
