"""Writes of the distribution app: channels, per-item choices, and the human decisions on
deliveries (retry, mark sent / not sent, posted by hand). Views, the API and commands call these.

Every action takes the acting person first, checks the rule in hamafza/policy/distribution.py
(PermissionDenied otherwise), validates its input (DistributionError with a Persian message),
writes an audit entry with its council, and defers side effects (waking the sender) to commit.
Seeding without a person (demo, benchmark, test factories) uses `unchecked.py`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.registry import get_registry
from hamafza.persian.jalali import format_datetime

from . import conf, links, platforms
from .adapters import DeliveryError, adapter_for, late_delivery_seconds
from .models import Channel, ChannelDefault, Delivery, ItemChannelChoice

A, St = Delivery.Action, Delivery.State

# A person's verdicts on an `unknown` delivery.
SENT, RESEND, DROP = "sent", "not_sent", "not_sent_drop"
VERDICTS = (SENT, RESEND, DROP)


class DistributionError(ValueError):
    """Input or a state that the action refuses; `message` is shown to the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def council_of(channel: Channel) -> int | None:
    """The council an audit entry about the channel belongs to: the channel's own, or the first
    council its agency sits on."""
    if channel.council_id:
        return channel.council_id
    return next((c.id for c in sorted(get_registry().councils.values(), key=lambda c: c.id)
                 if channel.agency_id in c.member_ids), None)


def _kick() -> None:
    if conf.get("KICK_ON_COMMIT"):
        from .tasks import send_deliveries

        transaction.on_commit(lambda: send_deliveries.enqueue())


def _record(user, event: str, obj, channel: Channel, **after) -> None:
    audit.record(user, event, obj, agency_id=channel.agency_id, council_id=council_of(channel), after=after)


# --- channels ----------------------------------------------------------------------------------

@transaction.atomic
def save_channel(user, channel: Channel, *, token: str = "", default_for_agency: bool | None = None) -> Channel:
    """Create or update a channel. A blank token keeps the stored one; a new token replaces it.
    New: the person may add channels to its owner (policy.can_add_channel). Existing: the stored
    channel's owner decides (policy.can_manage_channel), never the submitted one."""
    reg = get_registry()
    if channel.pk is None:
        if bool(channel.agency_id) == bool(channel.council_id):
            raise DistributionError(_("مجرا باید از آنِ یک دستگاه یا یک شورا باشد."))
        if channel.agency_id and channel.agency_id not in reg.agencies or (
                channel.council_id and channel.council_id not in reg.councils):
            raise PermissionDenied
        if not policy.can_add_channel(user, agency_id=channel.agency_id, council_id=channel.council_id):
            raise PermissionDenied
    else:
        stored = Channel.objects.filter(pk=channel.pk).values("agency_id", "council_id").first()
        if stored is None:
            raise PermissionDenied
        channel.agency_id, channel.council_id = stored["agency_id"], stored["council_id"]
        if not policy.can_manage_channel(user, channel):
            raise PermissionDenied
    created = channel.pk is None
    _store_channel(channel, token=token, default_for_agency=default_for_agency)
    _record(user, "channel.created" if created else "channel.saved", channel, channel,
            kind=channel.kind, chat_id=channel.chat_id, enabled=channel.enabled, token_changed=bool(token.strip()))
    return channel


def _store_channel(channel: Channel, *, token: str = "", default_for_agency: bool | None = None) -> Channel:
    """The write itself, unchecked (unchecked.store_channel exposes it to seeding code)."""
    if token.strip():
        channel.set_token(token)
    if channel.chat_id.startswith("@") and not channel.public_username:
        channel.public_username = channel.chat_id[1:]
    if channel.kind != Channel.Kind.SANDBOX:
        channel.sandbox_platform = ""
    if channel.kind in (Channel.Kind.SANDBOX, Channel.Kind.RUBIKA, Channel.Kind.EITAA):
        # The platform's own limits (a sandbox fails where its platform would).
        platform = platforms.of(channel)
        channel.text_limit, channel.caption_limit = platform.text_limit, platform.caption_limit
    channel.save()
    if default_for_agency is not None and channel.agency_id:
        if default_for_agency:
            ChannelDefault.objects.get_or_create(agency_id=channel.agency_id, channel=channel)
        else:
            ChannelDefault.objects.filter(agency_id=channel.agency_id, channel=channel).delete()
    return channel


