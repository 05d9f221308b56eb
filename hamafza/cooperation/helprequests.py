"""Help requests for content production: every write, on behalf of a person.

An agency asks for a photographer, a crew, a studio… for a Jalali day, time and place; agencies
that may see the request offer (one offer per agency; a second one edits it); the asking agency
accepts one or more offers (the request becomes `arranged`), records who delivered what, links
the news item the job produced and marks the request delivered. Offers not accepted stay until
the asker closes offers (the offers deadline is brought forward to now) or the request is
delivered; then they become `not_chosen`. Open requests whose offers deadline passed with no
accepted offer expire (scheduler job `cooperation.help_expiry`).

Each action checks hamafza.policy, changes the rows atomically (the request row is locked, so
two tabs cannot accept or close twice), writes an audit event and notifies the people concerned.
Bad input raises CooperationError with a Persian message before anything is saved; a person
without the right gets PermissionDenied.

    read_day(text, label, field) -> date             a Jalali date a person typed
    ask(user, *, council, agency, need, title, day, deadline, ...) -> HelpRequest
    offer(user, help_request, *, agency, text, resource=None) -> HelpOffer
                                                      (the resource: of the kind asked, free and working then)
    resource_refusal(resource, help_request) -> str   why a resource cannot serve it ("" if it can)
    withdraw_offer(user, offer) -> HelpOffer
    accept_offer(user, offer) -> HelpOffer            (offer.booking_note: what happened to a booking)
    close_offers(user, help_request) -> int
    record_delivery(user, offer, note) -> HelpOffer
    link_item(user, help_request, item | None) -> HelpRequest
    mark_delivered(user, help_request) -> HelpRequest
    cancel(user, help_request, reason="") -> HelpRequest
    expire_due(now=None) -> int
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.accounts.models import Membership
from hamafza.agencies.registry import get_registry
from hamafza.council import inputs
from hamafza.council.actions import today_in_tehran  # noqa: F401  (also used by the help pages)
from hamafza.council.errors import CouncilError
from hamafza.notifications import notify
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from .errors import CooperationError
from .models import HelpOffer, HelpRequest, Need, Resource

R = HelpRequest.Status
O = HelpOffer.Status  # noqa: E741
LIVE = (R.OPEN, R.ARRANGED)
LIMITS = {"title": 200, "description": 4000, "place": 200, "offer": 2000, "note": 2000}


# --- Reading what people type ---------------------------------------------------------------------

def read_day(text: str, label: str, field: str = "") -> dt.date:
    return inputs.parse_date(text, label, field)


def _text(value: str, label: str, field: str, limit: int, required: bool = False, one_line: bool = False) -> str:
    return inputs.read_text(value, label, field, limit, required=required, one_line=one_line, error=CooperationError)


# --- Who hears about it ---------------------------------------------------------------------------

def _members(agency_ids: Iterable[int], heads_only: bool = False) -> list[int]:
    qs = Membership.objects.filter(agency_id__in=list(agency_ids))
    if heads_only:
        qs = qs.filter(role=Membership.Role.HEAD)
    return list(qs.values_list("user_id", flat=True).distinct())


def seeing_agencies(help_request: HelpRequest) -> list[int]:
    """The agencies (other than the asker) that may see the request and offer help."""
    if help_request.visibility == HelpRequest.Visibility.CHOSEN:
        ids = [a.pk for a in help_request.asked_agencies.all()]
    else:
        info = get_registry().councils.get(help_request.council_id)
        ids = list(info.member_ids) if info else []
    return [a for a in ids if a != help_request.asking_agency_id]


def detail_url(help_request: HelpRequest) -> str:
    return reverse("workspace:cooperation:help_detail", args=[help_request.pk])


def _asker_people(help_request: HelpRequest) -> list[int]:
    people = _members([help_request.asking_agency_id], heads_only=True)
    if help_request.created_by_id:
        people.append(help_request.created_by_id)
    return people


def _snapshot(help_request: HelpRequest) -> dict:
    return {"status": help_request.status, "need": help_request.need, "title": help_request.title,
            "day": help_request.day, "deadline": help_request.deadline}


def _locked(help_request: HelpRequest) -> HelpRequest:
    """The request row, locked for this transaction and read afresh (another tab may have changed it)."""
    fresh = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    for field in ("status", "deadline", "result_item_id", "updated_at"):
        setattr(help_request, field, getattr(fresh, field))
    return fresh


def _closed_message(help_request: HelpRequest) -> str:
    return {
        R.DELIVERED: _("این درخواست انجام و بسته شده است."),
        R.CANCELLED: _("این درخواست لغو شده است."),
        R.EXPIRED: _("مهلت این درخواست به پایان رسیده و منقضی شده است."),
    }.get(help_request.status, _("این درخواست دیگر باز نیست."))


# --- Asking -----------------------------------------------------------------------------------------

def check_times(day: dt.date, start: dt.time | None, end: dt.time | None, deadline: dt.datetime,
                now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    if day < today_in_tehran(now):
        raise CooperationError(
            _("تاریخ کار (%(day)s) گذشته است؛ روز امروز یا پس از آن را بنویسید.") % {"day": jalali.format_date(day)}, "day"
        )
    if end is not None and start is None:
        raise CooperationError(_("برای ساعت پایان، ساعت شروع را هم بنویسید."), "start_time")
    if start is not None and end is not None and end <= start:
        raise CooperationError(
            _("ساعت پایان (%(end)s) باید پس از ساعت شروع (%(start)s) باشد.")
            % {"end": to_persian_digits(end.strftime("%H:%M")), "start": to_persian_digits(start.strftime("%H:%M"))},
            "end_time",
        )
    if deadline <= now:
        raise CooperationError(
            _("مهلت پیشنهاد (%(when)s) گذشته است؛ زمانی در آینده بنویسید.") % {"when": jalali.format_datetime(deadline)},
            "deadline_date",
        )
    last = inputs.tehran_datetime(day, start) if start else dt.datetime.combine(day, dt.time(23, 59), tzinfo=jalali.TEHRAN)
    if deadline > last:
        raise CooperationError(
            _("مهلت پیشنهاد (%(when)s) نباید پس از زمان خود کار (%(last)s) باشد.")
            % {"when": jalali.format_datetime(deadline), "last": jalali.format_datetime(last)},
            "deadline_date",
        )


@transaction.atomic
def ask(user, *, council, agency, need: str, title: str, day: dt.date, deadline: dt.datetime, description: str = "",
        place: str = "", start_time: dt.time | None = None, end_time: dt.time | None = None,
        visibility: str = HelpRequest.Visibility.COUNCIL, asked_agencies: Sequence = ()) -> HelpRequest:
    roles = policy.roles_of(user)
    if agency is None:
        raise CooperationError(_("دستگاه درخواست‌کننده را انتخاب کنید."), "agency")
    info = get_registry().councils.get(council.pk)
    if info is None or agency.pk not in info.member_ids or not (roles.superuser or roles.member_of(agency.pk)):
        raise PermissionDenied(_("از سوی این دستگاه نمی‌توانید در این شورا درخواست کمک ثبت کنید."))
    if need not in Need.values:
        raise CooperationError(_("نوع نیاز را انتخاب کنید."), "need")
    title = _text(title, _("عنوان"), "title", LIMITS["title"], required=True, one_line=True)
    description = _text(description, _("شرح"), "description", LIMITS["description"])
    place = _text(place, _("مکان"), "place", LIMITS["place"], one_line=True)
    check_times(day, start_time, end_time, deadline)
    if visibility not in HelpRequest.Visibility.values:
        raise CooperationError(_("دیده‌شدن درخواست را انتخاب کنید."), "visibility")
    chosen = []
    if visibility == HelpRequest.Visibility.CHOSEN:
        members = set(get_registry().councils[council.pk].member_ids)
        chosen = [a for a in asked_agencies if a.pk != agency.pk]
        if not chosen:
            raise CooperationError(_("دست‌کم یک دستگاه دیگر را برای دیدن این درخواست انتخاب کنید."), "agencies")
        outside = [a for a in chosen if a.pk not in members]
        if outside:
            raise CooperationError(_("«%(agency)s» عضو این شورا نیست.") % {"agency": outside[0].short_name}, "agencies")
    help_request = HelpRequest.objects.create(
        council=council, asking_agency=agency, need=need, title=title, description=description, place=place, day=day,
        start_time=start_time, end_time=end_time if start_time else None, deadline=deadline, visibility=visibility,
        created_by=user if getattr(user, "pk", None) else None,
    )
    if chosen:
        help_request.asked_agencies.set(chosen)
    audit.record(user, "help.asked", help_request, agency_id=agency.pk, council_id=council.pk,
                 after={**_snapshot(help_request), "visibility": visibility, "asked": [a.pk for a in chosen]})
    notify(_members(seeing_agencies(help_request)), "help_request", actor=user, subject=title,
           text=_("%(agency)s: %(need)s برای %(day)s") % {
               "agency": agency.short_name, "need": Need(need).label, "day": jalali.format_date(day)},
           url=detail_url(help_request))
    return help_request


# --- Offering ---------------------------------------------------------------------------------------

def check_open_for_offers(help_request: HelpRequest, now: dt.datetime | None = None) -> None:
    if help_request.status not in LIVE:
        raise CooperationError(_closed_message(help_request), "text")
    if help_request.deadline <= (now or timezone.now()):
        raise CooperationError(
            _("مهلت پیشنهاد برای این درخواست (%(when)s) گذشته است.") % {"when": jalali.format_datetime(help_request.deadline)},
            "text",
        )


@transaction.atomic
def offer(user, help_request: HelpRequest, *, agency, text: str, resource: Resource | None = None) -> HelpOffer:
    if agency is None or agency.pk not in policy.offering_agencies(user, help_request):
        raise PermissionDenied(_("دستگاه شما نمی‌تواند برای این درخواست پیشنهاد بدهد."))
    _locked(help_request)
    check_open_for_offers(help_request)
    text = _text(text, _("متن پیشنهاد"), "text", LIMITS["offer"], required=True)
    if resource is not None and (resource.agency_id != agency.pk or resource.retired_at is not None):
        raise CooperationError(_("منبع انتخاب‌شده از منابع فعال دستگاه شما نیست."), "resource")
    if resource is not None and (refusal := resource_refusal(resource, help_request)):
        raise CooperationError(refusal, "resource")
    existing = HelpOffer.objects.select_for_update().filter(request=help_request, agency=agency).first()
    if existing is not None and existing.status in (O.ACCEPTED, O.NOT_CHOSEN):
        raise CooperationError(
            _("پیشنهاد دستگاه شما پیش‌تر پذیرفته شده است و دیگر تغییر نمی‌کند.") if existing.status == O.ACCEPTED
            else _("پیشنهادهای این درخواست بسته شده است."),
            "text",
        )
    if existing is None:
        item = HelpOffer.objects.create(request=help_request, agency=agency, text=text, resource=resource, offered_by=user)
        audit.record(user, "help.offered", item, agency_id=agency.pk, council_id=help_request.council_id,
                     object_repr=help_request.title,
                     after={"request": help_request.pk, "text": text[:300], "resource": getattr(resource, "pk", None)})
    else:
        before = {"status": existing.status, "text": existing.text[:300], "resource": existing.resource_id}
        existing.text, existing.resource, existing.status, existing.offered_by = text, resource, O.OFFERED, user
        existing.save(update_fields=["text", "resource", "status", "offered_by"])
        item = existing
        audit.record(user, "help.offer_edited", item, agency_id=agency.pk, council_id=help_request.council_id,
                     object_repr=help_request.title, before=before,
                     after={"status": item.status, "text": text[:300], "resource": getattr(resource, "pk", None)})
    notify(_members([help_request.asking_agency_id]), "help_offer", actor=user, subject=help_request.title,
           text=_("%(agency)s: %(text)s") % {"agency": agency.short_name, "text": text[:200]}, url=detail_url(help_request))
    return item


@transaction.atomic
def withdraw_offer(user, offer_row: HelpOffer) -> HelpOffer:
    roles = policy.roles_of(user)
    if not (roles.superuser or roles.member_of(offer_row.agency_id)):
        raise PermissionDenied(_("فقط دستگاه پیشنهاددهنده می‌تواند پیشنهاد را پس بگیرد."))
    offer_row = HelpOffer.objects.select_for_update().get(pk=offer_row.pk)
    if offer_row.status != O.OFFERED:
        raise CooperationError(
            _("پیشنهاد پذیرفته‌شده را نمی‌توان پس گرفت؛ با دستگاه درخواست‌کننده هماهنگ کنید.") if offer_row.status == O.ACCEPTED
            else _("این پیشنهاد دیگر باز نیست."),
            "offer",
        )
    offer_row.status = O.WITHDRAWN
    offer_row.save(update_fields=["status"])
    audit.record(user, "help.offer_withdrawn", offer_row, agency_id=offer_row.agency_id,
                 council_id=offer_row.request.council_id, object_repr=offer_row.request.title,
                 before={"status": O.OFFERED}, after={"status": O.WITHDRAWN})
    notify(_members([offer_row.request.asking_agency_id]), "help_withdrawn", actor=user, subject=offer_row.request.title,
           text=_("پیشنهاد کمک پس گرفته شد."), url=detail_url(offer_row.request))
    return offer_row


# --- Accepting --------------------------------------------------------------------------------------

def booking_window(help_request: HelpRequest, resource: Resource | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The time a resource is booked for the request: its day and hours (two hours from a start
    with no end); with no hours given, the resource's working hours that day (08:00–16:00 for a
    resource without hours)."""
    day = help_request.day
    if help_request.start_time:
        starts = inputs.tehran_datetime(day, help_request.start_time)
        if help_request.end_time:
            return starts, inputs.tehran_datetime(day, help_request.end_time)
        return starts, starts + dt.timedelta(hours=2)
    has_hours = resource is not None and resource.day_start is not None and resource.day_end is not None
    start, end = (resource.day_start, resource.day_end) if has_hours else (dt.time(8, 0), dt.time(16, 0))
    return inputs.tehran_datetime(day, start), inputs.tehran_datetime(day, end)


