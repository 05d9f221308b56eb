"""The one place that answers "may this person do this to that object?".

Every view, API endpoint, export and media URL of an unpublished item asks here; nobody reads a
guarded item with `objects.get` directly. Views use the `access_*` helpers: 404 for an item the
person may not see (the same answer as for a missing one), 403 for one they may only read.

Who sees a news item:
- a published item: everyone, signed in or not;
- its lead agency's staff and head: always;
- a supporting agency's staff and head: once that agency has accepted (ItemAgency.accepted_at);
- the secretariat and observers of a council the lead agency sits on: once it has been submitted
  (submitted, scheduled, published, unpublished — not a draft, nor one returned for changes);
- a site admin (is_superuser): everything.

Who changes it (observers never change anything; secretariat and observers only read items):
- edit: lead-agency staff while it is a draft or returned; the lead head also while it is
  submitted or scheduled, and a published item (a correction); a supporting agency that accepted
  and was granted editing, while it is a draft or returned;
- submit: lead-agency staff or head, from draft or returned;
- approve / return / publish: the lead agency's head, on a submitted item — but not one they wrote
  unless the agency allows self-approval; publish also a scheduled (now) or unpublished item;
- unpublish: the lead head, on a published or scheduled item;
- revisions and comments: the lead agency and accepted supporting agencies.
A site admin may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import ItemAgency, NewsItem

S = NewsItem.Status
# States in which an item has been handed to the council: its secretariat and observers see it.
REVIEW_STATES = frozenset({S.SUBMITTED, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED})
EDITABLE_BY_STAFF = frozenset({S.DRAFT, S.RETURNED})
EDITABLE_BY_HEAD = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.SCHEDULED, S.PUBLISHED})


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


# --- Items: questions ----------------------------------------------------------------------------

def can_view_item(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if item.is_public or roles.superuser:
        return True
    if not roles.authenticated:
        return False
    if _is_own(roles, item) or _supporting_link(roles, item) is not None:
        return True
    return item.status in REVIEW_STATES and _oversees(roles, item)


def can_edit_item(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if not roles.authenticated:
        return False
    if roles.head_of(item.lead_agency_id):
        return item.status in EDITABLE_BY_HEAD
    if roles.member_of(item.lead_agency_id):
        return item.status in EDITABLE_BY_STAFF
    link = _supporting_link(roles, item)
    return link is not None and link.can_edit and item.status in EDITABLE_BY_STAFF


def can_submit(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if item.status not in EDITABLE_BY_STAFF:
        return False
    return roles.superuser or roles.member_of(item.lead_agency_id)


def _may_approve_own(user, item: NewsItem) -> bool:
    if not _wrote(user, item):
        return True
    from hamafza.agencies.models import Agency

    if NewsItem.lead_agency.is_cached(item):
        return item.lead_agency.allow_self_approval
    return Agency.objects.filter(pk=item.lead_agency_id, allow_self_approval=True).exists()


def can_approve(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if item.status != S.SUBMITTED:
        return False
    if roles.superuser:
        return True
    return roles.head_of(item.lead_agency_id) and _may_approve_own(user, item)


def can_return(user, item: NewsItem) -> bool:
    """Send a submitted item back with a comment (no self-approval question: it approves nothing)."""
    roles = roles_of(user)
    if item.status != S.SUBMITTED:
        return False
    return roles.superuser or roles.head_of(item.lead_agency_id)


def can_publish(user, item: NewsItem) -> bool:
    if item.status == S.SUBMITTED:
        return can_approve(user, item)
    if item.status not in (S.SCHEDULED, S.UNPUBLISHED):
        return False
    roles = roles_of(user)
    return roles.superuser or roles.head_of(item.lead_agency_id)


def can_unpublish(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if item.status not in (S.PUBLISHED, S.SCHEDULED):
        return False
    return roles.superuser or roles.head_of(item.lead_agency_id)


def can_see_revisions(user, item: NewsItem) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if not roles.authenticated:
        return False
    return _is_own(roles, item) or _supporting_link(roles, item) is not None


can_comment = can_see_revisions


def can_respond_to_support(user, item: NewsItem, agency_id: int) -> bool:
    """Accept or decline the invitation to support an item, for one's agency (its head)."""
    roles = roles_of(user)
    if not (roles.superuser or roles.head_of(agency_id)):
        return False
    return any(link.agency_id == agency_id and link.role == ItemAgency.Role.SUPPORTING for link in _item_links(item))


def can_create_item(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(agency_id)


# --- People -------------------------------------------------------------------------------------

def invitable_agencies(user) -> frozenset[int]:
    """Agencies this person may invite people to: those they head, and every agency on a
    council whose secretariat they are. A site admin may invite to any agency (None)."""
    roles = roles_of(user)
    agencies = set(roles.head_agencies)
    councils = get_registry().councils
    for council_id in roles.secretariat_councils:
        info = councils.get(council_id)
        if info is not None:
            agencies.update(info.member_ids)
            agencies.update(info.observer_ids)
    return frozenset(agencies)


def can_invite(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or agency_id in invitable_agencies(user)


# --- Querysets ----------------------------------------------------------------------------------

def visible_items(user) -> QuerySet[NewsItem]:
    """Every item the person may see, as one queryset (no duplicates)."""
    roles = roles_of(user)
    items = NewsItem.objects.all()
    if roles.superuser:
        return items
    public = Q(status=S.PUBLISHED, published_at__isnull=False)
    if not roles.authenticated:
        return items.filter(public)
    rule = public
    if roles.agencies:
        rule |= Q(lead_agency_id__in=list(roles.agencies))
        rule |= Q(
            pk__in=ItemAgency.objects.filter(
                agency_id__in=list(roles.agencies), role=ItemAgency.Role.SUPPORTING, accepted_at__isnull=False,
            ).values("item_id")
        )
    overseen = roles.overseen_agencies()
    if overseen:
        rule |= Q(lead_agency_id__in=list(overseen), status__in=list(REVIEW_STATES))
    return items.filter(rule)


# --- Access helpers for views -------------------------------------------------------------------

def access_item(user, item_id, for_write: bool = False) -> NewsItem:
    """The item, or Http404 when the person may not see it (or it does not exist), or
    PermissionDenied when they may see but not change it and `for_write` is asked."""
    try:
        pk = int(item_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    item = NewsItem.objects.select_related("lead_agency").filter(pk=pk).first()
    if item is None:
        raise Http404
    if not can_view_item(user, item):
        raise Http404
    if for_write and not can_edit_item(user, item):
        raise PermissionDenied
    return item


def can_view_media(user, name: str) -> bool:
    """May this person download this uploaded file? Agency logos and the images and attachments
    of published items are public; the files of other items follow the item's visibility, and
    an agency sees its own media library."""
    from hamafza.newsroom.models import Attachment, Image

    if name.startswith("agencies/logos/"):
        return True
    attachment = Attachment.objects.filter(file=name).select_related("item").first()
    if attachment is not None:
        return can_view_item(user, attachment.item)
    image = Image.objects.filter(file=name).first()
    if image is None:
        return False
    items = NewsItem.objects.filter(Q(main_image=image) | Q(gallery__image=image)).distinct()
    if items.filter(status=S.PUBLISHED).exists():
        return True
    roles = roles_of(user)
    if roles.superuser or roles.member_of(image.agency_id):
        return True
    return any(can_view_item(user, item) for item in items[:20])