def do_test_channel(user, channel: Channel, *, post: bool = False) -> tuple[bool, str]:
    """getMe, the bot's rights in the chat where the platform tells them (getChatMember), and,
    if asked, a test post; the outcome is stored. Talks to the platform at once (the person waits
    for the answer), outside any transaction."""
    if not policy.can_manage_channel(user, channel):
        raise PermissionDenied
    ok, message = True, ""
    try:
        adapter = adapter_for(channel)
        me = adapter.get_me() or {}
        name = me.get("username") or me.get("first_name") or ""
        message = _("ربات «%(name)s» پاسخ داد.") % {"name": name} if name else _("سرویس پاسخ داد.")
        if hasattr(adapter, "check_rights"):
            ok, rights = adapter.check_rights(me)
            message = f"{message} {rights}"
        if post and ok:
            sent = adapter.test_post(_("پیام آزمایشی هم‌افزا: این کانال برای انتشار خبر آماده است."))
            message += " " + _("پیام آزمایشی فرستاده شد.")
            if sent.permalink:
                message += f" {sent.permalink}"
    except DeliveryError as exc:
        ok, message = False, exc.message
    with transaction.atomic():
        Channel.objects.filter(pk=channel.pk).update(last_test_at=timezone.now(), last_test_ok=ok,
                                                     last_test_message=message[:500])
        _record(user, "channel.tested", channel, channel, ok=ok, posted=post and ok)
    return ok, message


@transaction.atomic
def do_resume_channel(user, channel: Channel) -> bool:
    """Send again to a channel paused after failures in a row (its waiting items go out)."""
    if not policy.can_manage_channel(user, channel):
        raise PermissionDenied
    done = Channel.objects.filter(pk=channel.pk, paused_at__isnull=False).update(
        paused_at=None, pause_reason="", failures_in_row=0)
    if done:
        _record(user, "channel.resumed", channel, channel, reason=channel.pause_reason)
        _kick()
    return bool(done)


@transaction.atomic
def set_item_choices(user, item, choices: dict[int, tuple[bool, str]]) -> None:
    """choices: channel id → (send to it, override text). Only channels the person may use for
    this item (its lead agency's, or a council channel of the secretariat) count."""
    if not policy.can_edit_item(user, item):
        raise PermissionDenied
    usable = {ch.pk for ch in usable_channels(user, item)}
    for channel_id, (enabled, text) in choices.items():
        if channel_id not in usable:
            raise PermissionDenied
        if len(text) > 4000:
            raise DistributionError(_("متن ویژهٔ هر مجرا حداکثر ۴۰۰۰ نویسه است؛ کوتاهش کنید. چیزی ذخیره نشد."))
    for channel_id, (enabled, text) in choices.items():
        ItemChannelChoice.objects.update_or_create(
            item=item, channel_id=channel_id, defaults={"enabled": enabled, "override_text": text.strip()},
        )
    audit.record(user, "item.channels_chosen", item, agency_id=item.lead_agency_id,
                 after={"channels": sorted(k for k, (on, _t) in choices.items() if on)})


def usable_channels(user, item) -> list[Channel]:
    return [
        ch for ch in policy.visible_channels(user).filter(enabled=True)
        if policy.can_use_channel(user, ch) and (ch.agency_id == item.lead_agency_id or ch.council_id)
        and policy.platform_allowed(ch)
    ]