def resource_refusal(resource: Resource, help_request: HelpRequest) -> str:
    """Why `resource` cannot serve the request, in Persian ("" when it can): it is not of the kind
    asked for, it does not work on that day or at those hours, or it is booked then. Offering
    checks it, so a requester never accepts an offer whose booking is bound to fail."""
    from . import resources

    if help_request.need != Need.OTHER and resource.capability != help_request.need:
        return _("«%(resource)s» برای «%(capability)s» است و این درخواست «%(need)s» می‌خواهد.") % {
            "resource": resource.name, "capability": Need(resource.capability).label, "need": Need(help_request.need).label}
    starts, ends = booking_window(help_request, resource)
    try:
        resources.check_availability(resource, starts, ends)
        resources.check_free(resource, starts, ends)
    except CouncilError as error:
        return error.message
    return ""


def _book(user, offer_row: HelpOffer, help_request: HelpRequest) -> str:
    """Book the offered resource for the request's day and time (resources.book, which refuses
    overlaps and times outside the resource's hours); a Persian note of the outcome. A refused
    booking does not undo the acceptance: the asker sees why and books another time."""
    from . import resources

    resource = offer_row.resource
    if resource is None:
        return ""
    starts, ends = booking_window(help_request, resource)
    purpose = _("درخواست کمک: %(title)s") % {"title": help_request.title}
    try:
        with transaction.atomic():
            resources.book(user, resource, help_request.asking_agency_id, starts, ends, purpose[:300], help_request=help_request)
    except (CouncilError, PermissionDenied) as error:
        reason = getattr(error, "message", "") or " ".join(str(a) for a in error.args)
        return _("منبع «%(name)s» رزرو نشد: %(reason)s") % {"name": resource.name, "reason": reason}
    return _("منبع «%(name)s» برای این کار رزرو شد.") % {"name": resource.name}


