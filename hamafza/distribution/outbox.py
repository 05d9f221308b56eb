"""The transactional outbox: the newsroom's workflow signals arrive INSIDE the transaction that
publishes, corrects or unpublishes an item; the receivers here write one Delivery per channel in
that same transaction, so a delivery exists if and only if the change was committed. After the
commit, a send task is enqueued (the scheduler finds anything it missed)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import policy
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected, item_published, item_unpublished

from . import conf, platforms
from .formatting import render
from .models import Channel, ChannelDefault, Delivery, ItemChannelChoice
from .perform import current

A, St = Delivery.Action, Delivery.State


def _edits(channel: Channel) -> bool:
    return platforms.of(channel).edit


def _deletes(channel: Channel) -> bool:
    return platforms.of(channel).delete


def chosen_channels(item: NewsItem) -> list[tuple[Channel, str]]:
    """(channel, override text) for each channel the item goes to: the editor's choices, or
    the lead agency's defaults when nobody chose. Disabled channels, and channels of a platform
    the council does not allow, are left out."""
    choices = list(ItemChannelChoice.objects.filter(item=item).select_related("channel"))
    if choices:
        pairs = [(c.channel, c.override_text) for c in choices if c.enabled]
    else:
        defaults = ChannelDefault.objects.filter(agency_id=item.lead_agency_id).select_related("channel")
        pairs = [(d.channel, "") for d in defaults]
    # A platform the council no longer allows gets no new items (policy.platform_allowed).
    return [(ch, text) for ch, text in pairs if ch.enabled and policy.platform_allowed(ch)]


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _live_originals(item: NewsItem):
    """The create deliveries of the item that have not been withdrawn or cancelled."""
    withdrawn = Delivery.objects.filter(item=item, action__in=[A.DELETE, A.WITHDRAW]).values("parent_id")
    return (
        Delivery.objects.filter(item=item, action=A.CREATE)
        .exclude(state__in=[St.CANCELLED, St.FAILED])
        .exclude(pk__in=withdrawn)
        .select_related("channel")
    )


def _write(**fields) -> Delivery | None:
    """Create one delivery; the unique constraint makes a repeated signal harmless."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(**fields)
    except IntegrityError:
        return None


def _kick() -> None:
    if conf.get("KICK_ON_COMMIT"):
        from .tasks import send_deliveries

        transaction.on_commit(lambda: send_deliveries.enqueue())


def write_publish(item: NewsItem, now: dt.datetime | None = None) -> list[Delivery]:
    now = now or timezone.now()
    live = {d.channel_id for d in _live_originals(item)}
    made = []
    for channel, override in chosen_channels(item):
        if channel.pk in live:
            continue  # already on that channel (a second publish signal, or republished)
        message = render(item, channel, override)
        payload = message.as_payload()
        generation = Delivery.objects.filter(item=item, channel=channel, action=A.CREATE).count()
        delivery = _write(
            item=item, channel=channel, action=A.CREATE, version=_hash(payload, generation),
            payload=payload, revision=item.revision, next_attempt_at=now,
        )
        if delivery:
            made.append(delivery)
    if made:
        _kick()
    return made


def write_amplify(item: NewsItem, channels, now: dt.datetime | None = None, *,
                  texts: dict[int, str] | None = None, at: dt.datetime | None = None) -> list[Delivery]:
    """Another agency republishes a published item on its own channels («به نقل از …»). The
    copies are deliveries of the same item, so a correction or an unpublish of the item reaches
    them exactly like the lead agency's own messages. (Called by the cooperation app.)

    texts: channel id → the republishing agency's own text for that channel (blank: the item's
    text); it is rendered like the lead agency's per-channel override (escaped, cut to the
    platform's limits, with the link), and on another agency's channel it still opens with
    «به نقل از روابط عمومی …». at: not sent before this time (None: now)."""
    now = now or timezone.now()
    due = at if at is not None and at > now else now
    texts = texts or {}
    live = {d.channel_id for d in _live_originals(item)}
    made = []
    for channel in channels:
        if channel.pk in live or not channel.enabled:
            continue
        override = (texts.get(channel.pk) or "").strip()
        payload = _amplified_payload(item, channel, override)
        generation = Delivery.objects.filter(item=item, channel=channel, action=A.CREATE).count()
        delivery = _write(item=item, channel=channel, action=A.CREATE, version=_hash(payload, generation),
                          payload=payload, revision=item.revision, next_attempt_at=due)
        if delivery:
            made.append(delivery)
    if made:
        _kick()
    return made


