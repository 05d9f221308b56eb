"""Reads of the cooperation hub: what waits for a person in one council. Each selector is one
query (with its select_related), limited, and asks hamafza.policy what the person may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from hamafza import policy
from hamafza.agencies.registry import get_registry

from .models import AmplificationRequest, AmplificationTarget, Booking, HelpOffer, HelpRequest

LIMIT = 8
BOOKING_DAYS = 30


def requests_to_answer(user, council_id: int, now: dt.datetime | None = None) -> list[AmplificationTarget]:
    """Co-publication requests asked of the person's agencies, still open (pending, before the
    deadline), the nearest deadline first. Each row carries `can_answer` (only a head answers)."""
    now = now or timezone.now()
    mine = policy.my_agencies_in_council(user, council_id)
    if not mine:
        return []
    rows = list(
        AmplificationTarget.objects.filter(
            agency_id__in=mine, status=AmplificationTarget.Status.PENDING,
            request__council_id=council_id, request__deadline__gte=now,
        ).select_related("request", "request__item").order_by("request__deadline", "id")[:LIMIT]
    )
    for row in rows:
        row.can_answer = policy.can_answer_amplification(user, row)
    return rows


def my_requests_waiting(user, council_id: int, now: dt.datetime | None = None) -> list[AmplificationRequest]:
    """The person's agencies' own co-publication requests that still wait for an answer."""
    now = now or timezone.now()
    mine = policy.my_agencies_in_council(user, council_id)
    if not mine:
        return []
    waiting = AmplificationTarget.objects.filter(request=OuterRef("pk"), status=AmplificationTarget.Status.PENDING)
    return list(
        AmplificationRequest.objects.filter(
            council_id=council_id, asking_agency_id__in=mine, deadline__gte=now,
        ).filter(Exists(waiting)).select_related("item").prefetch_related("targets").order_by("deadline", "id")[:LIMIT]
    )


def help_to_offer(user, council_id: int, now: dt.datetime | None = None) -> list[HelpRequest]:
    """Open help requests the person sees, of other agencies, before their deadline, that none of
    the person's agencies has offered on yet. For the secretariat and observers (no agency of
    their own): every open help request of the council."""
    now = now or timezone.now()
    mine = policy.my_agencies_in_council(user, council_id)
    qs = policy.visible_help_requests(user, council_id).filter(status=HelpRequest.Status.OPEN, deadline__gte=now)
    if mine:
        offered = HelpOffer.objects.filter(request=OuterRef("pk"), agency_id__in=mine)
        qs = qs.exclude(asking_agency_id__in=mine).exclude(Exists(offered))
    return list(qs.order_by("deadline", "id")[:LIMIT])


def offers_to_answer(user, council_id: int) -> list[HelpOffer]:
    """Offers made on the person's agencies' open help requests, not yet accepted or declined."""
    mine = policy.my_agencies_in_council(user, council_id)
    if not mine:
        return []
    return list(
        HelpOffer.objects.filter(
            status=HelpOffer.Status.OFFERED, request__council_id=council_id,
            request__asking_agency_id__in=mine, request__status=HelpRequest.Status.OPEN,
        ).select_related("request", "resource").order_by("request__day", "id")[:LIMIT]
    )


def upcoming_bookings(user, council_id: int, now: dt.datetime | None = None) -> list[Booking]:
    """Confirmed bookings of the next thirty days: those the person's agencies made and those of
    their resources; for the secretariat and observers, every booking between the council's agencies."""
    now = now or timezone.now()
    mine = policy.my_agencies_in_council(user, council_id)
    qs = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, ends_at__gte=now, starts_at__lt=now + dt.timedelta(days=BOOKING_DAYS),
    )
    if mine:
        qs = qs.filter(Q(agency_id__in=mine) | Q(resource__agency_id__in=mine))
    elif policy.can_oversee_council(user, council_id):
        info = get_registry().councils.get(council_id)
        members = list(info.member_ids) if info else []
        # Both sides on this council: a booking between a shared agency and an agency of another
        # council only is that other council's business.
        qs = qs.filter(agency_id__in=members, resource__agency_id__in=members)
    else:
        return []
    return list(qs.select_related("resource").order_by("starts_at", "id")[:LIMIT])
