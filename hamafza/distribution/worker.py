"""The sender: claims due deliveries and talks to the platforms.

    send_due(limit)   one pass: claim up to `limit` due deliveries and send them (tests drive this)
    drain(seconds)    until nothing is due, up to SEND_CONCURRENCY sends in flight at once on
                      distinct chats (the send task of the task worker and the dedicated
                      `distribution_worker` run this)
    sweep_stale()     `sending` rows whose process died become `unknown` (the scheduler runs this)

Each delivery is claimed with a conditional UPDATE (state and attempts as read), and `sending` is
committed before the HTTP call: a second worker never gets the same row, and a crash leaves
`sending`, which the sweep turns into `unknown`, never into a blind retry. Per-chat and per-token
limits are rows in RateSlot, reserved with a conditional UPDATE too; a 429 writes a TokenPause.

A delivery costs two short write transactions: the claim (limit slots and `sending`, committed
before the HTTP call) and the outcome (limit slots counted from the answer, and the new state).
Under a publishing burst on SQLite every write waits for the one database lock, so fewer writes
are the difference between a first send in one second and one in several. Concurrent sends run
on a small thread pool, each thread on its own database connection (closed when the send ends);
the dispatcher thread claims, so a killed process leaves at most SEND_CONCURRENCY `sending` rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager

from django.db import IntegrityError, OperationalError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits

from . import conf
from .adapters import Permanent, RateLimited, Retryable, Sent, Unknown
from .models import Channel, Delivery, RateSlot, SenderLease, TokenPause
from .perform import perform

logger = logging.getLogger("hamafza.distribution")
A, St = Delivery.Action, Delivery.State
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


def backoff(attempt: int) -> float:
    base = float(conf.get("BACKOFF_BASE"))
    delay = min(float(conf.get("BACKOFF_MAX")), base * 2 ** max(0, attempt - 1))
    jitter = float(conf.get("BACKOFF_JITTER"))
    return delay * random.uniform(1 - jitter, 1 + jitter)


# --- the write lock ----------------------------------------------------------------------------

@contextmanager
def _write() -> Iterator[None]:
    """transaction.atomic(); on SQLite, the database's one write lock is awaited by trying every
    few milliseconds. SQLite's own busy handler sleeps up to 100 ms between tries, so a process
    that writes in a loop (a publishing burst) wins the lock back every time and a claim waited
    seconds. Waits at most the connection's busy timeout, like any other write."""
    conn = transaction.get_connection()
    if conn.vendor != "sqlite" or conn.in_atomic_block:
        with transaction.atomic():
            yield
        return
    conn.ensure_connection()
    raw = conn.connection
    patience = raw.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
    deadline = time.monotonic() + patience
    block = transaction.atomic()
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                block.__enter__()  # BEGIN IMMEDIATE: the write lock, or "database is locked" at once
                break
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.002)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(patience * 1000)}")
    try:
        yield
    except BaseException as exc:
        if not block.__exit__(type(exc), exc, exc.__traceback__):
            raise
    else:
        block.__exit__(None, None, None)


# --- limits ------------------------------------------------------------------------------------

def reserve(key: str, interval: float, now: dt.datetime) -> bool:
    """Take the next slot of a limit if it is free now; False if another send holds it."""
    if interval <= 0:
        return True
    until = now + dt.timedelta(seconds=interval)
    if RateSlot.objects.filter(key=key, next_at__lte=now).update(next_at=until):
        return True
    if RateSlot.objects.filter(key=key).exists():
        return False
    try:
        with transaction.atomic():
            RateSlot.objects.create(key=key, next_at=until)
        return True
    except IntegrityError:
        return False


def pause_token(channel: Channel, seconds: float, reason: str, now: dt.datetime) -> dt.datetime:
    until = now + dt.timedelta(seconds=max(1.0, seconds))
    obj, created = TokenPause.objects.get_or_create(key=channel.rate_key, defaults={"until": until, "reason": reason[:300]})
    if not created and obj.until < until:
        TokenPause.objects.filter(pk=obj.pk).update(until=until, reason=reason[:300])
    return until


def _chat_key(channel: Channel) -> str:
    return f"chat:{channel.kind}:{channel.chat_id or channel.pk}"[:64]


