"""Every write of the shared-resource directory: add, change, retire (and delete an unused)
resource; book it and cancel a booking. Bad input raises CooperationError with a Persian message
before anything is saved; a person who may not do it gets PermissionDenied.

A booking is checked inside its transaction after the resource's row is locked
(`select_for_update()`; on SQLite the connection begins transactions IMMEDIATE, which serialises
writers), so two people booking the same slot at once cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.accounts.models import Membership
from hamafza.agencies.registry import get_registry
from hamafza.notifications import notify
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from .errors import CooperationError
from .models import Booking, Need, Resource

B = Booking.Status
FIELDS = ("kind", "capability", "name", "skills", "description", "weekdays", "day_start", "day_end", "contact")


def _gone() -> str:
    return _("این منبع دیگر به اشتراک گذاشته نمی‌شود.")


def jalali_weekday(day: dt.date) -> int:
    """Saturday = 0 … Friday = 6."""
    return (day.weekday() + 2) % 7


def _agency_id(agency) -> int:
    return getattr(agency, "pk", agency)


def _agency_name(agency_id: int) -> str:
    info = get_registry().agencies.get(agency_id)
    return info.short_name if info else ""


def _heads(agency_id: int) -> list[int]:
    return list(Membership.objects.filter(agency_id=agency_id, role=Membership.Role.HEAD).values_list("user_id", flat=True))


def resource_url(resource) -> str:
    return reverse("workspace:cooperation:resource_detail", args=[resource.pk])


def _hm(value: dt.time | dt.datetime) -> str:
    return to_persian_digits(value.strftime("%H:%M"))


# --- Resources -----------------------------------------------------------------------------------

def _clean(fields: dict) -> dict:
    data = {k: fields.get(k) for k in FIELDS}
    data["name"] = " ".join((data["name"] or "").split())
    if not data["name"]:
        raise CooperationError(_("نام منبع را وارد کنید."), "name")
    if len(data["name"]) > 200:
        raise CooperationError(_("نام منبع حداکثر ۲۰۰ نویسه است."), "name")
    if data["kind"] not in Resource.Kind.values:
        raise CooperationError(_("گونهٔ منبع را انتخاب کنید."), "kind")
    if data["capability"] not in Need.values:
        raise CooperationError(_("کاربرد منبع را انتخاب کنید."), "capability")
    for key, label, limit in (("skills", _("مهارت‌ها"), 300), ("contact", _("هماهنگی با"), 200),
                              ("description", _("توضیح"), 2000)):
        data[key] = (data[key] or "").strip()
        if len(data[key]) > limit:
            raise CooperationError(_("%(label)s حداکثر %(n)s نویسه است.") % {"label": label, "n": to_persian_digits(limit)}, key)
    try:
        days = sorted({int(d) for d in (data["weekdays"] or [])})
    except (TypeError, ValueError):
        raise CooperationError(_("روزهای در دسترس نامعتبر است."), "weekdays") from None
    if any(not 0 <= d <= 6 for d in days):
        raise CooperationError(_("روزهای در دسترس نامعتبر است."), "weekdays")
    if not days:
        raise CooperationError(_("دست‌کم یک روز از هفته را که منبع در دسترس است انتخاب کنید."), "weekdays")
    data["weekdays"] = days
    start, end = data["day_start"], data["day_end"]
    if (start is None) != (end is None):
        raise CooperationError(_("ساعت آغاز و پایان در دسترس بودن را با هم وارد کنید (یا هر دو را خالی بگذارید)."),
                               "day_start" if start is None else "day_end")
    if start is not None and end <= start:
        raise CooperationError(_("ساعت پایان در دسترس بودن باید پس از ساعت آغاز باشد."), "day_end")
    return data


def _snapshot(resource: Resource) -> dict:
    return {k: getattr(resource, k) for k in FIELDS}


def add_resource(user, agency, **fields) -> Resource:
    """Share a resource of `agency` (its staff or head)."""
    resource = Resource(agency_id=_agency_id(agency))
    if not policy.can_edit_resource(user, resource):
        raise PermissionDenied(_("فقط کارکنان همین دستگاه می‌توانند منبع آن را ثبت کنند."))
    data = _clean(fields)
    with transaction.atomic():
        for key, value in data.items():
            setattr(resource, key, value)
        resource.save()
        audit.record(user, "resource.added", resource, agency_id=resource.agency_id, after=data)
    return resource


def change_resource(user, resource: Resource, **fields) -> Resource:
    if not policy.can_edit_resource(user, resource):
        raise PermissionDenied(_("فقط دستگاه صاحب منبع می‌تواند آن را ویرایش کند."))
    data = _clean(fields)
    with transaction.atomic():
        resource = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if resource is None or resource.retired_at is not None:
            raise CooperationError(_gone())
        before = _snapshot(resource)
        for key, value in data.items():
            setattr(resource, key, value)
        resource.save()
        changed = {k for k in FIELDS if before[k] != data[k]}
        audit.record(user, "resource.changed", resource, agency_id=resource.agency_id,
                     before={k: before[k] for k in changed}, after={k: data[k] for k in changed})
    return resource


def retire_resource(user, resource: Resource) -> Resource:
    """Stop sharing: the resource stays (its bookings are history); its future bookings are
    cancelled and the booking agencies told."""
    if not policy.can_retire_resource(user, resource):
        raise PermissionDenied(_("فقط مدیر روابط عمومی دستگاه صاحب منبع می‌تواند آن را کنار بگذارد."))
    now = timezone.now()
    with transaction.atomic():
        resource = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if resource is None or resource.retired_at is not None:
            raise CooperationError(_("این منبع پیش از این کنار گذاشته شده است."))
        resource.retired_at = now
        resource.save(update_fields=["retired_at"])
        future = list(Booking.objects.filter(resource=resource, status=B.CONFIRMED, starts_at__gt=now))
        Booking.objects.filter(pk__in=[b.pk for b in future]).update(status=B.CANCELLED)
        audit.record(user, "resource.retired", resource, agency_id=resource.agency_id,
                     after={"cancelled_bookings": [b.pk for b in future]})
        for booking in future:
            audit.record(user, "booking.cancelled", booking, agency_id=booking.agency_id,
                         before={"status": B.CONFIRMED}, after={"status": B.CANCELLED, "reason": "resource.retired"})
            notify(_heads(booking.agency_id) + ([booking.created_by_id] if booking.created_by_id else []), "booking",
                   actor=user, subject=resource.name, url=resource_url(resource),
                   text=_("«%(resource)s» دیگر به اشتراک گذاشته نمی‌شود؛ رزرو %(when)s لغو شد.")
                   % {"resource": resource.name, "when": jalali.format_datetime(booking.starts_at)})
    return resource


def delete_resource(user, resource: Resource) -> None:
    """Remove a resource that was never booked (a mistake); one with bookings is only retired."""
    if not policy.can_retire_resource(user, resource):
        raise PermissionDenied(_("فقط مدیر روابط عمومی دستگاه صاحب منبع می‌تواند آن را حذف کند."))
    with transaction.atomic():
        locked = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if locked is None:
            return
        if locked.bookings.exists():
            raise CooperationError(_("این منبع رزرو داشته است و حذف نمی‌شود؛ آن را کنار بگذارید."))
        audit.record(user, "resource.deleted", locked, agency_id=locked.agency_id, before=_snapshot(locked))
        locked.delete()


# --- Bookings ------------------------------------------------------------------------------------

def check_availability(resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    """The resource's weekdays and daily hours (Tehran time)."""
    start, end = jalali.to_tehran(starts_at), jalali.to_tehran(ends_at)
    days = set(resource.weekdays or [])
    day = start.date()
    last = (end - dt.timedelta(microseconds=1)).date()
    while day <= last:
        if days and jalali_weekday(day) not in days:
            raise CooperationError(
                _("«%(resource)s» روزهای %(day)s در دسترس نیست؛ روزهای در دسترس: %(days)s.")
                % {"resource": resource.name, "day": jalali.WEEKDAYS[jalali_weekday(day)], "days": weekdays_text(days)},
                "day",
            )
        day += dt.timedelta(days=1)
    if resource.day_start is not None and resource.day_end is not None:
        if start.date() != last or start.time() < resource.day_start or end.time() > resource.day_end or (
            end.date() != start.date() and end.time() != dt.time(0)
        ):
            raise CooperationError(
                _("«%(resource)s» فقط از ساعت %(start)s تا %(end)s در دسترس است.")
                % {"resource": resource.name, "start": _hm(resource.day_start), "end": _hm(resource.day_end)},
                "start_time",
            )