@transaction.atomic
def accept_offer(user, offer_row: HelpOffer) -> HelpOffer:
    help_request = offer_row.request
    if not policy.can_accept_offer(user, help_request):
        raise PermissionDenied(_("فقط مدیر دستگاه درخواست‌کننده یا ثبت‌کنندهٔ درخواست می‌تواند پیشنهاد را بپذیرد."))
    _locked(help_request)
    offer_row = HelpOffer.objects.select_for_update(of=("self",)).select_related("resource").get(pk=offer_row.pk)
    if offer_row.status == O.ACCEPTED:
        raise CooperationError(_("این پیشنهاد پیش‌تر پذیرفته شده است (شاید در زبانهٔ دیگری)."), "offer")
    if help_request.status not in LIVE:
        raise CooperationError(_closed_message(help_request), "offer")
    if offer_row.status != O.OFFERED:
        raise CooperationError(
            _("این پیشنهاد پس گرفته شده است.") if offer_row.status == O.WITHDRAWN else _("این پیشنهاد دیگر باز نیست."), "offer"
        )
    now = timezone.now()
    offer_row.status, offer_row.responded_at = O.ACCEPTED, now
    offer_row.save(update_fields=["status", "responded_at"])
    before = help_request.status
    if help_request.status == R.OPEN:
        help_request.status = R.ARRANGED
        help_request.save(update_fields=["status", "updated_at"])
    audit.record(user, "help.offer_accepted", offer_row, agency_id=help_request.asking_agency_id,
                 council_id=help_request.council_id, object_repr=help_request.title,
                 before={"status": O.OFFERED, "request": before},
                 after={"status": O.ACCEPTED, "request": help_request.status, "agency": offer_row.agency_id})
    offer_row.request = help_request
    offer_row.booking_note = _book(user, offer_row, help_request)
    notify(_members([offer_row.agency_id]), "help_accepted", actor=user, subject=help_request.title,
           text=offer_row.booking_note, url=detail_url(help_request))
    return offer_row