@transaction.atomic
def do_amplify(item, channels, user=None, *, texts: dict[int, str] | None = None,
               at: dt.datetime | None = None) -> list[Delivery]:
    """Republish a published item on channels of another agency (with «به نقل از …»).
    texts: channel id → that agency's own text for the channel (blank: the item's text);
    at: not sent before this time (None: now). The cooperation app calls it inside its own
    accepted-request action, which writes the audit entry."""
    if not item.is_public:
        raise ValueError(_("فقط خبر منتشرشده را می‌توان بازنشر کرد."))
    usable = [ch for ch in channels if (user is None or policy.can_use_channel(user, ch)) and policy.platform_allowed(ch)]
    from .outbox import write_amplify

    return write_amplify(item, usable, texts=texts, at=at)


# --- deliveries --------------------------------------------------------------------------------

def resend_available_at(delivery: Delivery) -> dt.datetime | None:
    """When «not sent, send again» becomes safe for an `unknown` delivery: the platform may still
    deliver a request whose answer never came, for its adapter's late-delivery window."""
    if delivery.state != St.UNKNOWN:
        return None
    started = delivery.sending_started_at or delivery.updated_at
    return started + dt.timedelta(seconds=late_delivery_seconds(delivery.channel.kind))


def resend_refusal(delivery: Delivery, now: dt.datetime | None = None) -> str:
    """Why a first send may not be sent again now ('' when it may)."""
    now = now or timezone.now()
    if delivery.action == A.CREATE and delivery.item_id is not None and not delivery.item.is_public:
        return _("این خبر دیگر منتشرشده نیست؛ دوباره فرستاده نمی‌شود.")
    at = resend_available_at(delivery)
    if at is not None and at > now:
        return _("ممکن است سرویس این پیام را هنوز برساند؛ برای پرهیز از پیام تکراری، «دوباره بفرست» از %(at)s "
                 "در دسترس است. پیش از آن کانال را ببینید: اگر پیام رسیده، «ارسال شد» را بزنید.") % {
            "at": format_datetime(at)}
    return ""


@transaction.atomic
def do_retry(user, delivery: Delivery) -> bool:
    """Send again, for one channel only, a delivery that failed or waits (never an `unknown` one:
    that is do_mark)."""
    if not policy.can_resolve_delivery(user, delivery):
        raise PermissionDenied
    delivery = Delivery.objects.select_for_update(of=("self",)).select_related("channel", "item").get(pk=delivery.pk)
    if delivery.state not in (St.FAILED, St.RETRYING, St.PAUSED):
        raise DistributionError(_("این ارسال در وضعیتی نیست که بتوان دوباره فرستاد."))
    refusal = resend_refusal(delivery)
    if refusal:
        raise DistributionError(refusal)
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=St.QUEUED, next_attempt_at=now, attempts=0, resolved_by=user, updated_at=now,
    )
    _record(user, "delivery.retried", delivery, delivery.channel, item=delivery.item_id, kind=delivery.action)
    _kick()
    return True