def check_free(resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    """No confirmed booking of the resource overlaps the time (bookings that only touch are fine)."""
    clash = (
        Booking.objects.filter(resource=resource, status=B.CONFIRMED, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .order_by("starts_at").first()
    )
    if clash is not None:
        raise CooperationError(
            _("«%(resource)s» از %(start)s تا %(end)s برای «%(agency)s» رزرو شده است؛ زمان دیگری انتخاب کنید.")
            % {"resource": resource.name, "start": jalali.format_datetime(clash.starts_at),
               "end": _hm(jalali.to_tehran(clash.ends_at)), "agency": _agency_name(clash.agency_id)},
            "start_time",
        )


def weekdays_text(days: Iterable[int]) -> str:
    """«شنبه تا چهارشنبه»، «شنبه، دوشنبه»: runs of three days or more as a range."""
    days = sorted(set(days))
    if not days:
        return _("همهٔ روزها")
    if len(days) == 7:
        return _("همهٔ روزهای هفته")
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(_("%(first)s تا %(last)s") % {"first": jalali.WEEKDAYS[run[0]], "last": jalali.WEEKDAYS[run[-1]]})
        else:
            parts.extend(jalali.WEEKDAYS[d] for d in run)
    return "، ".join(parts)


@transaction.atomic
def book(user, resource, agency, starts_at: dt.datetime, ends_at: dt.datetime, purpose: str,
         help_request=None, *, now: dt.datetime | None = None) -> Booking:
    """Book `resource` for `agency` (the booker's agency) from `starts_at` to `ends_at`.

    `resource` may be a Resource or its id. Refused: a resource that is retired or no longer
    exists, an end not after the start, a start in the past, a time outside the resource's
    weekdays and hours, and an overlap with a confirmed booking of the same resource (checked
    with the resource's row locked). Bookings that only touch (one ends when the next starts)
    are fine. The owning agency's head is notified. `now` is the moment of booking (the demo
    writes past history with it); by default the present."""
    resource_id = getattr(resource, "pk", resource)
    locked = Resource.objects.select_for_update().filter(pk=resource_id).first()
    if locked is None or locked.retired_at is not None:
        raise CooperationError(_gone(), "resource")
    resource = locked
    agency_id = _agency_id(agency)
    if not policy.can_view_resource(user, resource) or agency_id not in policy.booking_agencies(user, resource):
        raise PermissionDenied(_("این منبع را برای این دستگاه نمی‌توانید رزرو کنید."))
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise CooperationError(_("بنویسید رزرو برای چه کاری است."), "purpose")
    if len(purpose) > 300:
        raise CooperationError(_("موضوع رزرو حداکثر ۳۰۰ نویسه است."), "purpose")
    if ends_at <= starts_at:
        raise CooperationError(_("پایان رزرو باید پس از آغاز آن باشد."), "end_time")
    if starts_at < (now or timezone.now()):
        raise CooperationError(
            _("زمان آغاز رزرو (%(when)s) گذشته است؛ زمانی در آینده انتخاب کنید.") % {"when": jalali.format_datetime(starts_at)},
            "start_time",
        )
    check_availability(resource, starts_at, ends_at)
    check_free(resource, starts_at, ends_at)
    booking = Booking.objects.create(
        resource=resource, agency_id=agency_id, help_request_id=getattr(help_request, "pk", help_request),
        starts_at=starts_at, ends_at=ends_at,
        purpose=purpose, created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.record(user, "booking.created", booking, agency_id=agency_id,
                 council_id=booking.help_request.council_id if booking.help_request_id else None,
                 after={"resource": resource.pk, "owner": resource.agency_id, "starts_at": starts_at, "ends_at": ends_at,
                        "purpose": purpose, "help_request": getattr(help_request, "pk", help_request)})
    if agency_id != resource.agency_id:
        notify(_heads(resource.agency_id), "booking", actor=user, subject=resource.name, url=resource_url(resource),
               text=_("«%(agency)s» «%(resource)s» را برای %(when)s تا %(end)s رزرو کرد: %(purpose)s")
               % {"agency": _agency_name(agency_id), "resource": resource.name, "when": jalali.format_datetime(starts_at),
                  "end": _hm(jalali.to_tehran(ends_at)), "purpose": purpose})
    return booking


def cancel_booking(user, booking: Booking, reason: str = "") -> Booking:
    """The booking agency, or the owning agency's head, cancels; the other side is told."""
    booking_id = getattr(booking, "pk", booking)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("resource").filter(pk=booking_id).first()
        if booking is None:
            raise CooperationError(_("این رزرو پیدا نشد."))
        if not policy.can_cancel_booking(user, booking):
            raise PermissionDenied(_("این رزرو را نمی‌توانید لغو کنید."))
        if booking.status != B.CONFIRMED:
            raise CooperationError(_("این رزرو پیش از این لغو شده است."))
        reason = (reason or "").strip()[:300]
        booking.status = B.CANCELLED
        booking.save(update_fields=["status"])
        audit.record(user, "booking.cancelled", booking, agency_id=booking.agency_id,
                     before={"status": B.CONFIRMED}, after={"status": B.CANCELLED, "reason": reason})
        resource = booking.resource
        roles = policy.roles_of(user)
        by_booker = roles.member_of(booking.agency_id)
        recipients = _heads(resource.agency_id) if by_booker else _heads(booking.agency_id) + (
            [booking.created_by_id] if booking.created_by_id else []
        )
        text = _("رزرو «%(resource)s» برای %(when)s لغو شد.") % {
            "resource": resource.name, "when": jalali.format_datetime(booking.starts_at)}
        if reason:
            text = f"{text} {reason}"
        if booking.agency_id != resource.agency_id:
            notify(recipients, "booking", actor=user, subject=resource.name, url=resource_url(resource), text=text)
    return booking