def _close_remaining(help_request: HelpRequest, now: dt.datetime) -> int:
    """Waiting offers become not chosen; their agencies are told, with thanks."""
    waiting = HelpOffer.objects.filter(request=help_request, status=O.OFFERED)
    agencies = list(waiting.values_list("agency_id", flat=True))
    closed = waiting.update(status=O.NOT_CHOSEN, responded_at=now)
    if agencies:
        notify(_members(agencies), "help_closed", subject=help_request.title,
               text=_("پیشنهاد شما این بار به کار گرفته نشد؛ از همراهی‌تان سپاسگزاریم."), url=detail_url(help_request))
    return closed


@transaction.atomic
def close_offers(user, help_request: HelpRequest) -> int:
    """No more offers: the waiting ones become not chosen and the offers deadline is now."""
    if not policy.can_accept_offer(user, help_request):
        raise PermissionDenied(_("فقط مدیر دستگاه درخواست‌کننده یا ثبت‌کنندهٔ درخواست می‌تواند پیشنهادها را ببندد."))
    _locked(help_request)
    if help_request.status != R.ARRANGED:
        raise CooperationError(
            _("نخست دست‌کم یک پیشنهاد را بپذیرید.") if help_request.status == R.OPEN else _closed_message(help_request), "offer"
        )
    now = timezone.now()
    closed = _close_remaining(help_request, now)
    before = help_request.deadline
    if help_request.deadline > now:
        help_request.deadline = now
        help_request.save(update_fields=["deadline", "updated_at"])
    audit.record(user, "help.offers_closed", help_request, agency_id=help_request.asking_agency_id,
                 council_id=help_request.council_id, before={"deadline": before},
                 after={"deadline": help_request.deadline, "not_chosen": closed})
    return closed


