"""Live events, their updates and the status board (hamafza.live).

- Open a live event: the council's secretariat, or the head of an agency sitting on the council.
- Manage it (title, period, agencies, channels, the pinned summary): the secretariat, or the head
  of a participating agency.
- Let an agency's staff publish directly during the event: that agency's head (or the
  secretariat); the setting is per event and per agency.
- Post an update: staff and head of a participating agency, until the event ends. It is
  published at once for a head (the fast path) or for staff of an agency allowed to publish
  directly; otherwise it waits for the agency's head.
- Publish, correct, withdraw an update: the head of its agency and the secretariat; its author
  too while their agency publishes directly.
- See an update: a published one, everyone on the council's portal; a pending or withdrawn one,
  its agency and the council's secretariat and observers — never another council.
- Change a board entity's status: its keeping agency (staff and head) and the secretariat; add
  entities to the board: the secretariat.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of
from .council import can_view_council

__all__ = [
    "access_entity", "access_live_event", "access_live_update", "can_correct_update", "can_manage_board",
    "can_manage_live_event", "can_open_live_event", "can_post_update", "can_publish_directly", "can_publish_update",
    "can_set_direct_publishing", "can_set_status", "can_view_update", "live_agencies_of", "open_event_councils",
]


def _member_ids(council_id: int) -> tuple[int, ...]:
    info = get_registry().councils.get(council_id)
    return info.member_ids if info else ()



def _participants(event) -> frozenset[int]:
    cached = getattr(event, "_policy_agencies", None)
    if cached is None:
        cached = frozenset(event.agencies.values_list("pk", flat=True))
        event._policy_agencies = cached
    return cached


def _direct(event) -> frozenset[int]:
    cached = getattr(event, "_policy_direct", None)
    if cached is None:
        cached = frozenset(event.direct_agencies.values_list("pk", flat=True))
        event._policy_direct = cached
    return cached


def can_open_live_event(user, council_id: int) -> bool:
    roles = roles_of(user)
    if roles.superuser or council_id in roles.secretariat_councils:
        return True
    return bool(roles.head_agencies & set(_member_ids(council_id)))


def open_event_councils(user) -> list[int]:
    """Councils where this person may open a live event."""
    return [c for c in get_registry().councils if can_open_live_event(user, c)]


def can_manage_live_event(user, event) -> bool:
    roles = roles_of(user)
    if roles.superuser or event.council_id in roles.secretariat_councils:
        return True
    return bool(roles.head_agencies & _participants(event))


def can_set_direct_publishing(user, event, agency_id: int) -> bool:
    roles = roles_of(user)
    if agency_id not in _participants(event):
        return False
    return roles.superuser or event.council_id in roles.secretariat_councils or roles.head_of(agency_id)


def live_agencies_of(user, event) -> list[int]:
    """The participating agencies in whose name this person may post to the event."""
    roles = roles_of(user)
    return sorted(a for a in _participants(event) if roles.member_of(a))


def can_post_update(user, event, agency_id: int, now=None) -> bool:
    now = now or timezone.now()
    return event.ends_at >= now and agency_id in _participants(event) and roles_of(user).member_of(agency_id)


def can_publish_directly(user, event, agency_id: int, now=None) -> bool:
    """An update posted now in this agency's name goes out at once: its head (the fast path), or
    its staff while the agency publishes directly in this event."""
    roles = roles_of(user)
    if not can_post_update(user, event, agency_id, now):
        return False
    return roles.head_of(agency_id) or (agency_id in _direct(event) and event.starts_at <= (now or timezone.now()))


def can_publish_update(user, update) -> bool:
    from hamafza.live.models import LiveUpdate

    if update.status != LiveUpdate.Status.PENDING:
        return False
    roles = roles_of(user)
    return (roles.superuser or roles.head_of(update.agency_id)
            or update.event.council_id in roles.secretariat_councils)


def can_correct_update(user, update) -> bool:
    """Correct or withdraw a published (or pending) update."""
    from hamafza.live.models import LiveUpdate

    if update.status == LiveUpdate.Status.WITHDRAWN:
        return False
    roles = roles_of(user)
    if roles.superuser or roles.head_of(update.agency_id) or update.event.council_id in roles.secretariat_councils:
        return True
    own = update.author_id is not None and update.author_id == getattr(user, "pk", None)
    return own and roles.member_of(update.agency_id) and (
        update.status == LiveUpdate.Status.PENDING or update.agency_id in _direct(update.event)
    )


def can_view_update(user, update) -> bool:
    from hamafza.live.models import LiveUpdate

    if update.status == LiveUpdate.Status.PUBLISHED:
        return True
    roles = roles_of(user)
    return roles.superuser or roles.member_of(update.agency_id) or update.event.council_id in roles.overseen_councils


def can_manage_board(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.secretariat_councils


def can_set_status(user, entity) -> bool:
    roles = roles_of(user)
    return roles.member_of(entity.agency_id) or can_manage_board(user, entity.council_id)


def access_live_event(user, event_id, for_write: bool = False):
    """404 unless the person works in the event's council; 403 for writing without managing it."""
    from hamafza.live.models import LiveEvent

    event = LiveEvent.objects.filter(pk=pk_or_404(event_id)).first()
    if event is None or not can_view_council(user, event.council_id):
        raise Http404
    if for_write and not can_manage_live_event(user, event):
        raise PermissionDenied
    return event


def access_live_update(user, update_id, for_write: bool = False):
    from hamafza.live.models import LiveUpdate

    update = LiveUpdate.objects.select_related("event").filter(pk=pk_or_404(update_id)).first()
    if update is None or not can_view_council(user, update.event.council_id) or not can_view_update(user, update):
        raise Http404
    if for_write and not can_correct_update(user, update):
        raise PermissionDenied
    return update


def access_entity(user, entity_id, for_write: bool = False):
    from hamafza.live.models import BoardEntity

    entity = BoardEntity.objects.filter(pk=pk_or_404(entity_id)).first()
    if entity is None or not can_view_council(user, entity.council_id):
        raise Http404
    if for_write and not can_set_status(user, entity):
        raise PermissionDenied
    return entity
