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
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits

from . import conf
from .adapters import Permanent, RateLimited, Retryable, Sent, Unknown, adapter_for
from .adapters.http import CannotDelete
from .formatting import Message, plain_notice
from .models import Channel, Delivery, RateSlot, TokenPause

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
        return False
    if parent_state in (St.FAILED, St.CANCELLED, None):
        Delivery.objects.filter(pk=d.pk, state=d.state).update(
            state=St.CANCELLED, last_error=_("پیام اصلی هرگز فرستاده نشد؛ کاری نمانده است."), updated_at=now,
        )
    else:
        Delivery.objects.filter(pk=d.pk, state=d.state).update(
            next_attempt_at=now + dt.timedelta(seconds=float(conf.get("BACKOFF_BASE"))), updated_at=now,
        )
    return True


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
                claimed = Delivery.objects.filter(pk=d.pk, state=d.state, attempts=d.attempts).update(
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
        Delivery.objects.filter(state__in=Delivery.DUE_STATES, next_attempt_at__lte=now, channel__enabled=True)
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


def sweep_stale(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=float(conf.get("SENDING_STALE_AFTER")))
    stale = list(Delivery.objects.filter(state=St.SENDING, sending_started_at__lt=limit).values_list("pk", flat=True))
    count = 0
    for pk in stale:
        count += Delivery.objects.filter(pk=pk, state=St.SENDING, sending_started_at__lt=limit).update(
            state=St.UNKNOWN, updated_at=now,
            last_error=_("ارسال نیمه‌کاره ماند (فرایند ارسال متوقف شد)؛ معلوم نیست پیام رسیده باشد. "
                         "کانال را ببینید و «ارسال شد» یا «ارسال نشد» را بزنید."),
        )
    if count:
        from .notifications import notify_trouble

        for d in Delivery.objects.filter(pk__in=stale, state=St.UNKNOWN).select_related("item", "channel"):
            notify_trouble(d)
    return count


# --- sending -----------------------------------------------------------------------------------

def _notice(d: Delivery, kind: str) -> str:
    item = d.item
    if kind == "correction":
        head = _("اصلاحیه:")
        if d.note:
            head = f"{head} {d.note}"
        return plain_notice(head, item)
    reason = f" ({d.note})" if d.note else ""
    return plain_notice(_("این خبر از انتشار خارج شد%(reason)s.") % {"reason": reason}, item, link=False)


def _perform(d: Delivery) -> Sent:
    channel = d.channel
    adapter = adapter_for(channel)
    if d.action == A.CREATE:
        message = Message.from_payload(d.payload)
        if channel.kind == Channel.Kind.EMAIL:
            return adapter.send_item(d.item, message)
        return adapter.send(message)
    parent = d.parent
    ids = parent.remote_ids or []
    if not ids:
        raise Permanent(_("شناسهٔ پیام اصلی در دست نیست."))
    was_caption = bool(parent.payload.get("photos"))
    if d.action == A.EDIT:
        message = Message.from_payload(d.payload)
        if getattr(adapter, "supports_edit", False):
            try:
                return adapter.edit(ids, message, was_caption)
            except CannotDelete:
                raise
            except Permanent as exc:
                if exc.code != 400:
                    raise
        return adapter.reply(ids[0], _notice(d, "correction"))
    if d.action == A.CORRECTION:
        return adapter.reply(ids[0], _notice(d, "correction"))
    if d.action == A.DELETE and getattr(adapter, "supports_delete", False):
        try:
            return adapter.delete(ids)
        except CannotDelete:
            pass  # too old: edit it into a notice below
    text = _notice(d, "withdraw")
    if getattr(adapter, "supports_edit", False):
        notice = Message(format="plain", text=text, photos=parent.payload.get("photos") or [])
        return adapter.edit(ids, notice, was_caption)
    return adapter.reply(ids[0], text)


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
        result = _perform(d)
    except Exception as exc:  # noqa: BLE001 — every outcome is recorded below
        error = exc
    # The limits count from the platform's answer, not from the claim: a slow claim or a slow
    # answer must not bunch two messages closer than the interval. One write transaction.
    with _write():
        _hold_slots(d, timezone.now())
        state = _record(d, result, error, now)
    if state in (St.FAILED, St.UNKNOWN):
        _notify(d)
    return state


def _record(d: Delivery, result: Sent | None, error: Exception | None, now: dt.datetime) -> str:
    if error is None:
        _settle(d, state=St.SENT, remote_ids=result.remote_ids, permalink=result.permalink or "",
                sent_at=timezone.now(), last_error="")
        return St.SENT
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
