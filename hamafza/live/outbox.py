"""The channels of a live event, through the distribution outbox, coalesced.

A channel takes at most one message every CHAT_INTERVAL seconds (20 a minute per chat on
Telegram-like platforms; the sender's per-chat rate slots enforce it). A published update, a
correction or a board change does not queue a message of its own: while the event's bulletin for
that channel still waits to be sent, its payload is rewritten in place (payload_rev makes the
sender refuse a claim made on the older read) to carry everything new since the last message,
each board entity once with its newest status. The next free slot sends one message with all of
it; a reader of the channel gets the newest state, not an hour-long queue of old ones."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.distribution import conf, platforms
from hamafza.distribution.formatting import Message, cut_at_sentence, utf16_len
from hamafza.distribution.models import Channel, Delivery
from hamafza.persian.digits import to_persian_digits

from .models import BoardEntity, LiveEvent, LiveUpdate
from .text import clock, status_line, update_line

A, St = Delivery.Action, Delivery.State


def live_link(event: LiveEvent) -> str:
    from urllib.parse import urlsplit

    from django.conf import settings

    from hamafza.agencies.registry import get_registry

    base = settings.SITE_URL
    council = get_registry().councils.get(event.council_id)
    if council is not None and council.hostname:
        base = f"{urlsplit(base).scheme or 'https'}://{council.hostname}"
    return f"{base}/live/{event.pk}/"


def _photo(updates: list[LiveUpdate], channel: Channel | None) -> str:
    """The newest photo among the bulletin's published updates (newest first), where the channel's
    platform takes a photo with a post; else ""."""
    if channel is None:
        return ""
    platform = platforms.of(channel)
    if platform.email or platform.max_media < 1:
        return ""
    for update in updates:
        if update.image_id and update.image is not None and update.image.file:
            return update.image.file.name
    return ""


def render(event: LiveEvent, entries: list[dict], channel: Channel | None = None, limit: int | None = None) -> Message:
    """One bulletin: the event's title, then the newest first — each entity once with its status
    now, each update as it stands now (withdrawn ones left out) — then the live page's link.

    A photo: the newest one of the updates it carries, as the post's photo with the bulletin as its
    caption (platforms.max_media ≥ 1, not e-mail). A coalesced bulletin carries one photo, the
    newest, or none. When the lines do not all fit in the caption limit (1,024 against 4,096 for a
    text), the photo is left out and the text goes whole: in an emergency the newest status matters
    more than a picture, which stays on the live page."""
    update_ids = [e.get("u") or e.get("w") for e in entries if "u" in e or "w" in e]
    entity_ids = list(dict.fromkeys(e["e"] for e in entries if "e" in e))
    found = (LiveUpdate.objects.filter(pk__in=update_ids).exclude(status=LiveUpdate.Status.PENDING)
             .select_related("image"))
    updates = {u.pk: u for u in found if u.status == LiveUpdate.Status.PUBLISHED}
    withdrawn = {u.pk: u for u in found if u.status == LiveUpdate.Status.WITHDRAWN}
    entities = {b.pk: b for b in BoardEntity.objects.filter(pk__in=entity_ids)}
    lines, seen, shown = [], set(), []
    for entry in reversed(entries):
        key = next((k, entry[k]) for k in ("u", "e", "w") if k in entry)
        if key in seen:
            continue
        seen.add(key)
        if key[0] == "u" and key[1] in updates:
            u = updates[key[1]]
            shown.append(u)
            lines.append(f"• {clock(u.published_at)} {update_line(u)}")
        elif key[0] == "e" and key[1] in entities:
            b = entities[key[1]]
            lines.append(f"• {clock(b.changed_at or timezone.now())} {status_line(b)}")
        elif key[0] == "w" and key[1] in withdrawn:
            u = withdrawn[key[1]]
            lines.append("• %s" % (_("به‌روزرسانی ساعت %(at)s پس گرفته شد: «%(text)s»") % {
                "at": clock(u.published_at or u.created_at), "text": u.text.strip()[:80]}))
    link = live_link(event)
    text_limit = limit or (channel.text_limit if channel is not None else 4096)
    photo = _photo(shown, channel)
    if photo:
        text, left = _compose(event, lines, link, channel.caption_limit)
        if left:  # the caption would drop lines: the whole text instead, no photo
            photo = ""
    if not photo:
        text, left = _compose(event, lines, link, text_limit)
    message = Message(format="plain", text=text, photos=[photo] if photo else [], link=link,
                      limit=channel.caption_limit if photo else text_limit, length=utf16_len(text))
    message.lines = len(lines)
    return message


def _compose(event: LiveEvent, lines: list[str], link: str, limit: int) -> tuple[str, int]:
    """The bulletin's text within `limit`, and how many lines it left for the live page."""
    head = f"🔴 {event.title}"
    tail = f"\n\n{_('صفحهٔ زنده')}: {link}"
    budget = limit - utf16_len(head) - utf16_len(tail) - 4
    body, used, left = [], 0, 0
    for n, line in enumerate(lines):
        cost = utf16_len(line) + 1
        if used + cost > budget - 60:
            left = len(lines) - n
            break
        body.append(line)
        used += cost
    if left:
        body.append(_("و %(n)s به‌روزرسانی دیگر در صفحهٔ زنده.") % {"n": to_persian_digits(left)})
    return cut_at_sentence("\n".join([head, "", *body]), limit - utf16_len(tail)) + tail, left


