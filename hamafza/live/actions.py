"""Every write of live events, their updates and the status board.

Each action takes the acting person, asks `hamafza.policy`, checks that the ids it is given
belong to the event's council, writes in one transaction with its audit entry, bumps the
council's live stamp (the pages' ETag, and the page cache after the commit) and queues the
channels' coalesced bulletin (outbox.queue) in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.registry import get_registry
from hamafza.council.inputs import read_text
from hamafza.distribution.models import Channel
from hamafza.newsroom.models import Image
from hamafza.persian.digits import read_int

from . import outbox, stamp
from .errors import LiveError
from .models import BoardChange, BoardEntity, LiveEvent, LiveUpdate

U = LiveUpdate.Status
MAX_DAYS = 60


def _text(value, label, field, limit, **kw) -> str:
    return read_text(value, label, field, limit, error=LiveError, **kw)


def _agencies(council_id: int, agency_ids) -> list[int]:
    members = set(get_registry().councils[council_id].member_ids)
    ids = sorted({read_int(a) or 0 for a in agency_ids})
    if not ids:
        raise LiveError(_("دست‌کم یک دستگاه همراه را برگزینید."), "agencies")
    if not set(ids) <= members:
        raise LiveError(_("دستگاه برگزیده عضو این شورا نیست."), "agencies")
    return ids


def _belongs(channel: Channel, council_id: int, agency_ids) -> bool:
    """A channel an event may feed: a bot channel of its council or of a participating agency."""
    return channel.kind in Channel.BOT_KINDS and (channel.council_id == council_id or channel.agency_id in agency_ids)


def _channels(user, council_id: int, agency_ids: list[int], channel_ids) -> list[Channel]:
    ids = sorted({read_int(c) or 0 for c in channel_ids})
    found = list(Channel.objects.filter(pk__in=ids))
    if len(found) != len(ids):
        raise LiveError(_("کانال برگزیده پیدا نشد."), "channels")
    for ch in found:
        if not _belongs(ch, council_id, agency_ids) or not policy.can_use_channel(user, ch):
            # The same answer as for an id that does not exist: another council's channel is not named.
            raise LiveError(_("کانال برگزیده پیدا نشد."), "channels")
    return found


def _period(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise LiveError(_("پایان رویداد باید پس از آغاز آن باشد."), "ends_at")
    if ends_at - starts_at > dt.timedelta(days=MAX_DAYS):
        raise LiveError(_("یک رویداد زنده بیش از %(n)s روز نیست.") % {"n": "۶۰"}, "ends_at")


def _summary(event: LiveEvent) -> dict:
    return {"title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at,
            "agencies": sorted(event.agencies.values_list("pk", flat=True)),
            "channels": sorted(event.channels.values_list("pk", flat=True)),
            "direct": sorted(event.direct_agencies.values_list("pk", flat=True))}


def do_open_event(user, council_id: int, *, title, kind, starts_at, ends_at, agency_ids, channel_ids=(),
                  summary="") -> LiveEvent:
    if council_id not in get_registry().councils or not policy.can_open_live_event(user, council_id):
        raise PermissionDenied
    title = _text(title, _("عنوان"), "title", 200, required=True, one_line=True)
    summary = _text(summary, _("خلاصهٔ سنجاق‌شده"), "summary", 1500)
    if kind not in LiveEvent.Kind.values:
        raise LiveError(_("نوع رویداد را برگزینید."), "kind")
    _period(starts_at, ends_at)
    agencies = _agencies(council_id, agency_ids)
    channels = _channels(user, council_id, agencies, channel_ids)
    with transaction.atomic():
        event = LiveEvent.objects.create(
            council_id=council_id, title=title, kind=kind, starts_at=starts_at, ends_at=ends_at, summary=summary,
            summary_at=timezone.now() if summary else None, created_by=user,
        )
        event.agencies.set(agencies)
        event.channels.set(channels)
        audit.record(user, "live.event_opened", event, council_id=council_id, after=_summary(event))
        stamp.bump(council_id)
    return event


def kept_channels(user, event: LiveEvent) -> list[Channel]:
    """The event's channels this person may not use (another agency's): an edit by them keeps these
    as they are, neither offered nor removable."""
    return [ch for ch in event.channels.all() if not policy.can_use_channel(user, ch)]


def do_edit_event(user, event: LiveEvent, *, title, starts_at, ends_at, agency_ids, channel_ids,
                  direct_agency_ids=None) -> LiveEvent:
    """Change an event's title, period, participating agencies, channels and (when given) the
    agencies whose staff publish directly. Channels this person may not use stay as they are while
    their agency still takes part; a direct-publishing setting changes only where the person may set
    it (policy.can_set_direct_publishing, asked with the new participants), elsewhere it stays; an
    agency that leaves the event loses it."""
    if not policy.can_manage_live_event(user, event):
        raise PermissionDenied
    title = _text(title, _("عنوان"), "title", 200, required=True, one_line=True)
    _period(starts_at, ends_at)
    agencies = _agencies(event.council_id, agency_ids)
    kept = [ch for ch in kept_channels(user, event) if _belongs(ch, event.council_id, agencies)]
    kept_ids = {ch.pk for ch in kept}
    channels = _channels(user, event.council_id, agencies,
                         [c for c in channel_ids if (read_int(c) or 0) not in kept_ids]) + kept
    asked = None
    if direct_agency_ids is not None:
        asked = {read_int(a) or 0 for a in direct_agency_ids}
        if not asked <= set(agencies):  # a foreign or missing id: one answer, no name
            raise LiveError(_("دستگاه برگزیده در این رویداد نیست."), "direct")
    with transaction.atomic():
        before = _summary(event)
        was_direct = set(before["direct"])
        event.title, event.starts_at, event.ends_at = title, starts_at, ends_at
        event.save()
        event.agencies.set(agencies)
        event.channels.set(channels)
        for attr in ("_policy_agencies", "_policy_direct"):
            event.__dict__.pop(attr, None)
        direct = was_direct & set(agencies)
        if asked is not None:
            for agency in agencies:  # where the person may not set it, the setting stays as it is
                if (agency in asked) != (agency in direct) and policy.can_set_direct_publishing(user, event, agency):
                    (direct.add if agency in asked else direct.discard)(agency)
        event.direct_agencies.set(sorted(direct))
        event.__dict__.pop("_policy_direct", None)
        audit.record(user, "live.event_changed", event, council_id=event.council_id, before=before,
                     after=_summary(event))
        stamp.bump(event.council_id)
    return event


def do_set_summary(user, event: LiveEvent, summary) -> LiveEvent:
    """The pinned summary on top of the live page."""
    if not policy.can_manage_live_event(user, event):
        raise PermissionDenied
    summary = _text(summary, _("خلاصهٔ سنجاق‌شده"), "summary", 1500)
    with transaction.atomic():
        before = event.summary
        event.summary, event.summary_at = summary, timezone.now()
        event.save(update_fields=["summary", "summary_at", "updated_at"])
        audit.record(user, "live.summary_pinned", event, council_id=event.council_id,
                     before={"summary": before[:300]}, after={"summary": summary[:300]})
        stamp.bump(event.council_id)
    return event


def do_set_direct(user, event: LiveEvent, agency_id: int, allowed: bool) -> None:
    """Let an agency's staff publish their updates directly during this event (or stop it)."""
    if not policy.can_set_direct_publishing(user, event, agency_id):
        raise PermissionDenied
    with transaction.atomic():
        (event.direct_agencies.add if allowed else event.direct_agencies.remove)(agency_id)
        event.__dict__.pop("_policy_direct", None)
        audit.record(user, "live.direct_publishing_set", event, council_id=event.council_id, agency_id=agency_id,
                     after={"agency_id": agency_id, "allowed": bool(allowed)})


