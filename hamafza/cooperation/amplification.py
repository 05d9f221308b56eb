"""Co-publication (amplification) requests: every write of the part, on behalf of a person.

    ask(user, item, agencies, *, deadline, message="", suggested_text="", council=None) -> AmplificationRequest
    accept(user, target, *, channel_ids=(), texts=None, send_at=None) -> AmplificationTarget
    decline(user, target, reason) -> AmplificationTarget
    withdraw(user, request) -> int
    expire_due(now=None) -> int                        (the scheduler job, every minute)
    sync_support_invitations(user, item, before) -> AmplificationRequest | None

The kind follows the item: a published or scheduled item is to be republished (the asked agency
lists it on its portal page «به نقل از» the lead agency and queues its own channels); a draft is to
be supported (the asked agency becomes a supporting agency of the item: newsroom's invitation,
answered here through `newsroom.actions.do_respond_to_support`). Inviting a supporting agency in
the editor makes a `support` request (`sync_support_invitations`), so there is one path.

Bad input raises CooperationError (Persian message, field) before anything is saved; a person
who may not do a thing gets PermissionDenied. Answers are claimed with a conditional UPDATE on
status=pending, so a second tab's accept changes nothing and says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.accounts.models import Membership
from hamafza.agencies.models import Agency
from hamafza.agencies.registry import get_registry
from hamafza.newsroom import actions as newsroom
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.notifications import notify
from hamafza.persian.digits import to_persian_digits

from .errors import CooperationError
from .models import AmplificationRequest, AmplificationTarget

logger = logging.getLogger("hamafza.cooperation")

Kind, St = AmplificationRequest.Kind, AmplificationTarget.Status
NS = NewsItem.Status
REPUBLISHABLE = (NS.PUBLISHED, NS.SCHEDULED)
SUPPORTABLE = (NS.DRAFT, NS.RETURNED, NS.SUBMITTED)
MAX_DEADLINE = dt.timedelta(days=90)
SUPPORT_DEADLINE = dt.timedelta(days=3)  # an invitation made in the editor


# --- Helpers -------------------------------------------------------------------------------------

def _deny(message: str):
    raise PermissionDenied(message)


def kind_for(item: NewsItem) -> str | None:
    if item.status in REPUBLISHABLE:
        return Kind.REPUBLISH
    if item.status in SUPPORTABLE:
        return Kind.SUPPORT
    return None


def councils_of(agency_id: int) -> list:
    """The councils the agency sits on as a member (registry, no query)."""
    return sorted((c for c in get_registry().councils.values() if agency_id in c.member_ids), key=lambda c: c.id)


def askable_agencies(item: NewsItem, council_id: int) -> list:
    """The other member agencies of the council (registry infos), by short name."""
    reg = get_registry()
    info = reg.councils.get(council_id)
    ids = [a for a in (info.member_ids if info else ()) if a != item.lead_agency_id and a in reg.agencies]
    return sorted((reg.agencies[a] for a in ids), key=lambda a: a.short_name)


def heads_of(agency_ids: Iterable[int]) -> list[int]:
    return list(
        Membership.objects.filter(agency_id__in=list(agency_ids), role=Membership.Role.HEAD)
        .values_list("user_id", flat=True)
    )


def _askers(request: AmplificationRequest) -> list[int]:
    return [*([request.created_by_id] if request.created_by_id else []), *heads_of([request.asking_agency_id])]


def detail_url(request_id: int) -> str:
    from django.urls import reverse

    return reverse("workspace:cooperation:amp_detail", kwargs={"request_id": request_id})


def _short(agency_id: int) -> str:
    info = get_registry().agencies.get(agency_id)
    return info.short_name if info else ""


def _text(value, limit: int, label: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise CooperationError(
            _("%(label)s حداکثر %(n)s نویسه است.") % {"label": label, "n": to_persian_digits(limit)}, field
        )
    return value


def _supporting_ids(item: NewsItem) -> list[int]:
    return list(
        ItemAgency.objects.filter(item=item, role=ItemAgency.Role.SUPPORTING).order_by("order", "id")
        .values_list("agency_id", flat=True)
    )


def _set_supporting(user, item: NewsItem, agency_ids: list[int], note: str) -> None:
    newsroom.change_supporting(user, item, agency_ids, note)


# --- Ask -----------------------------------------------------------------------------------------

def ask(user, item: NewsItem, agencies, *, deadline: dt.datetime | None, message: str = "",
        suggested_text: str = "", council_id: int | None = None) -> AmplificationRequest:
    """Ask agencies of the lead agency's council to republish (or support) the item. `agencies`:
    Agencies or ids, or the string "all" for every other member of the council."""
    if not policy.can_request_amplification(user, item):
        _deny(_("فقط همکاران دستگاه اصلی خبر می‌توانند برای آن درخواست همکاری بفرستند."))
    kind = kind_for(item)
    if kind is None:
        raise CooperationError(_("برای خبری که انتشارش لغو شده نمی‌توان درخواست بازنشر فرستاد."), "item")
    councils = councils_of(item.lead_agency_id)
    if council_id is not None:
        councils = [c for c in councils if c.id == council_id]
    if not councils:
        raise CooperationError(_("دستگاه این خبر عضو شورایی نیست که بتوان از دستگاه‌های آن درخواست کرد."), "agencies")
    council = councils[0]
    allowed = {a.id for a in askable_agencies(item, council.id)}
    if agencies == "all":
        wanted = sorted(allowed)
    else:
        try:
            wanted = list(dict.fromkeys(int(getattr(a, "pk", a)) for a in agencies or []))
        except (TypeError, ValueError):
            raise CooperationError(_("دستگاه‌ها را از فهرست انتخاب کنید."), "agencies") from None
    if not wanted:
        raise CooperationError(_("دست‌کم یک دستگاه را انتخاب کنید."), "agencies")
    if any(a not in allowed for a in wanted):
        raise CooperationError(_("فقط از دستگاه‌های عضو همین شورا می‌توان درخواست کرد."), "agencies")
    now = timezone.now()
    if deadline is None or timezone.is_naive(deadline):
        raise CooperationError(_("مهلت پاسخ را وارد کنید."), "deadline")
    if deadline <= now:
        raise CooperationError(_("مهلت پاسخ باید در آینده باشد؛ تاریخ و ساعتی پس از اکنون بنویسید."), "deadline")
    if deadline > now + MAX_DEADLINE:
        raise CooperationError(_("مهلت پاسخ حداکثر سه ماه پس از امروز است."), "deadline")
    message = _text(message, 2000, _("پیام به دستگاه‌ها"), "message")
    suggested_text = _text(suggested_text, 4000, _("متن پیشنهادی"), "suggested_text")
    busy = set(
        AmplificationTarget.objects.filter(
            request__item=item, request__kind=kind, agency_id__in=wanted, status__in=(St.PENDING, St.ACCEPTED)
        ).values_list("agency_id", flat=True)
    )
    if kind == Kind.REPUBLISH:  # already listing the item (lead, supporting or republished)
        busy |= set(ItemAgency.objects.filter(item=item, agency_id__in=wanted).values_list("agency_id", flat=True))
    fresh = [a for a in wanted if a not in busy]
    if not fresh:
        raise CooperationError(
            _("از این دستگاه‌ها پیش‌تر برای همین خبر درخواست شده است یا خبر را هم‌اکنون دارند."), "agencies"
        )
    with transaction.atomic():
        request = AmplificationRequest.objects.create(
            council_id=council.id, kind=kind, item=item, asking_agency_id=item.lead_agency_id, message=message,
            suggested_text=suggested_text, deadline=deadline, created_by=user if getattr(user, "pk", None) else None,
        )
        AmplificationTarget.objects.bulk_create([AmplificationTarget(request=request, agency_id=a) for a in fresh])
        if kind == Kind.SUPPORT:
            current = _supporting_ids(item)
            missing = [a for a in fresh if a not in current]
            if missing:
                _set_supporting(user, item, current + missing, _("دعوت از دستگاه‌های همکار با درخواست همکاری"))
        audit.record(user, "amplification.requested", request, agency_id=item.lead_agency_id, council_id=council.id,
                     after={"item_id": item.pk, "kind": kind, "agencies": fresh, "deadline": deadline})
        notify(heads_of(fresh), "coop_request", item=item, actor=user, text=message or suggested_text,
               url=detail_url(request.pk))
    return request


# --- Answer --------------------------------------------------------------------------------------

def _not_pending_message(target: AmplificationTarget, now: dt.datetime) -> str:
    if target.status == St.ACCEPTED:
        return _("این درخواست پیش‌تر پذیرفته شده است (شاید در برگه‌ای دیگر)؛ چیزی تغییر نکرد.")
    if target.status == St.DECLINED:
        return _("به این درخواست پیش‌تر پاسخ رد داده شده است؛ چیزی تغییر نکرد.")
    if target.status == St.WITHDRAWN:
        return _("دستگاه درخواست‌کننده این درخواست را پس گرفته است.")
    return _("مهلت پاسخ به این درخواست تمام شده است و دیگر نمی‌توان آن را پذیرفت یا رد کرد.")


def _claim(target: AmplificationTarget, user, now: dt.datetime, **fields) -> None:
    """Move a pending target (within its deadline) to an answer, or explain why not."""
    claimed = AmplificationTarget.objects.filter(
        pk=target.pk, status=St.PENDING, request__deadline__gt=now
    ).update(responded_at=now, responded_by=user if getattr(user, "pk", None) else None, **fields)
    if not claimed:
        target.refresh_from_db()
        raise CooperationError(_not_pending_message(target, now), "status")
    for key, value in fields.items():
        setattr(target, key, value)
    target.responded_at = now


def _answerable(user, target: AmplificationTarget) -> None:
    if not policy.can_answer_amplification(user, target):
        _deny(_("فقط مدیر روابط عمومی دستگاهی که از آن درخواست شده می‌تواند پاسخ دهد."))


def accept(user, target: AmplificationTarget, *, channel_ids: Iterable = (), texts: dict | None = None,
           send_at: dt.datetime | None = None) -> AmplificationTarget:
    """The asked agency's head accepts. Republish: the item lists on the agency's portal page and
    its chosen channels get deliveries (at `send_at`, or at publication for a scheduled item).
    Support: the agency becomes a supporting agency that accepted (newsroom)."""
    from hamafza.distribution.models import Channel

    _answerable(user, target)
    request = target.request
    item = NewsItem.objects.select_related("lead_agency").get(pk=request.item_id)  # fresh: its status matters
    now = timezone.now()
    channels = []
    clean_texts: dict[str, str] = {}
    if request.kind == Kind.REPUBLISH:
        if item.status not in REPUBLISHABLE:
            raise CooperationError(_("انتشار این خبر لغو شده است و دیگر نمی‌توان آن را بازنشر کرد."), "status")
        try:
            ids = list(dict.fromkeys(int(c) for c in channel_ids or []))
        except (TypeError, ValueError):
            raise CooperationError(_("مجراها را از فهرست انتخاب کنید."), "channels") from None
        channels = list(Channel.objects.filter(pk__in=ids, agency_id=target.agency_id, enabled=True))
        if len(channels) != len(ids):
            raise CooperationError(_("فقط مجراهای فعال دستگاه خودتان را می‌توان انتخاب کرد."), "channels")
        if not all(policy.platform_allowed(ch) for ch in channels):
            raise CooperationError(_("شورا این سکو را مجاز نکرده است؛ مجرای دیگری برگزینید."), "channels")
        for channel in channels:
            text = _text((texts or {}).get(channel.pk) or (texts or {}).get(str(channel.pk)), 4000,
                         _("متن مجرای «%(name)s»") % {"name": channel.name}, "texts")
            if text:
                clean_texts[str(channel.pk)] = text
        if send_at is not None and send_at <= now:
            raise CooperationError(_("زمان ارسال باید در آینده باشد؛ برای ارسال بی‌درنگ آن را خالی بگذارید."), "send_at")
    with transaction.atomic():
        _claim(target, user, now, status=St.ACCEPTED, channel_ids=[c.pk for c in channels],
               channel_texts=clean_texts, send_at=send_at if request.kind == Kind.REPUBLISH else None)
        agency = Agency.objects.get(pk=target.agency_id)
        if request.kind == Kind.REPUBLISH:
            newsroom.add_republisher(item, agency)
            if item.is_public and channels:
                _amplify(item, channels, user, clean_texts, send_at)
        else:
            try:
                newsroom.do_respond_to_support(user, item, agency, True)
            except ItemAgency.DoesNotExist:
                raise CooperationError(_("دستگاه اصلی این دعوت را از خبر برداشته است."), "status") from None
        audit.record(user, "amplification.accepted", target, agency_id=target.agency_id, council_id=request.council_id,
                     before={"status": St.PENDING},
                     after={"status": St.ACCEPTED, "item_id": item.pk, "kind": request.kind,
                            "channels": [c.pk for c in channels], "send_at": send_at})
        notify(_askers(request), "coop_answer", item=item, actor=user,
               text=_("«%(agency)s» درخواست را پذیرفت.") % {"agency": _short(target.agency_id)},
               url=detail_url(request.pk))
    return target


def decline(user, target: AmplificationTarget, reason: str) -> AmplificationTarget:
    _answerable(user, target)
    reason = (reason or "").strip()
    if not reason:
        raise CooperationError(_("دلیل رد درخواست را بنویسید؛ برای دستگاه درخواست‌کننده فرستاده می‌شود."), "reason")
    reason = _text(reason, 1000, _("دلیل رد"), "reason")
    request = target.request
    now = timezone.now()
    with transaction.atomic():
        _claim(target, user, now, status=St.DECLINED, decline_reason=reason)
        if request.kind == Kind.SUPPORT:
            link = ItemAgency.objects.filter(item=request.item, agency_id=target.agency_id,
                                             role=ItemAgency.Role.SUPPORTING).exists()
            if link:
                newsroom.do_respond_to_support(user, request.item, Agency.objects.get(pk=target.agency_id), False)
        audit.record(user, "amplification.declined", target, agency_id=target.agency_id, council_id=request.council_id,
                     before={"status": St.PENDING}, after={"status": St.DECLINED, "reason": reason[:300]})
        notify(_askers(request), "coop_answer", item=request.item, actor=user,
               text=_("«%(agency)s» درخواست را رد کرد: %(reason)s") % {"agency": _short(target.agency_id), "reason": reason},
               url=detail_url(request.pk))
    return target


def _drop_invitations(request: AmplificationRequest, agency_ids: list[int]) -> None:
    """A support request that ends unanswered takes its agencies' invitations off the item."""
    if request.kind != Kind.SUPPORT or not agency_ids:
        return
    unanswered = set(
        ItemAgency.objects.filter(item=request.item, agency_id__in=agency_ids, role=ItemAgency.Role.SUPPORTING,
                                  accepted_at__isnull=True).values_list("agency_id", flat=True)
    )
    if unanswered:
        _set_supporting(None, request.item, [a for a in _supporting_ids(request.item) if a not in unanswered],
                        _("دعوت بی‌پاسخ دستگاه همکار از خبر برداشته شد."))


