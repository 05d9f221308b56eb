"""The audit log, notifications and staff API tokens."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of
from .cooperation import visible_resource_agencies
from .items import visible_items

__all__ = [
    "access_api_token", "audit_councils_scope", "can_view_audit", "visible_audit_events",
]


# --- Audit log, notifications, API tokens (workflow) ---------------------------------------------

def can_view_audit(user) -> bool:
    """The audit log is read by the council secretariat, observers and site admins."""
    roles = roles_of(user)
    return roles.superuser or bool(roles.overseen_councils)


def audit_councils_scope(council_ids) -> Q:
    """The entries of these councils: those written with one of them as their council, and the
    agency-wide ones (no council: an agency's items, people, settings, resources) of their
    member agencies. An entry of another council never matches, whoever its agency is."""
    members: set[int] = set()
    councils = get_registry().councils
    for council_id in council_ids:
        info = councils.get(council_id)
        if info is not None:
            members.update(info.member_ids)
    return Q(council_id__in=list(council_ids)) | Q(council_id__isnull=True, agency_id__in=list(members))


def _visible_subjects():
    """Kinds of audited objects whose entries a person reads only while they may see the object
    itself now (its title or name is in the entry): object_type → the ids they may see, as a
    subquery. Cooperation objects belong to one council: the overseers of that council."""
    from hamafza.cooperation.models import (
        AmplificationRequest, AmplificationTarget, Booking, HelpOffer, HelpRequest, Resource,
    )

    def overseen(user) -> list[int]:
        return list(roles_of(user).overseen_councils)

    def resource_agencies(user) -> list[int]:
        return list(visible_resource_agencies(user) or ())

    return {
        "newsroom.newsitem": lambda user: visible_items(user).values("pk"),
        "cooperation.helprequest": lambda user: HelpRequest.objects.filter(council_id__in=overseen(user)).values("pk"),
        "cooperation.helpoffer": lambda user: HelpOffer.objects.filter(request__council_id__in=overseen(user)).values("pk"),
        "cooperation.amplificationrequest": lambda user: AmplificationRequest.objects.filter(
            council_id__in=overseen(user)).values("pk"),
        "cooperation.amplificationtarget": lambda user: AmplificationTarget.objects.filter(
            request__council_id__in=overseen(user)).values("pk"),
        "cooperation.resource": lambda user: Resource.objects.filter(agency_id__in=resource_agencies(user)).values("pk"),
        "cooperation.booking": lambda user: Booking.objects.filter(
            resource__agency_id__in=resource_agencies(user)).values("pk"),
    }


def visible_audit_events(user):
    """The entries a person may read (all, for a site admin). Three rules, each closing a way an
    entry could say more than the person may know:
    - per council: the entries of the councils they oversee (audit_councils_scope);
    - by stage: an entry written while its subject was private to its agencies (agency_only, set
      by the subject's registration in hamafza.audit) only for people of the entry's agency;
    - by the subject now: an entry about an item only while the person may see that item."""
    from hamafza.audit.models import AuditEvent

    roles = roles_of(user)
    events = AuditEvent.objects.all()
    if roles.superuser:
        return events
    if not can_view_audit(user):
        return events.none()
    events = events.filter(audit_councils_scope(roles.overseen_councils))
    events = events.exclude(Q(agency_only=True) & ~Q(agency_id__in=list(roles.agencies)))
    for object_type, visible_ids in _visible_subjects().items():
        events = events.exclude(Q(object_type=object_type) & ~Q(object_id__in=visible_ids(user)))
    return events


def access_api_token(user, token_id):
    """One of the person's own API tokens (404 for anyone else's)."""
    from hamafza.apitokens.models import ApiToken

    pk = pk_or_404(token_id)
    token = ApiToken.objects.filter(pk=pk, user_id=getattr(user, "pk", None)).first()
    if token is None:
        raise Http404
    return token