def _image(user, image_id, agency_id: int) -> Image | None:
    if image_id in (None, ""):
        return None
    pk = read_int(image_id)
    image = Image.objects.filter(pk=pk).first() if pk else None
    if image is None or not policy.can_use_image(user, image, agency_id):
        raise LiveError(_("عکس برگزیده پیدا نشد."), "image")
    return image


def _fields(kind, text, place) -> tuple[str, str, str]:
    if kind not in LiveUpdate.Kind.values:
        raise LiveError(_("نوع به‌روزرسانی را برگزینید."), "kind")
    text = _text(text, _("متن"), "text", 600, required=True)
    place = _text(place, _("مکان"), "place", 120, one_line=True)
    return kind, text, place


def do_post_update(user, event: LiveEvent, *, agency_id, kind, text, place="", image_id=None) -> LiveUpdate:
    """A participating agency's update: published at once on the fast path (its head, or its
    staff while the agency publishes directly), else it waits for the agency's head."""
    now = timezone.now()
    agency_id = read_int(agency_id)
    if agency_id is None:
        raise LiveError(_("دستگاه را برگزینید."), "agency")
    if not policy.can_post_update(user, event, agency_id, now):
        raise PermissionDenied
    kind, text, place = _fields(kind, text, place)
    image = _image(user, image_id, agency_id)
    direct = policy.can_publish_directly(user, event, agency_id, now)
    with transaction.atomic():
        update = LiveUpdate.objects.create(event=event, agency_id=agency_id, author=user, kind=kind, text=text,
                                           place=place, image=image, status=U.PUBLISHED if direct else U.PENDING,
                                           published_at=now if direct else None)
        if direct:
            outbox.queue(event, {"u": update.pk}, now)
        audit.record(user, "live.update_published" if direct else "live.update_posted", update,
                     council_id=event.council_id, agency_id=agency_id,
                     after={"event": event.pk, "kind": kind, "text": text[:300], "place": place})
        stamp.bump(event.council_id)
    return update


