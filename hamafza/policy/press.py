"""The press office (hamafza.press): outlets, journalists, press lists, releases and invitations.

- Work on an agency's press list (add, edit, import, export, erase on request): that agency's staff
  and head, inside a council the agency sits on. Secretariat and observers see no personal data.
- See an outlet: the keeping agency; every agency of the council once it is `shared`.
- See a journalist (personal data): the owning agency, agencies it shares the contact with, and
  agencies a list holding the contact is shared with — always inside the same council.
- Use a list (send to it): the owning agency and the agencies it is shared with.
- Send a release of an item: staff and head of the item's lead agency, once the item is published,
  or while it is submitted or scheduled with an embargo; an embargo is set by whoever may schedule
  the item (its head: hamafza.newsroom's do_schedule asks again).
- Send an invitation to a calendar event: staff and head of an agency on the council.
- Release history and per-recipient status, revoking a preview link: the sending agency.
A site admin may do everything. A foreign or missing id answers 404 (never 403).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.persian.digits import read_int
from hamafza.press.models import Journalist, Outlet, PressList, Release

from .base import roles_of
from .items import can_approve

__all__ = [
    "access_journalist", "access_outlet", "access_press_list", "access_release", "can_embargo_release",
    "can_release_item", "can_work_on_press", "press_agencies", "press_councils", "usable_press_lists", "visible_journalists",
    "visible_outlets",
]

S = NewsItem.Status
RELEASABLE = frozenset({S.PUBLISHED, S.SUBMITTED, S.SCHEDULED})


def _members(council_id: int) -> tuple[int, ...]:
    info = get_registry().councils.get(council_id)
    return info.member_ids if info else ()


def press_agencies(user, council_id: int) -> list[int]:
    """Agencies of this council whose press list the person works on (admin: every one)."""
    roles = roles_of(user)
    members = _members(council_id)
    if roles.superuser:
        return list(members)
    return [a for a in members if roles.member_of(a)]


def press_councils(user) -> list[int]:
    """Councils on which the person works on some agency's press list."""
    return [c for c in get_registry().councils if press_agencies(user, c)]


def can_work_on_press(user, council_id: int, agency_id: int) -> bool:
    return agency_id in press_agencies(user, council_id)


def visible_outlets(user, council_id: int, agency_id: int):
    """Outlets this agency may use on this council: its own and the council's shared ones."""
    if not can_work_on_press(user, council_id, agency_id):
        return Outlet.objects.none()
    return Outlet.objects.filter(Q(agency_id=agency_id) | Q(shared=True, agency_id__in=_members(council_id)),
                                 council_id=council_id)


def visible_journalists(user, council_id: int, agency_id: int):
    """Journalists whose personal data this agency may see on this council."""
    if not can_work_on_press(user, council_id, agency_id):
        return Journalist.objects.none()
    shared_lists = PressList.objects.filter(council_id=council_id, shared_with=agency_id)
    return Journalist.objects.filter(
        Q(agency_id=agency_id) | Q(shared_with=agency_id) | Q(lists__in=shared_lists), council_id=council_id,
    ).distinct()


def usable_press_lists(user, council_id: int, agency_id: int):
    if not can_work_on_press(user, council_id, agency_id):
        return PressList.objects.none()
    return PressList.objects.filter(Q(agency_id=agency_id) | Q(shared_with=agency_id), council_id=council_id).distinct()


def _pk(raw) -> int:
    pk = read_int(raw)
    if pk is None:
        raise Http404
    return pk


def _one(qs, raw_id):
    found = qs.filter(pk=_pk(raw_id)).first()
    if found is None:
        raise Http404
    return found


def access_outlet(user, council_id: int, agency_id: int, outlet_id, for_write: bool = False) -> Outlet:
    """An outlet the agency may use (for_write: one it keeps), else 404."""
    qs = visible_outlets(user, council_id, agency_id)
    return _one(qs.filter(agency_id=agency_id) if for_write else qs, outlet_id)


def access_journalist(user, council_id: int, agency_id: int, journalist_id, for_write: bool = False) -> Journalist:
    """A journalist the agency may see (for_write: one it owns), else 404."""
    qs = visible_journalists(user, council_id, agency_id)
    if for_write:
        qs = Journalist.objects.filter(council_id=council_id, agency_id=agency_id) if can_work_on_press(
            user, council_id, agency_id) else Journalist.objects.none()
    return _one(qs.select_related("outlet"), journalist_id)


def access_press_list(user, council_id: int, agency_id: int, list_id, for_write: bool = False) -> PressList:
    qs = usable_press_lists(user, council_id, agency_id)
    return _one(qs.filter(agency_id=agency_id) if for_write else qs, list_id)


def access_release(user, council_id: int, agency_id: int, release_id) -> Release:
    if not can_work_on_press(user, council_id, agency_id):
        raise Http404
    return _one(Release.objects.filter(council_id=council_id, agency_id=agency_id), release_id)


def can_release_item(user, item: NewsItem) -> bool:
    """Send a press release of this item (from its lead agency)."""
    roles = roles_of(user)
    if item.status not in RELEASABLE:
        return False
    return roles.superuser or roles.member_of(item.lead_agency_id)


def can_embargo_release(user, item: NewsItem) -> bool:
    """Hold the item until the embargo: whoever may schedule it (newsroom.do_schedule's rule)."""
    roles = roles_of(user)
    if item.status == S.SUBMITTED:
        return can_approve(user, item)
    if item.status == S.SCHEDULED:
        return roles.superuser or roles.head_of(item.lead_agency_id)
    return False