# --- Delivery, the resulting item, the end of a request --------------------------------------------

def _manage(user, help_request: HelpRequest) -> None:
    if not policy.can_manage_help_request(user, help_request):
        raise PermissionDenied(_("فقط دستگاه درخواست‌کننده می‌تواند این کار را انجام دهد."))


@transaction.atomic
def record_delivery(user, offer_row: HelpOffer, note: str) -> HelpOffer:
    help_request = offer_row.request
    _manage(user, help_request)
    _locked(help_request)
    offer_row = HelpOffer.objects.select_for_update().get(pk=offer_row.pk)
    if offer_row.status != O.ACCEPTED:
        raise CooperationError(_("انجام کار را فقط برای پیشنهادهای پذیرفته‌شده می‌توان ثبت کرد."), "note")
    if help_request.status == R.CANCELLED:
        raise CooperationError(_closed_message(help_request), "note")
    note = _text(note, _("آنچه انجام شد"), "note", LIMITS["note"], required=True)
    before = {"delivered_note": offer_row.delivered_note}
    offer_row.delivered_note = note
    offer_row.delivered_at = offer_row.delivered_at or timezone.now()
    offer_row.save(update_fields=["delivered_note", "delivered_at"])
    audit.record(user, "help.delivery_recorded", offer_row, agency_id=help_request.asking_agency_id,
                 council_id=help_request.council_id, object_repr=help_request.title, before=before,
                 after={"delivered_note": note[:300], "agency": offer_row.agency_id})
    return offer_row


def item_belongs(help_request: HelpRequest, item) -> bool:
    from hamafza.newsroom.models import ItemAgency

    return item.lead_agency_id == help_request.asking_agency_id or ItemAgency.objects.filter(
        item=item, agency_id=help_request.asking_agency_id
    ).exclude(role=ItemAgency.Role.REPUBLISHED).exists()


