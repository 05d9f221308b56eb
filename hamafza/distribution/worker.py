"""The sender: claims due deliveries and talks to the platforms.

    send_due(limit)   one pass: claim up to `limit` due deliveries and send them (tests drive this)
    drain(seconds)    passes until nothing is due (the send task of the task worker runs this)
    sweep_stale()     `sending` rows whose process died become `unknown` (the scheduler runs this)

Each delivery is claimed with a conditional UPDATE (state and attempts as read), and `sending` is
committed before the HTTP call: a second worker never gets the same row, and a crash leaves
`sending`, which the sweep turns into `unknown`, never into a blind retry. Per-chat and per-token
limits are rows in RateSlot, reserved with a conditional UPDATE too; a 429 writes a TokenPause.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import time

from django.db import IntegrityError, transaction
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
                held: set[str] | None = None) -> tuple[Delivery | None, bool]:
    """The first candidate whose limits allow a send now, claimed. Second value: whether some
    candidate was held back by a limit (so that drain() waits a little and tries again).
    `held`: limit keys found busy in this pass, not asked again."""
    blocked = False
    held = set() if held is None else held
    while candidates:
        d = candidates.pop(0)
        channel = d.channel
        until = paused.get(channel.rate_key)
        if until is not None and until > now:
            Delivery.objects.filter(pk=d.pk, state=d.state).update(state=St.PAUSED, next_attempt_at=until, updated_at=now)
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
                     (_chat_key(channel), float(conf.get("CHAT_INTERVAL")) * messages)]
            if slots[0][0] in held or slots[1][0] in held:
                blocked = True
                continue
            if not reserve(*slots[0], now):
                held.add(slots[0][0])
                blocked = True
                continue
            if not reserve(*slots[1], now):
                held.add(slots[1][0])
                blocked = True
                continue
        claimed = Delivery.objects.filter(pk=d.pk, state=d.state, attempts=d.attempts).update(
            state=St.SENDING, attempts=F("attempts") + 1, sending_started_at=now, claimed_by=WORKER_ID,
            updated_at=now,
        )
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


def drain(seconds: float | None = None, limit: int = 50) -> int:
    """Send until nothing is due, waiting for rate-limit slots, for at most `seconds`."""
    seconds = float(conf.get("DRAIN_SECONDS")) if seconds is None else seconds
    deadline = time.monotonic() + seconds
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
    try:
        try:
            result = _perform(d)
        finally:
            # The limits count from the platform's answer, not from the claim: a slow claim or a
            # slow answer must not bunch two messages closer than the interval.
            _hold_slots(d, timezone.now())
    except RateLimited as exc:
        until = pause_token(d.channel, exc.retry_after, exc.message, now)
        _settle(d, state=St.PAUSED, next_attempt_at=until, last_error=exc.message)
        return St.PAUSED
    except Retryable as exc:
        if d.attempts >= int(conf.get("MAX_ATTEMPTS")):
            _settle(d, state=St.FAILED, last_error=_("پس از %(n)s تلاش: %(error)s") % {"n": to_persian_digits(d.attempts), "error": exc.message})
            _notify(d)
            return St.FAILED
        _settle(d, state=St.RETRYING, last_error=exc.message,
                next_attempt_at=now + dt.timedelta(seconds=backoff(d.attempts)))
        return St.RETRYING
    except Permanent as exc:
        _settle(d, state=St.FAILED, last_error=exc.message)
        _notify(d)
        return St.FAILED
    except Unknown as exc:
        _settle(d, state=St.UNKNOWN, last_error=exc.message)
        _notify(d)
        return St.UNKNOWN
    except Exception as exc:  # a bug: we cannot know whether the platform got it
        logger.exception("delivery %s crashed", d.pk)
        _settle(d, state=St.UNKNOWN, last_error=_("خطای پیش‌بینی‌نشده: %(error)s") % {"error": exc.__class__.__name__})
        _notify(d)
        return St.UNKNOWN
    _settle(d, state=St.SENT, remote_ids=result.remote_ids, permalink=result.permalink or "",
            sent_at=timezone.now(), last_error="")
    return St.SENT


def _notify(d: Delivery) -> None:
    try:
        from .notifications import notify_trouble

        d.refresh_from_db()
        notify_trouble(d)
    except Exception:  # a notification must never change the outcome
        logger.exception("could not notify about delivery %s", d.pk)