def _amplified_text(item: NewsItem, channel: Channel, override: str) -> tuple[str, bool]:
    """The text an amplified copy renders from, and whether it is quoted (another agency's)."""
    quoted = channel.agency_id != item.lead_agency_id
    text = override
    if override and quoted:
        agency = get_registry().agencies.get(item.lead_agency_id)
        name = agency.name if agency else item.lead_agency.name
        text = "%s %s" % (_("به نقل از روابط عمومی %(agency)s،") % {"agency": name}, override)
    return text, quoted


def _amplified_payload(item: NewsItem, channel: Channel, override: str) -> dict:
    """The message of an amplified copy. The raw override is kept in the payload (`amplify`) so
    that a correction renders the copy the same way again."""
    text, quoted = _amplified_text(item, channel, override)
    payload = render(item, channel, text, quoted=quoted).as_payload()
    payload["amplify"] = {"override": override}
    return payload


def _corrected_payload(item: NewsItem, channel: Channel, original: Delivery, override: str) -> dict:
    """The corrected message for one channel, and (`fit`) its text rendered within the caption
    limit and within the text limit: an edit of a post of the other kind uses those."""
    if "amplify" in original.payload:  # another agency's copy: quoted, with its own text
        raw = original.payload["amplify"].get("override", "")
        payload = _amplified_payload(item, channel, raw)
        text, quoted = _amplified_text(item, channel, raw)
    else:
        payload = render(item, channel, override).as_payload()
        text, quoted = override, False
    if _edits(channel):
        payload["fit"] = {}
        for kind in ("caption", "text"):
            message = render(item, channel, text, quoted=quoted, fit=kind)
            payload["fit"][kind] = {"text": message.text, "length": message.length}
    return payload


def write_correction(item: NewsItem, note: str = "", now: dt.datetime | None = None) -> list[Delivery]:
    """Each live original gets the corrected text: in place while it waits to be sent (a claim
    made on the older read is then refused: worker._claim_next compares `payload_rev`), else as
    an edit (or a reply notice) that follows the original once it is sent."""
    now = now or timezone.now()
    overrides = {ch.pk: text for ch, text in chosen_channels(item)}
    made = []
    for original in _live_originals(item):
        channel = original.channel
        if platforms.of(channel).email:
            continue  # an e-mail cannot be taken back; the digest carries the corrected text
        payload = _corrected_payload(item, channel, original, overrides.get(channel.pk, ""))
        if original.state in Delivery.DUE_STATES:
            # Not sent yet: send the corrected text instead of a correction. If the sender claimed
            # it meanwhile, nothing is updated and the correction follows as an edit.
            updated = Delivery.objects.filter(pk=original.pk, state__in=Delivery.DUE_STATES).update(
                payload=payload, revision=item.revision, payload_rev=F("payload_rev") + 1, updated_at=now,
            )
            if updated:
                continue
        if _edits(channel) or channel.is_manual:
            action = A.EDIT  # on a manual channel a person edits the post by hand from the kit
        else:
            action = A.CORRECTION
        payload["note"] = note
        delivery = _write(
            item=item, channel=channel, action=action, version=_hash(payload, item.revision), parent=original,
            payload=payload, revision=item.revision, note=note, next_attempt_at=now,
        )
        if delivery:
            made.append(delivery)
    if made:
        _kick()
    return made


def write_unpublish(item: NewsItem, reason: str = "", now: dt.datetime | None = None) -> list[Delivery]:
    now = now or timezone.now()
    window = dt.timedelta(hours=float(conf.get("DELETE_WINDOW_HOURS")))
    made = []
    for original in _live_originals(item):
        channel = original.channel
        cancelled = Delivery.objects.filter(pk=original.pk, state__in=Delivery.DUE_STATES).update(
            state=St.CANCELLED, last_error=_("پیش از ارسال، خبر از انتشار خارج شد."), updated_at=now,
        )
        if cancelled:
            continue
        if platforms.of(channel).email:
            continue
        standing = current(original)  # the message on the channel now (a correction may have replaced it)
        if _deletes(channel) and (standing.sent_at is None or now - standing.sent_at < window):
            action = A.DELETE
        else:
            action = A.WITHDRAW
        delivery = _write(
            item=item, channel=channel, action=action, version=f"p{original.pk}", parent=original,
            payload={"reason": reason}, note=reason, next_attempt_at=now,
        )
        if delivery:
            made.append(delivery)
    if made:
        _kick()
    return made


def _on_published(sender, item, **kwargs):
    write_publish(item)


def _on_corrected(sender, item, note="", **kwargs):
    write_correction(item, note)


def _on_unpublished(sender, item, reason="", **kwargs):
    write_unpublish(item, reason)


def connect() -> None:
    item_published.connect(_on_published, dispatch_uid="distribution-outbox-published")
    item_corrected.connect(_on_corrected, dispatch_uid="distribution-outbox-corrected")
    item_unpublished.connect(_on_unpublished, dispatch_uid="distribution-outbox-unpublished")
