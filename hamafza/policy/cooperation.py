"""Cooperation between agencies (hamafza.cooperation): co-publication requests, help requests and
offers, shared resources and bookings, the reciprocity record.

Co-publication (amplification) requests
- ask: staff or head of the item's lead agency, for an item it may see that is published or
  scheduled (republish) or a draft (support), only of agencies on the same council;
- see: the asking agency; each asked agency sees the request and its own target row only; the
  council's secretariat and observers see every request of their council;
- answer (accept / decline): only the asked agency's head;
- withdraw: the asking agency's head or the person who asked.
Help requests
- ask: staff or head of an agency of the council;
- see: a council-wide request is seen by every agency of the council; a private ("chosen") one
  only by the asking agency and the agencies it chose; secretariat and observers see all;
- offer: staff or head of an agency that sees the request and is not the asking agency;
- accept an offer, record delivery, link the resulting item, cancel: the asking agency (head or
  the person who asked, for accept; any of its staff for delivery and link).
Resources and bookings
- the directory: every agency of a council sees the resources of the council's agencies;
- add, change, retire: the owning agency's head (its staff may add and change, not retire);
- book: staff or head of any agency of a council the owner sits on;
- cancel a booking: the booking agency, or the owning agency's head.
Reciprocity record: the secretariat and observers (all agencies of the council), and each
agency's own row for its staff; a compact public section on agency pages.
Observers change nothing; a site admin may do everything.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of
from .council import can_oversee_council
from .items import can_view_item

__all__ = [
    "access_amplification", "access_help_request", "access_resource", "booking_agencies",
    "can_accept_offer", "can_answer_amplification", "can_book_resource", "can_cancel_booking",
    "can_edit_resource", "can_manage_help_request", "can_offer_help", "can_request_amplification",
    "can_retire_resource", "can_view_amplification", "can_view_help_request", "can_view_reciprocity",
    "can_view_resource", "can_withdraw_amplification", "can_work_in_council", "my_agencies_in_council",
    "offering_agencies", "reciprocity_agencies", "visible_help_requests", "visible_resource_agencies",
    "visible_targets",
]


def _council_members(council_id: int) -> frozenset[int]:
    info = get_registry().councils.get(council_id)
    return frozenset(info.member_ids) if info else frozenset()


def my_agencies_in_council(user, council_id: int) -> frozenset[int]:
    """The person's agencies that sit on the council."""
    return frozenset(roles_of(user).agencies) & _council_members(council_id)


def can_work_in_council(user, council_id: int) -> bool:
    """Ask for help, book resources: a member of one of the council's agencies (or an admin)."""
    roles = roles_of(user)
    return roles.superuser or bool(my_agencies_in_council(user, council_id))


# --- Co-publication requests ---------------------------------------------------------------------

def can_request_amplification(user, item) -> bool:
    roles = roles_of(user)
    if not (roles.superuser or roles.member_of(item.lead_agency_id)):
        return False
    return can_view_item(user, item)


def _oversees_request(user, request) -> bool:
    """The council's secretariat and observers see its requests — once they may see the item:
    a request to support a draft names the draft, which is private to its agencies."""
    return can_oversee_council(user, request.council_id) and can_view_item(user, request.item)


def can_view_amplification(user, request) -> bool:
    roles = roles_of(user)
    if roles.superuser or roles.member_of(request.asking_agency_id) or _oversees_request(user, request):
        return True
    return any(roles.member_of(t.agency_id) for t in request.targets.all())


def visible_targets(user, request):
    """The target rows the person may see: all of them for the asking agency and the overseers,
    only their own agency's row for an asked agency."""
    roles = roles_of(user)
    targets = list(request.targets.all())
    if roles.superuser or roles.member_of(request.asking_agency_id) or _oversees_request(user, request):
        return targets
    return [t for t in targets if roles.member_of(t.agency_id)]


def can_answer_amplification(user, target) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(target.agency_id)


def can_withdraw_amplification(user, request) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(request.asking_agency_id) or (
        request.created_by_id is not None and request.created_by_id == getattr(user, "pk", None)
        and roles.member_of(request.asking_agency_id)
    )


def access_amplification(user, request_id):
    from hamafza.cooperation.models import AmplificationRequest

    request = (
        AmplificationRequest.objects.select_related("item").prefetch_related("targets")
        .filter(pk=pk_or_404(request_id)).first()
    )
    if request is None or not can_view_amplification(user, request):
        raise Http404
    return request


# --- Help requests -------------------------------------------------------------------------------

def can_view_help_request(user, help_request) -> bool:
    roles = roles_of(user)
    if roles.superuser or roles.member_of(help_request.asking_agency_id):
        return True
    if can_oversee_council(user, help_request.council_id):
        return True
    mine = my_agencies_in_council(user, help_request.council_id)
    if not mine:
        return False
    if help_request.visibility == help_request.Visibility.COUNCIL:
        return True
    asked = {a.pk for a in help_request.asked_agencies.all()}
    return bool(asked & mine)