# --- claiming ----------------------------------------------------------------------------------

def _wait_for_parent(d: Delivery, now: dt.datetime) -> bool:
    """Edits, deletions and replies need the original sent first. True if `d` must wait (it was
    rescheduled or cancelled here)."""
    if d.parent_id is None:
        return False
    parent_state = Delivery.objects.filter(pk=d.parent_id).values_list("state", flat=True).first()
    if parent_state == St.SENT:
        # Follow-ups of one post go in their order: an edit that replaces the post (a change of
        # kind) finishes before a later withdrawal looks for the message that stands for it now.
        earlier = Delivery.objects.filter(
            parent_id=d.parent_id, pk__lt=d.pk, state__in=(*Delivery.DUE_STATES, St.SENDING),
        ).exists()
        if not earlier:
            return False
        Delivery.objects.filter(pk=d.pk, state=d.state).update(
            next_attempt_at=now + dt.timedelta(seconds=float(conf.get("BACKOFF_BASE"))), updated_at=now,
        )
        return True
    if parent_state in (St.FAILED, St.CANCELLED, None):
        Delivery.objects.filter(pk=d.pk, state=d.state).update(
            state=St.CANCELLED, last_error=_("پیام اصلی هرگز فرستاده نشد؛ کاری نمانده است."), updated_at=now,
        )
    else:
        Delivery.objects.filter(pk=d.pk, state=d.state).update(
            next_attempt_at=now + dt.timedelta(seconds=float(conf.get("BACKOFF_BASE"))), updated_at=now,
        )
    return True


def _still_published(d: Delivery, now: dt.datetime) -> bool:
    """A first send, an edit or a correction goes out only while its item is published (an
    unpublish cancels queued sends in its own transaction; this also covers one put back in the
    queue by a person, and an edit that would post a replacement of a withdrawn post)."""
    from hamafza.newsroom.models import NewsItem

    if d.item_id is None:
        return True  # a live event's bulletin: its text is rewritten in place, never withdrawn
    row = NewsItem.objects.filter(pk=d.item_id).values_list("status", "published_at").first()
    if row and row[0] == NewsItem.Status.PUBLISHED and row[1] is not None:
        return True
    Delivery.objects.filter(pk=d.pk, state=d.state).update(
        state=St.CANCELLED, last_error=_("خبر دیگر منتشرشده نیست؛ فرستاده نشد."), updated_at=now,
    )
    return False


def _claim_next(now: dt.datetime, candidates: list[Delivery], paused: dict[str, dt.datetime],
                held: set[str] | None = None, busy: set[str] | frozenset = frozenset()) -> tuple[Delivery | None, bool]:
    """The first candidate whose limits allow a send now, claimed. Second value: whether some
    candidate was held back by a limit (so that drain() waits a little and tries again).
    `held`: limit keys found busy in this pass, not asked again. `busy`: chats with a send in
    flight in this process (their next message waits for the answer, so that order holds)."""
    blocked = False
    held = set() if held is None else held
    while candidates:
        d = candidates.pop(0)
        channel = d.channel
        until = paused.get(channel.rate_key)
        if until is not None and until > now:
            Delivery.objects.filter(pk=d.pk, state=d.state).update(state=St.PAUSED, next_attempt_at=until, updated_at=now)
            continue
        chat = _chat_key(channel)
        if chat in busy:
            blocked = True
            continue
        if _wait_for_parent(d, now):
            continue
        if d.action in (A.CREATE, A.EDIT, A.CORRECTION) and not _still_published(d, now):
            continue
        slots = []
        if channel.uses_bot:
            messages = max(1, len(d.payload.get("photos") or [])) if d.action == A.CREATE else 1
            # The token first: its interval is short, so a token slot taken for a chat that
            # then turns out busy costs little; the other way round, a busy token would waste
            # a whole chat interval of every other chat of that bot.
            slots = [(channel.rate_key, float(conf.get("TOKEN_INTERVAL")) * messages),
                     (chat, float(conf.get("CHAT_INTERVAL")) * messages)]
            if slots[0][0] in held or slots[1][0] in held:
                blocked = True
                continue
        # The limit slots and the claim in one short write transaction (one lock on SQLite).
        # Rows are locked token → chat → delivery, the same order in every worker: no deadlock.
        claimed = 0
        with _write():
            taken = next((key for key, interval in slots if not reserve(key, interval, now)), None)
            if taken is None:
                # payload_rev: a correction that rewrote the payload after we read it refuses the
                # claim (the next pass reads and sends the corrected text). Only columns of the row
                # itself in this condition: PostgreSQL re-checks them on the row a concurrent claim
                # committed, but not a subquery (a join here let two workers claim one row).
                claimed = Delivery.objects.filter(
                    pk=d.pk, state=d.state, attempts=d.attempts, payload_rev=d.payload_rev).update(
                    state=St.SENDING, attempts=F("attempts") + 1, sending_started_at=now, claimed_by=WORKER_ID,
                    updated_at=now,
                )
        if taken is not None:
            held.add(taken)
            blocked = True
            continue
        if claimed:
            d.state, d.attempts = St.SENDING, d.attempts + 1
            d._slots = slots
            return d, blocked
    return None, blocked


