"""Coverage monitoring (hamafza.coverage): who sees where the council's news was carried, who
keeps an outlet's feed, who confirms or rejects a borderline match.

- coverage of an agency's items: its staff and head, and the council's secretariat and observers;
- the morning bulletin of a council: anyone working in it (staff of a member agency, secretariat,
  observers);
- an outlet's feed: the staff and head of the agency that keeps the outlet (press.Outlet.agency);
- confirm / reject a borderline match: the staff and head of the item's lead agency;
- keyword alerts: a member of the agency the alert is kept for.
Observers change nothing. A site admin may do everything.
"""

from __future__ import annotations

from hamafza.agencies.registry import get_registry

from .base import roles_of

__all__ = [
    "can_keep_alert", "can_manage_feed", "can_review_coverage", "can_view_bulletin", "can_view_coverage",
    "can_view_item_coverage", "coverage_agencies", "feed_agencies",
]


def _members(council_id: int) -> frozenset[int]:
    info = get_registry().councils.get(council_id)
    return frozenset(info.member_ids) if info is not None else frozenset()


def coverage_agencies(user, council_id: int) -> frozenset[int]:
    """The council's agencies whose coverage this person may see."""
    roles = roles_of(user)
    members = _members(council_id)
    if roles.superuser or council_id in roles.overseen_councils:
        return members
    return members & frozenset(roles.agencies)


def can_view_coverage(user, council_id: int, agency_id: int) -> bool:
    return agency_id in coverage_agencies(user, council_id)


def can_view_item_coverage(user, item) -> bool:
    """Where an item was carried: its lead agency, and the overseers of a council it sits on."""
    roles = roles_of(user)
    return roles.superuser or roles.member_of(item.lead_agency_id) or item.lead_agency_id in roles.overseen_agencies()


def can_view_bulletin(user, council_id: int) -> bool:
    return bool(coverage_agencies(user, council_id))


def feed_agencies(user, council_id: int) -> frozenset[int]:
    """The council's agencies whose outlets' feeds this person keeps."""
    roles = roles_of(user)
    members = _members(council_id)
    if roles.superuser:
        return members
    return members & frozenset(roles.agencies)


def can_manage_feed(user, outlet) -> bool:
    return outlet.agency_id in feed_agencies(user, outlet.council_id)


def can_review_coverage(user, coverage) -> bool:
    roles = roles_of(user)
    if coverage.agency_id not in _members(coverage.council_id):
        return False
    return roles.superuser or roles.member_of(coverage.agency_id)


def can_keep_alert(user, council_id: int, agency_id: int) -> bool:
    return agency_id in feed_agencies(user, council_id)