def visible_help_requests(user, council_id: int):
    from hamafza.cooperation.models import HelpRequest

    roles = roles_of(user)
    qs = HelpRequest.objects.filter(council_id=council_id)
    if roles.superuser or can_oversee_council(user, council_id):
        return qs
    mine = list(my_agencies_in_council(user, council_id))
    if not mine:
        return qs.none()
    asked = HelpRequest.asked_agencies.through.objects.filter(agency_id__in=mine).values("helprequest_id")
    return qs.filter(
        Q(asking_agency_id__in=mine) | Q(visibility=HelpRequest.Visibility.COUNCIL) | Q(pk__in=asked)
    )


def offering_agencies(user, help_request) -> list[int]:
    """The person's agencies that may offer help on the request."""
    roles = roles_of(user)
    if not can_view_help_request(user, help_request):
        return []
    mine = my_agencies_in_council(user, help_request.council_id) - {help_request.asking_agency_id}
    if help_request.visibility == help_request.Visibility.CHOSEN and not roles.superuser:
        mine &= {a.pk for a in help_request.asked_agencies.all()}
    return sorted(mine)


def can_offer_help(user, help_request) -> bool:
    return bool(offering_agencies(user, help_request))


def can_manage_help_request(user, help_request) -> bool:
    """Record delivery, link the resulting item, change the request: the asking agency."""
    roles = roles_of(user)
    return roles.superuser or roles.member_of(help_request.asking_agency_id)


def can_accept_offer(user, help_request) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(help_request.asking_agency_id) or (
        help_request.created_by_id is not None and help_request.created_by_id == getattr(user, "pk", None)
        and roles.member_of(help_request.asking_agency_id)
    )


def access_help_request(user, request_id):
    from hamafza.cooperation.models import HelpRequest

    help_request = HelpRequest.objects.prefetch_related("asked_agencies").filter(pk=pk_or_404(request_id)).first()
    if help_request is None or not can_view_help_request(user, help_request):
        raise Http404
    return help_request


# --- Resources and bookings ----------------------------------------------------------------------

def _shares_council(user, agency_id: int) -> bool:
    roles = roles_of(user)
    councils = get_registry().councils.values()
    return any(agency_id in c.member_ids and (set(c.member_ids) & set(roles.agencies)) for c in councils) or any(
        agency_id in c.member_ids for c in councils if c.id in roles.overseen_councils
    )


def can_view_resource(user, resource) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(resource.agency_id) or _shares_council(user, resource.agency_id)


def can_edit_resource(user, resource) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(resource.agency_id)


def can_retire_resource(user, resource) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(resource.agency_id)


def booking_agencies(user, resource) -> list[int]:
    """The person's agencies that may book the resource (any agency sharing a council with its owner)."""
    roles = roles_of(user)
    if roles.superuser:
        return [resource.agency_id]
    councils = [c for c in get_registry().councils.values() if resource.agency_id in c.member_ids]
    return sorted({a for c in councils for a in c.member_ids if roles.member_of(a)})


def can_book_resource(user, resource) -> bool:
    return resource.retired_at is None and bool(booking_agencies(user, resource))


def can_cancel_booking(user, booking) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(booking.agency_id) or roles.head_of(booking.resource.agency_id)


def access_resource(user, resource_id):
    from hamafza.cooperation.models import Resource

    resource = Resource.objects.filter(pk=pk_or_404(resource_id)).first()
    if resource is None or not can_view_resource(user, resource):
        raise Http404
    return resource


def visible_resource_agencies(user) -> frozenset[int] | None:
    """The agencies whose resources (and their bookings) the person sees: their own, every
    agency of a council one of theirs sits on, every agency of a council they oversee; None for
    a site admin (all). The same rule as can_view_resource, for lists and calendars."""
    roles = roles_of(user)
    if roles.superuser:
        return None
    out = set(roles.agencies)
    for council in get_registry().councils.values():
        members = set(council.member_ids)
        if council.id in roles.overseen_councils or members & set(roles.agencies):
            out |= members
    return frozenset(out)


# --- The reciprocity record ----------------------------------------------------------------------

def can_view_reciprocity(user, council_id: int) -> bool:
    """The whole council's record: the secretariat and observers."""
    return can_oversee_council(user, council_id)


def reciprocity_agencies(user, council_id: int) -> frozenset[int]:
    """The agencies whose rows the person may see: all for overseers, their own otherwise."""
    if can_oversee_council(user, council_id):
        return _council_members(council_id)
    return my_agencies_in_council(user, council_id)