def do_publish_update(user, update: LiveUpdate) -> LiveUpdate:
    if not policy.can_publish_update(user, update):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        if not LiveUpdate.objects.filter(pk=update.pk, status=U.PENDING).update(status=U.PUBLISHED, published_at=now):
            raise LiveError(_("این به‌روزرسانی دیگر در انتظار انتشار نیست."))
        update.refresh_from_db()
        outbox.queue(update.event, {"u": update.pk}, now)
        audit.record(user, "live.update_published", update, council_id=update.event.council_id,
                     agency_id=update.agency_id, after={"event": update.event_id})
        stamp.bump(update.event.council_id)
    return update


def do_correct_update(user, update: LiveUpdate, *, kind, text, place="") -> LiveUpdate:
    """Change an update; a published one is marked corrected with the time, and the channels get
    the corrected line in their next bulletin (a waiting one is rewritten)."""
    if not policy.can_correct_update(user, update):
        raise PermissionDenied
    kind, text, place = _fields(kind, text, place)
    now = timezone.now()
    with transaction.atomic():
        before = {"kind": update.kind, "text": update.text[:300], "place": update.place}
        update.kind, update.text, update.place = kind, text, place
        if update.status == U.PUBLISHED:
            update.corrected_at = now
        update.save(update_fields=["kind", "text", "place", "corrected_at"])
        if update.status == U.PUBLISHED:
            if not _in_waiting(update):
                outbox.queue(update.event, {"u": update.pk}, now)
            outbox.refresh(update.event, now)
        audit.record(user, "live.update_corrected", update, council_id=update.event.council_id,
                     agency_id=update.agency_id, before=before, after={"kind": kind, "text": text[:300], "place": place})
        stamp.bump(update.event.council_id)
    return update


def _in_waiting(update: LiveUpdate) -> bool:
    from hamafza.distribution.models import Delivery

    waiting = Delivery.objects.filter(live_event_id=update.event_id, action=Delivery.Action.CREATE,
                                      state__in=Delivery.DUE_STATES).values_list("payload", flat=True)
    return any({"u": update.pk} in (p or {}).get("live", []) for p in waiting)


