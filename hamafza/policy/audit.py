"""The audit log, notifications and staff API tokens."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from .base import roles_of

__all__ = [
    "DRAFT_STAGE_EVENTS", "access_api_token", "can_view_audit", "visible_audit_events",
]


# --- Audit log, notifications, API tokens (workflow) ---------------------------------------------

def can_view_audit(user) -> bool:
    """The audit log is read by the council secretariat, observers and site admins."""
    roles = roles_of(user)
    return roles.superuser or bool(roles.overseen_councils)


def visible_audit_events(user):
    """The events of the agencies and councils this person oversees (all, for a site admin)."""
    from hamafza.audit.models import AuditEvent

    roles = roles_of(user)
    events = AuditEvent.objects.all()
    if roles.superuser:
        return events
    if not can_view_audit(user):
        return events.none()
    councils = list(roles.overseen_councils)
    # Drafts are private to their agency: the council sees an item's events from its submission on.
    return events.filter(Q(agency_id__in=list(roles.overseen_agencies())) | Q(council_id__in=councils)).exclude(
        action__in=DRAFT_STAGE_EVENTS
    )


DRAFT_STAGE_EVENTS = ("item.created", "item.saved", "item.restored", "item.commented", "item.lock_taken_over")


def access_api_token(user, token_id):
    """One of the person's own API tokens (404 for anyone else's)."""
    from hamafza.apitokens.models import ApiToken

    try:
        pk = int(token_id)
    except (TypeError, ValueError):
        raise Http404 from None
    token = ApiToken.objects.filter(pk=pk, user_id=getattr(user, "pk", None)).first() if 0 < pk < 2**63 else None
    if token is None:
        raise Http404
    return token