def _due(now: dt.datetime, limit: int) -> list[Delivery]:
    return list(
        Delivery.objects.filter(state__in=Delivery.DUE_STATES, next_attempt_at__lte=now, channel__enabled=True,
                                channel__paused_at__isnull=True)
        .exclude(channel__kind=Channel.Kind.MANUAL)
        .select_related("channel")
        .order_by("next_attempt_at", "id")[:limit]
    )


def send_due(limit: int = 50) -> int:
    """One pass over due deliveries; returns how many were sent or settled."""
    done, _blocked = _pass(limit)
    return done


def _pass(limit: int) -> tuple[int, bool]:
    now = timezone.now()
    candidates = _due(now, limit * 4)
    if not candidates:
        return 0, False
    paused = dict(TokenPause.objects.filter(until__gt=now).values_list("key", "until"))
    done, blocked = 0, False
    held: set[str] = set()
    while done < limit and candidates:
        d, was_blocked = _claim_next(timezone.now(), candidates, paused, held)
        blocked = blocked or was_blocked
        if d is None:
            break
        state = process(d)
        done += 1
        if state == St.PAUSED:
            paused[d.channel.rate_key] = timezone.now() + dt.timedelta(days=1)
        if d.channel.paused_at is not None:  # paused after failures in a row: read before that
            candidates = [c for c in candidates if c.channel_id != d.channel_id]
    return done, blocked


def drain(seconds: float | None = None, limit: int = 50, concurrency: int | None = None) -> int:
    """Send until nothing is due, waiting for rate-limit slots, for at most `seconds` (sends in
    flight at the deadline are finished). Up to `concurrency` (SEND_CONCURRENCY) sends at once."""
    seconds = float(conf.get("DRAIN_SECONDS")) if seconds is None else seconds
    concurrency = int(conf.get("SEND_CONCURRENCY")) if concurrency is None else concurrency
    deadline = time.monotonic() + seconds
    if concurrency > 1:
        return _drain_concurrently(deadline, concurrency)
    total = 0
    while time.monotonic() < deadline:
        done, blocked = _pass(limit)
        total += done
        if done:
            continue
        if not blocked:
            break
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
    return total


def _send_in_thread(d: Delivery) -> str:
    try:
        return process(d)
    finally:
        connections.close_all()  # this thread's own connections


