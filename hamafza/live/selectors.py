"""Public reads of live events and the status board (a council's portal), and the staff lists."""

from __future__ import annotations

from itertools import groupby

from django.utils import timezone

from .models import BoardChange, BoardEntity, LiveEvent, LiveUpdate

PAGE_UPDATES = 60


def public_event(council_id: int, event_id: int) -> LiveEvent | None:
    return LiveEvent.objects.filter(pk=event_id, council_id=council_id).first()


def current_events(council_id: int, now=None) -> list[LiveEvent]:
    """Events running now, then those of the last days (the portal's live index)."""
    now = now or timezone.now()
    return list(LiveEvent.objects.filter(council_id=council_id, ends_at__gte=now - timezone.timedelta(days=7),
                                         starts_at__lte=now + timezone.timedelta(days=2))[:20])


def published_updates(event: LiveEvent, limit: int = PAGE_UPDATES) -> list[LiveUpdate]:
    return list(
        LiveUpdate.objects.filter(event=event, status=LiveUpdate.Status.PUBLISHED)
        .select_related("image").order_by("-published_at", "-id")[:limit]
    )


def board(council_id: int) -> list[tuple[str, list[BoardEntity]]]:
    """The board's entities grouped by kind, in the kinds' order."""
    order = {k: n for n, k in enumerate(BoardEntity.Kind.values)}
    rows = sorted(BoardEntity.objects.filter(council_id=council_id), key=lambda e: (order[e.kind], e.order, e.pk))
    return [(kind, list(group)) for kind, group in groupby(rows, key=lambda e: e.kind)]


def board_entities(council_id: int) -> list[BoardEntity]:
    return [e for _kind, group in board(council_id) for e in group]


def history(entity: BoardEntity, limit: int = 30) -> list[BoardChange]:
    return list(BoardChange.objects.filter(entity=entity).select_related("by")[:limit])


def recent_changes(council_id: int, limit: int = 50) -> list[BoardChange]:
    return list(BoardChange.objects.filter(entity__council_id=council_id).select_related("entity")[:limit])


def staff_updates(event: LiveEvent, agency_ids, overseer: bool, limit: int = 100) -> list[LiveUpdate]:
    """Every update of the event the person may see: published ones, and their agencies' pending
    and withdrawn ones (all of them for the secretariat and observers)."""
    rows = LiveUpdate.objects.filter(event=event).select_related("author", "image")
    if not overseer:
        from django.db.models import Q

        rows = rows.filter(Q(status=LiveUpdate.Status.PUBLISHED) | Q(agency_id__in=list(agency_ids)))
    return list(rows.order_by("-created_at", "-id")[:limit])