def _hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _channels(event: LiveEvent):
    return event.channels.filter(enabled=True, kind__in=list(Channel.BOT_KINDS))


def queue(event: LiveEvent, entry: dict, now=None) -> int:
    """Inside the writing transaction: `entry` ({"u": update id} or {"e": entity id}) joins each
    channel's waiting bulletin, or starts a new one. Returns how many bulletins were started."""
    now = now or timezone.now()
    started = 0
    for channel in _channels(event):
        waiting = (Delivery.objects.filter(live_event=event, channel=channel, action=A.CREATE,
                                           state__in=Delivery.DUE_STATES).order_by("id").first())
        if waiting is not None:
            entries = [*waiting.payload.get("live", []), entry][-200:]
            payload = {**render(event, entries, channel).as_payload(), "live": entries}
            if Delivery.objects.filter(pk=waiting.pk, state__in=Delivery.DUE_STATES).update(
                    payload=payload, payload_rev=F("payload_rev") + 1, updated_at=now):
                continue  # coalesced: the sender sends the newest text at the chat's next slot
        entries = [entry]
        message = render(event, entries, channel)
        if not message.lines:
            continue  # nothing left to say (withdrawn meanwhile)
        payload = {**message.as_payload(), "live": entries}
        Delivery.objects.create(live_event=event, channel=channel, action=A.CREATE, payload=payload,
                                version=_hash(event.pk, channel.pk, now.isoformat(), entry), next_attempt_at=now)
        started += 1
    if started and conf.get("KICK_ON_COMMIT"):
        from hamafza.distribution.tasks import send_deliveries

        transaction.on_commit(lambda: send_deliveries.enqueue())
    return started


def refresh(event: LiveEvent, now=None) -> None:
    """A correction or withdrawal: the waiting bulletins render their entries again (a withdrawn
    update drops out, a corrected one reads as corrected)."""
    now = now or timezone.now()
    for waiting in Delivery.objects.filter(live_event=event, action=A.CREATE, state__in=Delivery.DUE_STATES
                                           ).select_related("channel"):
        entries = waiting.payload.get("live", [])
        message = render(event, entries, waiting.channel)
        if not message.lines:  # everything it carried was withdrawn before it went out
            Delivery.objects.filter(pk=waiting.pk, state__in=Delivery.DUE_STATES).update(
                state=St.CANCELLED, last_error=_("همهٔ به‌روزرسانی‌های این پیام پیش از ارسال پس گرفته شدند."),
                updated_at=now)
            continue
        payload = {**message.as_payload(), "live": entries}
        Delivery.objects.filter(pk=waiting.pk, state__in=Delivery.DUE_STATES).update(
            payload=payload, payload_rev=F("payload_rev") + 1, updated_at=now)
