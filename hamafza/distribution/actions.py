"""Writes of the distribution app: channels, per-item choices, and the human decisions on
deliveries (retry, mark sent / not sent, posted by hand). Views and commands call these."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .adapters import DeliveryError, adapter_for
from .models import Channel, ChannelDefault, Delivery, ItemChannelChoice

St = Delivery.State


@transaction.atomic
def save_channel(channel: Channel, *, token: str = "", default_for_agency: bool | None = None) -> Channel:
    """Create or update a channel. A blank token keeps the stored one; a new token replaces it."""
    if token.strip():
        channel.set_token(token)
    if channel.chat_id.startswith("@") and not channel.public_username:
        channel.public_username = channel.chat_id[1:]
    channel.save()
    if default_for_agency is not None and channel.agency_id:
        if default_for_agency:
            ChannelDefault.objects.get_or_create(agency_id=channel.agency_id, channel=channel)
        else:
            ChannelDefault.objects.filter(agency_id=channel.agency_id, channel=channel).delete()
    return channel


def do_test_channel(channel: Channel, *, post: bool = False) -> tuple[bool, str]:
    """getMe (and, if asked, a test post to the channel's chat); the outcome is stored."""
    ok, message = True, ""
    try:
        adapter = adapter_for(channel)
        me = adapter.get_me()
        name = (me or {}).get("username") or (me or {}).get("first_name") or ""
        message = _("ربات «%(name)s» پاسخ داد.") % {"name": name} if name else _("سرویس پاسخ داد.")
        if post:
            sent = adapter.test_post(_("پیام آزمایشی هم‌افزا: این کانال برای انتشار خبر آماده است."))
            message += " " + _("پیام آزمایشی فرستاده شد.")
            if sent.permalink:
                message += f" {sent.permalink}"
    except DeliveryError as exc:
        ok, message = False, exc.message
    Channel.objects.filter(pk=channel.pk).update(last_test_at=timezone.now(), last_test_ok=ok,
                                                 last_test_message=message[:500])
    return ok, message


@transaction.atomic
def set_item_choices(item, choices: dict[int, tuple[bool, str]]) -> None:
    """choices: channel id → (send to it, override text)."""
    for channel_id, (enabled, text) in choices.items():
        ItemChannelChoice.objects.update_or_create(
            item=item, channel_id=channel_id, defaults={"enabled": enabled, "override_text": text.strip()},
        )


@transaction.atomic
def do_amplify(item, channels, user=None, *, texts: dict[int, str] | None = None,
               at: dt.datetime | None = None) -> list[Delivery]:
    """Republish a published item on channels of another agency (with «به نقل از …»).
    texts: channel id → that agency's own text for the channel (blank: the item's text);
    at: not sent before this time (None: now)."""
    from hamafza import policy

    if not item.is_public:
        raise ValueError(_("فقط خبر منتشرشده را می‌توان بازنشر کرد."))
    usable = [ch for ch in channels if user is None or policy.can_use_channel(user, ch)]
    from .outbox import write_amplify

    return write_amplify(item, usable, texts=texts, at=at)


def do_retry(delivery: Delivery, user=None) -> bool:
    """Send again, for one channel only: a failed delivery, or an unknown one a person checked
    and found missing (that is `do_mark(..., sent=False)`)."""
    now = timezone.now()
    done = Delivery.objects.filter(pk=delivery.pk, state__in=[St.FAILED, St.RETRYING, St.PAUSED]).update(
        state=St.QUEUED, next_attempt_at=now, attempts=0, resolved_by=user, updated_at=now,
    )
    if done:
        _kick()
    return bool(done)


def do_mark(delivery: Delivery, *, sent: bool, user=None, link: str = "") -> bool:
    """A person's verdict on an `unknown` delivery (or on a manual one: «posted at <link>»).
    Not sent → queued again for that channel alone."""
    now = timezone.now()
    states = [St.UNKNOWN] + ([St.QUEUED] if delivery.channel.is_manual else [])
    if sent:
        done = Delivery.objects.filter(pk=delivery.pk, state__in=states).update(
            state=St.SENT, sent_at=now, permalink=link[:500], resolved_by=user, updated_at=now,
            last_error=_("به دست یک نفر «ارسال شد» زده شد."),
        )
    else:
        done = Delivery.objects.filter(pk=delivery.pk, state=St.UNKNOWN).update(
            state=St.QUEUED, next_attempt_at=now, attempts=0, resolved_by=user, updated_at=now,
            last_error=_("به دست یک نفر «ارسال نشد» زده شد؛ دوباره فرستاده می‌شود."),
        )
        if done:
            _kick()
    return bool(done)


def _kick() -> None:
    if conf.get("KICK_ON_COMMIT"):
        from .tasks import send_deliveries

        transaction.on_commit(lambda: send_deliveries.enqueue())


def health(channels) -> dict[int, dict]:
    """Per channel: failures in the last day, unknown ones, and paused-until."""
    from django.db.models import Count, Q

    from .models import TokenPause

    since = timezone.now() - dt.timedelta(days=1)
    rows = Delivery.objects.filter(channel__in=channels).values("channel_id").annotate(
        failed=Count("id", filter=Q(state=St.FAILED, updated_at__gte=since)),
        unknown=Count("id", filter=Q(state=St.UNKNOWN)),
        waiting=Count("id", filter=Q(state__in=Delivery.DUE_STATES)),
    )
    out = {r["channel_id"]: r for r in rows}
    pauses = dict(TokenPause.objects.filter(until__gt=timezone.now()).values_list("key", "until"))
    for ch in channels:
        entry = out.setdefault(ch.pk, {"failed": 0, "unknown": 0, "waiting": 0})
        entry["paused_until"] = pauses.get(ch.rate_key)
    return out