def withdraw(user, request: AmplificationRequest) -> int:
    """The asking agency takes back the unanswered part of its request. Returns how many targets."""
    if not policy.can_withdraw_amplification(user, request):
        _deny(_("فقط مدیر دستگاه درخواست‌کننده یا کسی که درخواست را فرستاده می‌تواند آن را پس بگیرد."))
    now = timezone.now()
    with transaction.atomic():
        pending = list(request.targets.filter(status=St.PENDING).values_list("agency_id", flat=True))
        done = AmplificationTarget.objects.filter(request=request, status=St.PENDING).update(
            status=St.WITHDRAWN, responded_at=now
        )
        if not done:
            raise CooperationError(_("این درخواست پاسخ بی‌جوابی ندارد که پس گرفته شود."), "status")
        _drop_invitations(request, pending)
        audit.record(user, "amplification.withdrawn", request, agency_id=request.asking_agency_id,
                     council_id=request.council_id, after={"agencies": pending})
        notify(heads_of(pending), "coop_withdrawn", item=request.item, actor=user,
               text=_("«%(agency)s» این درخواست را پس گرفت؛ پاسخی لازم نیست.") % {"agency": _short(request.asking_agency_id)},
               url=detail_url(request.pk))
    return done


def expire_due(now: dt.datetime | None = None) -> int:
    """Pending targets past their request's deadline become expired; the asker is told once per
    request. Idempotent (conditional UPDATE per request)."""
    now = now or timezone.now()
    request_ids = list(
        AmplificationTarget.objects.filter(status=St.PENDING, request__deadline__lte=now)
        .values_list("request_id", flat=True).distinct()[:500]
    )
    count = 0
    for request in AmplificationRequest.objects.filter(pk__in=request_ids).select_related("item"):
        with transaction.atomic():
            agencies = list(request.targets.filter(status=St.PENDING).values_list("agency_id", flat=True))
            done = AmplificationTarget.objects.filter(request=request, status=St.PENDING).update(status=St.EXPIRED)
            if not done:
                continue
            count += done
            _drop_invitations(request, agencies)
            audit.record(None, "amplification.expired", request, agency_id=request.asking_agency_id,
                         council_id=request.council_id, after={"agencies": agencies})
            names = "، ".join(_short(a) for a in agencies)
            notify(_askers(request), "coop_expired", item=request.item,
                   text=_("بی‌پاسخ ماند از: %(names)s") % {"names": names}, url=detail_url(request.pk))
            notify(heads_of(agencies), "coop_expired", item=request.item,
                   text=_("مهلت پاسخ به این درخواست گذشت و دیگر پذیرفتنی نیست."), url=detail_url(request.pk))
    return count


