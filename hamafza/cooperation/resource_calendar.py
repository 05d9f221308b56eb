"""Bookings on the shared Jalali calendar: the `booking` source of hamafza.council.calendar (the
council's calendar shows them next to programs and meetings) and the events of one resource's own
booking calendar. One query each; only bookings of resources the person may see
(policy.visible_resource_agencies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hamafza import policy
from hamafza.council import calendar
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from .models import Booking

LABEL = _("رزرو منابع")
UNTIL = _("تا %(end)s · %(purpose)s")


def _url_maker():
    prefix = reverse("workspace:cooperation:resource_detail", args=[987654321]).split("987654321")
    return lambda pk: f"{prefix[0]}{pk}{prefix[1]}"


def _events(rows, url, named: bool = True) -> Iterable[calendar.Event]:
    """`named`: the title starts with the resource's name (the council calendar); a resource's
    own calendar shows the end time and the purpose (the start is the event's time)."""
    for pk, resource_id, name, purpose, starts_at, ends_at, agency_id in rows:
        local = jalali.to_tehran(starts_at)
        minutes = max(1, int((ends_at - starts_at).total_seconds() // 60))
        end = to_persian_digits(jalali.to_tehran(ends_at).strftime("%H:%M"))
        title = f"{name} · {purpose}" if named else UNTIL % {"purpose": purpose, "end": end}
        yield calendar.Event(
            "booking", f"booking-{pk}", title, local.date(), local.time().replace(second=0, microsecond=0),
            minutes, agency_id, url(resource_id), "", "confirmed", "",
        )


_COLUMNS = ("id", "resource_id", "resource__name", "purpose", "starts_at", "ends_at", "agency_id")


def fetch_bookings(query: calendar.Query) -> Iterable[calendar.Event]:
    """The `booking` source: confirmed bookings that start in the query's days."""
    owners = policy.visible_resource_agencies(query.user)
    qs = Booking.objects.filter(status=Booking.Status.CONFIRMED, starts_at__gte=query.since, starts_at__lt=query.until)
    if owners is not None:
        if not owners:
            return []
        qs = qs.filter(resource__agency_id__in=owners)
    if query.agency_ids is not None:
        qs = qs.filter(Q(agency_id__in=query.agency_ids) | Q(resource__agency_id__in=query.agency_ids))
    return list(_events(qs.order_by("starts_at").values_list(*_COLUMNS), _url_maker()))


def resource_events(resource, start: dt.date, end: dt.date) -> list[calendar.Event]:
    """One resource's confirmed bookings in [start, end] (the caller has checked it may see it)."""
    since, until = jalali.day_bounds(start)[0], jalali.day_bounds(end)[1]
    qs = Booking.objects.filter(resource=resource, status=Booking.Status.CONFIRMED, starts_at__gte=since,
                                starts_at__lt=until).order_by("starts_at")
    return list(_events(qs.values_list(*_COLUMNS), _url_maker(), named=False))


def register() -> None:
    calendar.register_source("booking", LABEL, fetch_bookings)
