"""Who a person is (their roles, loaded once per request) and the item relations every rule
uses. See the package docstring for the rules themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import ItemAgency, NewsItem

__all__ = [
    "ANONYMOUS", "EDITABLE_BY_HEAD", "EDITABLE_BY_STAFF", "REVIEW_STATES", "Roles", "forget_roles", "pk_or_404",
    "roles_of",
]

S = NewsItem.Status
# States in which an item has been handed to the council: its secretariat and observers see it.
REVIEW_STATES = frozenset({S.SUBMITTED, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED})
EDITABLE_BY_STAFF = frozenset({S.DRAFT, S.RETURNED})
EDITABLE_BY_HEAD = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.SCHEDULED, S.PUBLISHED})


def pk_or_404(value) -> int:
    """An id as sent (a path, a form, a query): a whole number a column can hold, else 404 (2^63
    and 2^70 are not ids, and are simply not found). Sent as text, only ASCII digits: int() would
    also take «۱۲», « 12», «1_2» and «+12», which no link or form of ours writes."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise Http404
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    return pk


@dataclass(frozen=True)
class Roles:
    """What a person is, loaded once per request (two small queries)."""

    authenticated: bool
    superuser: bool
    agencies: dict[int, str]  # agency id → Membership.Role
    secretariat_councils: frozenset[int]
    observer_councils: frozenset[int]

    def member_of(self, agency_id: int) -> bool:
        return agency_id in self.agencies

    def head_of(self, agency_id: int) -> bool:
        return self.agencies.get(agency_id) == Membership.Role.HEAD

    @property
    def head_agencies(self) -> frozenset[int]:
        return frozenset(a for a, r in self.agencies.items() if r == Membership.Role.HEAD)

    @property
    def overseen_councils(self) -> frozenset[int]:
        return self.secretariat_councils | self.observer_councils

    @property
    def is_observer_only(self) -> bool:
        return not self.superuser and not self.agencies and not self.secretariat_councils and bool(
            self.observer_councils
        )

    def overseen_agencies(self) -> frozenset[int]:
        """Agencies sitting on a council where this person is secretariat or observer."""
        councils = get_registry().councils
        out: set[int] = set()
        for council_id in self.overseen_councils:
            info = councils.get(council_id)
            if info is not None:
                out.update(info.member_ids)
        return frozenset(out)


ANONYMOUS = Roles(False, False, {}, frozenset(), frozenset())


def roles_of(user) -> Roles:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_hamafza_roles", None)
    if cached is not None:
        return cached
    agencies = dict(Membership.objects.filter(user=user).values_list("agency_id", "role"))
    secretariat, observer = set(), set()
    for council_id, role in CouncilRole.objects.filter(user=user).values_list("council_id", "role"):
        (secretariat if role == CouncilRole.Role.SECRETARIAT else observer).add(council_id)
    roles = Roles(True, user.is_superuser, agencies, frozenset(secretariat), frozenset(observer))
    user._hamafza_roles = roles
    return roles


def forget_roles(user) -> None:
    """After a membership or council role changes during a request."""
    if hasattr(user, "_hamafza_roles"):
        del user._hamafza_roles


def _supporting_link(roles: Roles, item: NewsItem) -> ItemAgency | None:
    """The accepted supporting-agency link of one of the person's agencies, if any."""
    if not roles.agencies:
        return None
    links = [
        link for link in _item_links(item)
        if link.role == ItemAgency.Role.SUPPORTING and link.accepted_at is not None and link.agency_id in roles.agencies
    ]
    # Prefer a link that grants editing.
    links.sort(key=lambda link: not link.can_edit)
    return links[0] if links else None


def _item_links(item: NewsItem) -> list[ItemAgency]:
    cache = getattr(item, "_prefetched_objects_cache", {})
    if "item_agencies" in cache:
        return list(cache["item_agencies"])
    links = getattr(item, "_policy_links", None)
    if links is None:
        links = list(ItemAgency.objects.filter(item_id=item.pk))
        item._policy_links = links
    return links


def _is_own(roles: Roles, item: NewsItem) -> bool:
    return roles.member_of(item.lead_agency_id)


def _oversees(roles: Roles, item: NewsItem) -> bool:
    return bool(roles.overseen_councils) and item.lead_agency_id in roles.overseen_agencies()


def _wrote(user, item: NewsItem) -> bool:
    return item.created_by_id is not None and item.created_by_id == getattr(user, "pk", None)