def do_withdraw_update(user, update: LiveUpdate, reason="") -> LiveUpdate:
    if not policy.can_correct_update(user, update):
        raise PermissionDenied
    reason = _text(reason, _("دلیل"), "reason", 300, one_line=True)
    now = timezone.now()
    with transaction.atomic():
        was = update.status
        if not LiveUpdate.objects.filter(pk=update.pk, status=was).update(status=U.WITHDRAWN, withdrawn_at=now):
            raise LiveError(_("این به‌روزرسانی هم‌اکنون تغییر کرده است؛ صفحه را دوباره باز کنید."))
        update.status, update.withdrawn_at = U.WITHDRAWN, now
        if was == U.PUBLISHED:
            if _in_waiting(update):
                outbox.refresh(update.event, now)  # not sent yet: it drops out of the bulletin
            else:
                outbox.queue(update.event, {"w": update.pk}, now)
        audit.record(user, "live.update_withdrawn", update, council_id=update.event.council_id,
                     agency_id=update.agency_id, before={"status": was}, after={"reason": reason})
        stamp.bump(update.event.council_id)
    return update


def _wait(value) -> int | None:
    if value in (None, ""):
        return None
    number = read_int(value, 0, 7 * 24 * 60)
    if number is None or not 0 <= number <= 7 * 24 * 60:
        raise LiveError(_("زمان انتظار را به دقیقه و با عددی میان ۰ تا ۱۰۰۸۰ بنویسید."), "wait_minutes")
    return number


def do_set_status(user, entity: BoardEntity, *, state, wait_minutes=None, figure="", note="",
                  announce: bool = True) -> BoardEntity:
    """The entity's status now, kept in its history; with `announce`, the entity's live event's
    channels get «وضعیت مرز شلمچه: باز، زمان انتظار حدود ۴۰ دقیقه» (coalesced: newest wins)."""
    if not policy.can_set_status(user, entity):
        raise PermissionDenied
    if state not in BoardEntity.State.values:
        raise LiveError(_("وضعیت را برگزینید."), "state")
    wait = _wait(wait_minutes)
    figure = _text(figure, _("عدد یا شرح کوتاه"), "figure", 80, one_line=True)
    note = _text(note, _("یادداشت"), "note", 300, one_line=True)
    now = timezone.now()
    with transaction.atomic():
        before = {"state": entity.state, "wait_minutes": entity.wait_minutes, "figure": entity.figure}
        entity.state, entity.wait_minutes, entity.figure, entity.note, entity.changed_at = state, wait, figure, note, now
        entity.save(update_fields=["state", "wait_minutes", "figure", "note", "changed_at"])
        BoardChange.objects.create(entity=entity, state=state, wait_minutes=wait, figure=figure, note=note,
                                   changed_at=now, by=user)
        if announce and entity.event_id is not None:
            outbox.queue(entity.event, {"e": entity.pk}, now)
        audit.record(user, "live.status_changed", entity, council_id=entity.council_id, agency_id=entity.agency_id,
                     before=before, after={"state": state, "wait_minutes": wait, "figure": figure, "note": note})
        stamp.bump(entity.council_id)
    return entity


def do_add_entity(user, council_id: int, *, kind, name, agency_id, event_id=None) -> BoardEntity:
    if council_id not in get_registry().councils or not policy.can_manage_board(user, council_id):
        raise PermissionDenied
    if kind not in BoardEntity.Kind.values:
        raise LiveError(_("نوع را برگزینید."), "kind")
    name = _text(name, _("نام"), "name", 120, required=True, one_line=True)
    agency = _agencies(council_id, [agency_id])[0]
    event = None
    if event_id not in (None, ""):
        event = LiveEvent.objects.filter(pk=read_int(event_id) or 0, council_id=council_id).first()
        if event is None:
            raise LiveError(_("رویداد برگزیده در این شورا نیست."), "event")
    with transaction.atomic():
        order = BoardEntity.objects.filter(council_id=council_id, kind=kind).count()
        entity = BoardEntity.objects.create(council_id=council_id, kind=kind, name=name, agency_id=agency,
                                            event=event, order=order)
        audit.record(user, "live.entity_added", entity, council_id=council_id, agency_id=agency,
                     after={"kind": kind, "name": name})
        stamp.bump(council_id)
    return entity