@transaction.atomic
def link_item(user, help_request: HelpRequest, item) -> HelpRequest:
    _manage(user, help_request)
    _locked(help_request)
    if help_request.status in (R.CANCELLED, R.EXPIRED, R.OPEN):
        message = _("خبر حاصل را پس از پذیرفتن پیشنهاد پیوند دهید.") if help_request.status == R.OPEN else None
        raise CooperationError(message or _closed_message(help_request), "item")
    if item is not None and not (item_belongs(help_request, item) and policy.can_view_item(user, item)):
        raise CooperationError(_("این خبر از خبرهای دستگاه درخواست‌کننده نیست یا آن را نمی‌بینید."), "item")
    before = help_request.result_item_id
    help_request.result_item = item
    help_request.save(update_fields=["result_item", "updated_at"])
    audit.record(user, "help.item_linked" if item else "help.item_unlinked", help_request,
                 agency_id=help_request.asking_agency_id, council_id=help_request.council_id,
                 before={"item": before}, after={"item": getattr(item, "pk", None)})
    return help_request


@transaction.atomic
def mark_delivered(user, help_request: HelpRequest) -> HelpRequest:
    _manage(user, help_request)
    _locked(help_request)
    if help_request.status != R.ARRANGED:
        raise CooperationError(
            _("درخواستی که پیشنهاد پذیرفته‌شده ندارد انجام‌شده نمی‌شود.") if help_request.status == R.OPEN
            else _closed_message(help_request),
            "status",
        )
    now = timezone.now()
    closed = _close_remaining(help_request, now)
    help_request.status = R.DELIVERED
    help_request.save(update_fields=["status", "updated_at"])
    audit.record(user, "help.delivered", help_request, agency_id=help_request.asking_agency_id,
                 council_id=help_request.council_id, before={"status": R.ARRANGED},
                 after={"status": R.DELIVERED, "not_chosen": closed})
    return help_request


def _cancel_bookings(user, help_request: HelpRequest) -> None:
    """Free what was booked for the request, through the resources part's action when it exists."""
    try:
        from . import resources
    except ImportError:
        return
    func = getattr(resources, "cancel_booking", None)
    if not callable(func):
        return
    for booking in help_request.bookings.filter(status="confirmed").select_related("resource"):
        try:
            with transaction.atomic():
                func(user, booking)
        except (CooperationError, PermissionDenied):
            pass  # the other part's rules; the request is cancelled all the same


@transaction.atomic
def cancel(user, help_request: HelpRequest, reason: str = "") -> HelpRequest:
    if not policy.can_accept_offer(user, help_request):
        raise PermissionDenied(_("فقط مدیر دستگاه درخواست‌کننده یا ثبت‌کنندهٔ درخواست می‌تواند آن را لغو کند."))
    _locked(help_request)
    if help_request.status not in LIVE:
        raise CooperationError(_closed_message(help_request), "status")
    reason = _text(reason, _("دلیل لغو"), "reason", LIMITS["note"])
    now = timezone.now()
    accepted = list(HelpOffer.objects.filter(request=help_request, status=O.ACCEPTED).values_list("agency_id", flat=True))
    closed = _close_remaining(help_request, now)
    before = help_request.status
    help_request.status = R.CANCELLED
    help_request.save(update_fields=["status", "updated_at"])
    _cancel_bookings(user, help_request)
    audit.record(user, "help.cancelled", help_request, agency_id=help_request.asking_agency_id,
                 council_id=help_request.council_id, before={"status": before},
                 after={"status": R.CANCELLED, "reason": reason[:300], "not_chosen": closed})
    if accepted:
        notify(_members(accepted), "help_request", actor=user, subject=help_request.title,
               text=_("این درخواست لغو شد. %(reason)s") % {"reason": reason}, url=detail_url(help_request))
    return help_request


# --- Expiry (scheduler) -------------------------------------------------------------------------------

def expire_due(now: dt.datetime | None = None) -> int:
    """Open requests whose offers deadline passed with no accepted offer become expired."""
    now = now or timezone.now()
    count = 0
    for pk in HelpRequest.objects.filter(status=R.OPEN, deadline__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            help_request = HelpRequest.objects.select_for_update().filter(pk=pk, status=R.OPEN, deadline__lte=now).first()
            if help_request is None or help_request.offers.filter(status=O.ACCEPTED).exists():
                continue
            closed = _close_remaining(help_request, now)
            help_request.status = R.EXPIRED
            help_request.save(update_fields=["status", "updated_at"])
            audit.record(None, "help.expired", help_request, agency_id=help_request.asking_agency_id,
                         council_id=help_request.council_id, before={"status": R.OPEN},
                         after={"status": R.EXPIRED, "not_chosen": closed})
            notify(_asker_people(help_request), "coop_expired", subject=help_request.title,
                   text=_("مهلت پیشنهاد گذشت و پیشنهادی پذیرفته نشد."), url=detail_url(help_request))
            count += 1
    return count