# --- The newsroom's supporting-agency invitation --------------------------------------------------

def sync_support_invitations(user, item: NewsItem, before: Iterable[int]) -> AmplificationRequest | None:
    """Called when a newsroom action changed the supporting agencies (newsroom's signal
    supporting_changed): agencies newly invited as supporting get one
    `support` request (their heads answer it like any request); agencies taken off the item have
    their pending support requests withdrawn."""
    before = set(before)
    after = set(_supporting_ids(item))
    added, removed = after - before, before - after
    made = None
    if removed:
        with transaction.atomic():
            targets = AmplificationTarget.objects.filter(
                request__item=item, request__kind=Kind.SUPPORT, agency_id__in=removed, status=St.PENDING
            )
            for target in targets.select_related("request"):
                if not AmplificationTarget.objects.filter(pk=target.pk, status=St.PENDING).update(
                    status=St.WITHDRAWN, responded_at=timezone.now()
                ):
                    continue
                audit.record(user, "amplification.withdrawn", target.request, agency_id=item.lead_agency_id,
                             council_id=target.request.council_id, after={"agencies": [target.agency_id]})
                notify(heads_of([target.agency_id]), "coop_withdrawn", item=item, actor=user,
                       text=_("دعوت به همکاری در این خبر پس گرفته شد؛ پاسخی لازم نیست."),
                       url=detail_url(target.request_id))
    if added and kind_for(item) == Kind.SUPPORT and policy.can_request_amplification(user, item):
        # One request per council the lead agency sits on, for the invited agencies of that council.
        for council in councils_of(item.lead_agency_id):
            members = {a.id for a in askable_agencies(item, council.id)}
            wanted = sorted(a for a in added if a in members)
            added -= set(wanted)
            if not wanted:
                continue
            try:
                made = ask(user, item, wanted, deadline=timezone.now() + SUPPORT_DEADLINE,
                           message=_("دعوت به همکاری در تهیهٔ این خبر"), council_id=council.id)
            except CooperationError:
                logger.info("support invitation for item %s not turned into a request", item.pk)
    return made