def _drain_concurrently(deadline: float, concurrency: int, window: int = 200) -> int:
    """This thread claims (so `sending` is committed before a send starts, and a killed process
    leaves at most `concurrency` of them); the pool sends and records the outcomes. One send per
    chat at a time; a finished send frees its place at once for the next due delivery."""
    total = 0
    flying: dict[Future, str] = {}  # send → its chat key
    with ThreadPoolExecutor(concurrency, thread_name_prefix="hamafza-send") as pool:
        while True:
            blocked = False
            free = concurrency - len(flying)
            if free and time.monotonic() < deadline:
                now = timezone.now()
                candidates = _due(now, window)
                if candidates:
                    paused = dict(TokenPause.objects.filter(until__gt=now).values_list("key", "until"))
                    held: set[str] = set()
                    busy = set(flying.values())
                    while free and candidates:
                        d, was_blocked = _claim_next(timezone.now(), candidates, paused, held, busy)
                        blocked = blocked or was_blocked
                        if d is None:
                            break
                        key = _chat_key(d.channel)
                        busy.add(key)
                        flying[pool.submit(_send_in_thread, d)] = key
                        free -= 1
            if not flying:
                if blocked and time.monotonic() < deadline:
                    time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
                    continue
                break
            # Back as soon as one send ends, or after a tenth of a second to look for newly due
            # work and freed limit slots.
            finished, _pending = wait(flying, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                del flying[future]
                total += 1
                if future.exception() is not None:  # the outcome was not written: stays `sending`
                    logger.error("recording a send failed", exc_info=future.exception())
    return total


def beat(now: dt.datetime | None = None) -> None:
    """This process is alive: renew its lease (the dedicated sender calls this every
    SENDER_HEARTBEAT seconds from a thread of its own, see start_heartbeat)."""
    now = now or timezone.now()
    if not SenderLease.objects.filter(worker=WORKER_ID).update(seen_at=now):
        try:
            with transaction.atomic():
                SenderLease.objects.create(worker=WORKER_ID, seen_at=now)
        except IntegrityError:
            SenderLease.objects.filter(worker=WORKER_ID).update(seen_at=now)


def start_heartbeat(stop) -> None:
    """Beat in a daemon thread until `stop()` is true; the thread dies with the process, and
    with it the lease: the sweep then finds this process's claims dead within SENDER_LEASE."""
    import threading

    def run():
        every = float(conf.get("SENDER_HEARTBEAT"))
        while not stop():
            try:
                beat()
            except Exception:  # a missed beat is harmless; the next one renews the lease
                logger.warning("sender heartbeat failed", exc_info=True)
            finally:
                connections.close_all()
            time.sleep(every)

    beat()
    threading.Thread(target=run, name="hamafza-sender-heartbeat", daemon=True).start()


def end_lease() -> None:
    SenderLease.objects.filter(worker=WORKER_ID).delete()


def sweep_stale(now: dt.datetime | None = None) -> int:
    """`sending` deliveries whose sender is gone become `unknown`: at once when the claimer's
    lease has run out (a sender with a heartbeat), else after SENDING_STALE_AFTER."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=float(conf.get("SENDING_STALE_AFTER")))
    dead = list(SenderLease.objects.filter(
        seen_at__lt=now - dt.timedelta(seconds=float(conf.get("SENDER_LEASE")))).values_list("worker", flat=True))
    gone = Q(sending_started_at__lt=limit) | Q(claimed_by__in=dead)
    stale = list(Delivery.objects.filter(gone, state=St.SENDING).values_list("pk", flat=True))
    count = 0
    for pk in stale:
        count += Delivery.objects.filter(gone, pk=pk, state=St.SENDING).update(
            state=St.UNKNOWN, updated_at=now,
            last_error=_("ارسال نیمه‌کاره ماند (فرایند ارسال متوقف شد)؛ معلوم نیست پیام رسیده باشد. "
                         "کانال را ببینید و «ارسال شد» یا «ارسال نشد» را بزنید."),
        )
    if dead:
        live = Delivery.objects.filter(state=St.SENDING, claimed_by__in=dead)
        SenderLease.objects.filter(worker__in=dead).exclude(worker__in=live.values("claimed_by")).delete()
    if count:
        from .notifications import notify_trouble

        for d in Delivery.objects.filter(pk__in=stale, state=St.UNKNOWN).select_related("item", "channel"):
            if d.channel.paused_at is None:
                notify_trouble(d)
    return count


def _count_failure(channel: Channel, state: str, error: Exception | None, now: dt.datetime) -> bool:
    """Consecutive permanent failures of a channel; True when this one paused it (just now, so
    that its people are told once)."""
    if state == St.SENT:
        Channel.objects.filter(pk=channel.pk, failures_in_row__gt=0).update(failures_in_row=0)
        return False
    if state != St.FAILED or not isinstance(error, Permanent):
        return False
    Channel.objects.filter(pk=channel.pk).update(failures_in_row=F("failures_in_row") + 1)
    after = int(conf.get("PAUSE_AFTER_FAILURES"))
    if not after:
        return False
    return bool(Channel.objects.filter(pk=channel.pk, paused_at__isnull=True, failures_in_row__gte=after).update(
        paused_at=now, pause_reason=error.message[:500]))


def _channel_paused(channel: Channel) -> bool:
    return Channel.objects.filter(pk=channel.pk, paused_at__isnull=False).exists()


def _notify_paused(channel: Channel) -> None:
    try:
        from .notifications import notify_paused

        notify_paused(Channel.objects.get(pk=channel.pk))
    except Exception:  # a notification must never change the outcome
        logger.exception("could not notify about paused channel %s", channel.pk)


# --- sending -----------------------------------------------------------------------------------

def _settle(d: Delivery, **fields) -> None:
    fields["updated_at"] = timezone.now()
    Delivery.objects.filter(pk=d.pk, claimed_by=WORKER_ID, state__in=[St.SENDING, St.UNKNOWN]).update(**fields)


def _hold_slots(d: Delivery, start: dt.datetime) -> None:
    for key, interval in getattr(d, "_slots", ()):
        later = start + dt.timedelta(seconds=interval)
        RateSlot.objects.filter(key=key, next_at__lt=later).update(next_at=later)


def process(d: Delivery) -> str:
    """Send one claimed delivery (already `sending` and committed) and record the outcome."""
    now = timezone.now()
    result, error = None, None
    try:
        result = perform(d)
    except Exception as exc:  # noqa: BLE001 — every outcome is recorded below
        error = exc
    # The limits count from the platform's answer, not from the claim: a slow claim or a slow
    # answer must not bunch two messages closer than the interval. One write transaction.
    with _write():
        _hold_slots(d, timezone.now())
        state = _record(d, result, error, now)
        paused = _count_failure(d.channel, state, error, now)
    if paused:
        d.channel.paused_at = now
        _notify_paused(d.channel)
    elif state in (St.FAILED, St.UNKNOWN) and not _channel_paused(d.channel):
        _notify(d)
    return state


def _record(d: Delivery, result: Sent | None, error: Exception | None, now: dt.datetime) -> str:
    if error is None:
        _settle(d, state=St.SENT, remote_ids=result.remote_ids, permalink=result.permalink or "",
                sent_at=timezone.now(), last_error="", replaced_parent=result.replaced_parent,
                remark=result.remark, progress={})
        return St.SENT
    if getattr(error, "progress", None):
        # Work done before the error (album messages deleted, the old post gone): a retry resumes.
        _settle(d, progress={**(d.progress or {}), **error.progress})
        d.progress = {**(d.progress or {}), **error.progress}
    if isinstance(error, RateLimited):
        until = pause_token(d.channel, error.retry_after, error.message, now)
        _settle(d, state=St.PAUSED, next_attempt_at=until, last_error=error.message)
        return St.PAUSED
    if isinstance(error, Retryable):
        if d.attempts >= int(conf.get("MAX_ATTEMPTS")):
            _settle(d, state=St.FAILED, last_error=_("پس از %(n)s تلاش: %(error)s") % {"n": to_persian_digits(d.attempts), "error": error.message})
            return St.FAILED
        _settle(d, state=St.RETRYING, last_error=error.message,
                next_attempt_at=now + dt.timedelta(seconds=backoff(d.attempts)))
        return St.RETRYING
    if isinstance(error, Permanent):
        _settle(d, state=St.FAILED, last_error=error.message)
        return St.FAILED
    if isinstance(error, Unknown):
        _settle(d, state=St.UNKNOWN, last_error=error.message)
        return St.UNKNOWN
    # A bug: we cannot know whether the platform got it.
    logger.error("delivery %s crashed", d.pk, exc_info=error)
    _settle(d, state=St.UNKNOWN, last_error=_("خطای پیش‌بینی‌نشده: %(error)s") % {"error": error.__class__.__name__})
    return St.UNKNOWN


def _notify(d: Delivery) -> None:
    try:
        from .notifications import notify_trouble

        d.refresh_from_db()
        notify_trouble(d)
    except Exception:  # a notification must never change the outcome
        logger.exception("could not notify about delivery %s", d.pk)
