"""The PR scorecard (hamafza.scorecard).

- The secretariat and observers of a council (and site admins) see every member agency's figures
  side by side, with scores, ranks and trends, and may open the records behind any figure.
- An agency's staff and head see their own agency's figures, score and trend beside the council's
  median — never another agency's figure, score or rank — and the records behind their own figures.
  A median is shown to an agency only where at least three agencies have a value (the median of
  two would give the other's figure away): hamafza.scorecard.scoring.Board.agency_median.
- The secretariat (and site admins) choose the scored criteria and their weights.
- Anyone else (another council's people, agencies not on the council) gets the answer a missing
  council gets.
"""

from __future__ import annotations

from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of

__all__ = [
    "access_scorecard_agency", "can_configure_scorecard", "can_see_whole_scorecard", "scorecard_agencies",
    "scorecard_councils",
]


def can_see_whole_scorecard(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils


def scorecard_agencies(user, council_id: int) -> list[int]:
    """The member agencies whose own figures this person may read on the council's scorecard."""
    info = get_registry().councils.get(council_id)
    if info is None:
        return []
    if can_see_whole_scorecard(user, council_id):
        return list(info.member_ids)
    roles = roles_of(user)
    return [a for a in info.member_ids if roles.member_of(a)]


def scorecard_councils(user) -> list[int]:
    """Councils with a scorecard this person may open (in registry order)."""
    return [c for c in get_registry().councils if scorecard_agencies(user, c)]


def can_configure_scorecard(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.secretariat_councils


def access_scorecard_agency(user, council_id: int, agency_id) -> int:
    """An agency id (as typed or tampered) whose records behind a figure the person may open;
    404 for any other, foreign or missing alike."""
    pk = pk_or_404(agency_id)
    if pk not in scorecard_agencies(user, council_id):
        raise Http404
    return pk