# --- Deliveries of a scheduled item, once it is published -----------------------------------------

def _amplify(item: NewsItem, channels, user, texts: dict[str, str], send_at: dt.datetime | None) -> None:
    from hamafza.distribution import actions as distribution

    at = send_at
    if at is not None and item.published_at is not None and at < item.published_at:
        at = item.published_at
    distribution.do_amplify(item, channels, user, texts={int(k): v for k, v in texts.items()}, at=at)


def on_item_published(sender, item: NewsItem, **kwargs) -> None:
    """Queue the channels of agencies that accepted to republish the item (accepted while it was
    scheduled, or published again after an unpublish; channels already live are skipped). Support
    invitations still unanswered end: the newsroom takes those agencies off the published item."""
    from hamafza.distribution.models import Channel

    AmplificationTarget.objects.filter(
        request__item_id=item.pk, request__kind=Kind.SUPPORT, status=St.PENDING
    ).update(status=St.WITHDRAWN, responded_at=timezone.now())

    targets = list(AmplificationTarget.objects.filter(
        request__item_id=item.pk, request__kind=Kind.REPUBLISH, status=St.ACCEPTED
    ).exclude(channel_ids=[]))
    for target in targets:
        channels = list(Channel.objects.filter(pk__in=target.channel_ids, agency_id=target.agency_id, enabled=True))
        if not channels:
            continue
        try:
            with transaction.atomic():
                _amplify(item, channels, None, target.channel_texts or {}, target.send_at)
        except Exception:  # a republisher's channel must never stop the lead agency's publication
            logger.exception("amplification deliveries for item %s, target %s failed", item.pk, target.pk)


def on_supporting_changed(sender, item: NewsItem, user=None, before=(), **kwargs) -> None:
    """Any newsroom action that changes an item's supporting agencies: invite the new ones."""
    sync_support_invitations(user, item, before)


def install() -> None:
    """From CooperationConfig.ready(): the expiry job and the newsroom receivers."""
    from hamafza.core import scheduler
    from hamafza.newsroom.signals import item_published, supporting_changed

    scheduler.register("cooperation.expire_amplification", every=dt.timedelta(minutes=1), func=expire_due)
    item_published.connect(on_item_published, dispatch_uid="cooperation-amplification-published")
    supporting_changed.connect(on_supporting_changed, dispatch_uid="cooperation-supporting-changed")