@transaction.atomic
def do_mark(user, delivery: Delivery, verdict: str, *, link: str = "") -> str:
    """A person's verdict on an `unknown` delivery (or on a manual one: «posted at <link>»).

    SENT: the post is on the channel. A pasted link gives its message id, so corrections and
    withdrawals edit or delete it; without one, they come as new posts (the returned message
    says so). RESEND: it did not arrive, send it again — only after the platform's
    late-delivery window, and only while the item is published. DROP: it did not arrive and must
    not be sent (its waiting corrections and withdrawals are cancelled with it).
    Returns the message for the person."""
    if not policy.can_resolve_delivery(user, delivery):
        raise PermissionDenied
    if verdict not in VERDICTS:
        raise DistributionError(_("«ارسال شد»، «ارسال نشد؛ دوباره بفرست» یا «ارسال نشد؛ نفرست» را برگزینید."))
    delivery = Delivery.objects.select_for_update(of=("self",)).select_related("channel", "item", "parent").get(pk=delivery.pk)
    channel, now = delivery.channel, timezone.now()
    states = [St.UNKNOWN] + ([St.QUEUED] if channel.is_manual else [])
    if delivery.state not in states or (verdict != SENT and delivery.state != St.UNKNOWN):
        raise DistributionError(_("وضعیت این ارسال پیش‌تر تغییر کرده است؛ صفحه را ببینید."))
    link = link.strip()
    if len(link) > 500:
        raise DistributionError(_("پیوند پست بلندتر از ۵۰۰ نویسه است."))
    if link and not link.startswith(("http://", "https://")):
        raise DistributionError(_("پیوند پست باید با http:// یا https:// آغاز شود؛ چیزی ذخیره نشد."))
    fields = {"resolved_by": user, "updated_at": now}
    if verdict == SENT:
        fields.update(state=St.SENT, sent_at=now, permalink=link, last_error=_("به دست یک نفر «ارسال شد» زده شد."))
        reply = _("وضعیت ارسال به «%(name)s» ثبت شد.") % {"name": channel.name}
        if channel.uses_bot:
            fields.update(_remote_fields(delivery, link))
            if not link:
                reply += " " + _("چون پیوند پست داده نشد، اصلاحیه‌ها و اعلام لغو انتشار این خبر در این کانال "
                                 "به صورت پیام تازه فرستاده می‌شوند.")
    elif verdict == RESEND:
        refusal = resend_refusal(delivery, now)
        if refusal:
            raise DistributionError(refusal)
        fields.update(state=St.QUEUED, next_attempt_at=now, attempts=0,
                      last_error=_("به دست یک نفر «ارسال نشد» زده شد؛ دوباره فرستاده می‌شود."))
        reply = _("ارسال به «%(name)s» دوباره در صف گذاشته شد.") % {"name": channel.name}
        _kick()
    else:
        fields.update(state=St.CANCELLED, last_error=_("به دست یک نفر «ارسال نشد؛ نفرست» زده شد."))
        reply = _("ثبت شد که پیام به «%(name)s» نرسیده و فرستاده نمی‌شود.") % {"name": channel.name}
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    _record(user, f"delivery.marked_{verdict}", delivery, channel, item=delivery.item_id, link=link)
    return reply


def _remote_fields(delivery: Delivery, link: str) -> dict:
    """The message ids a pasted link gives (an album's messages are consecutive), or none."""
    if not link:
        return {"remote_ids": [], "remark": _("بی‌پیوند «ارسال شد» زده شد؛ اصلاحیه‌ها پیام تازه می‌شوند.")}
    if delivery.channel.kind not in links.HOSTS:
        # Rubika: a post link does not carry the message id the Bot API edits and deletes by.
        return {"remote_ids": [], "remark": _("پیوند پست ثبت شد، ولی شناسهٔ پیام از پیوند %(kind)s خواندنی نیست؛ "
                                              "اصلاحیه‌ها و اعلام لغو انتشار پیام تازه می‌شوند.") % {
            "kind": delivery.channel.get_kind_display()}}
    try:
        first = links.message_id(delivery.channel, link)
    except links.BadLink as exc:
        raise DistributionError(exc.message) from None
    count = max(1, len(delivery.payload.get("photos") or [])) if delivery.payload.get("text") is not None else 1
    ids = [first + n for n in range(count)]
    fields = {"remote_ids": ids, "remark": _("با پیوند پست «ارسال شد» زده شد.")}
    if delivery.action == A.EDIT and delivery.parent_id:
        from .perform import current

        # An edit that posted a new message (a change of kind) stands for its parent from now on.
        fields["replaced_parent"] = ids != list(current(delivery.parent).remote_ids or [])
    return fields


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


__all__ = [
    "DROP", "RESEND", "SENT", "VERDICTS", "DistributionError", "council_of", "do_amplify", "do_mark",
    "do_resume_channel", "do_retry", "do_test_channel", "health", "resend_available_at", "resend_refusal",
    "save_channel", "set_item_choices", "usable_channels",
]
