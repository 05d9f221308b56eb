"""News items, people, the media files of items and the media library."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import ItemAgency, NewsItem

from .base import (
    EDITABLE_BY_HEAD, EDITABLE_BY_STAFF, REVIEW_STATES, S, _is_own, _item_links, _oversees, _supporting_link, _wrote,
    pk_or_404, roles_of,
)

__all__ = [
    "access_image", "access_item", "can_add_image", "can_approve", "can_comment", "can_create_item",
    "can_edit_image", "can_edit_item", "can_grant_role", "can_invite", "can_invite_supporting", "can_publish",
    "can_respond_to_support", "can_return", "can_see_revisions", "can_submit", "can_unpublish", "can_use_image",
    "can_view_item", "council_partners", "council_sees_status", "invitable_agencies", "invite_choices",
    "can_open_media_library", "library_agencies", "visible_items",
]


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


def council_sees_status(status: str) -> bool:
    """Whether the secretariat and observers of the lead agency's councils see an item in this
    status (submitted and after; never a draft or an item returned for changes)."""
    return status in REVIEW_STATES


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
    council whose secretariat they are (a site admin: see can_invite and invite_choices)."""
    roles = roles_of(user)
    agencies = set(roles.head_agencies)
    councils = get_registry().councils
    for council_id in roles.secretariat_councils:
        info = councils.get(council_id)
        if info is not None:
            agencies.update(info.member_ids)
            agencies.update(info.observer_ids)
    return frozenset(agencies)


def invite_choices(user):
    """The agencies the invitation form offers: every active agency for a site admin, else
    invitable_agencies."""
    from hamafza.agencies.models import Agency

    if roles_of(user).superuser:
        return Agency.objects.filter(status=Agency.Status.ACTIVE)
    return Agency.objects.filter(pk__in=list(invitable_agencies(user)))


def can_invite(user, agency_id: int) -> bool:
    """May this person invite someone to `agency_id`: a site admin to any active agency; a head
    to their agency; a council's secretariat to every agency on that council."""
    roles = roles_of(user)
    if not roles.authenticated:
        return False
    if not roles.superuser:
        return agency_id in invitable_agencies(user)
    return invite_choices(user).filter(pk=agency_id).exists()


def can_grant_role(user, agency_id: int, role: str) -> bool:
    """May this person invite someone to `agency_id` with this Membership role: whoever may invite
    there grants either role (staff or head)."""
    from hamafza.accounts.models import Membership

    return role in Membership.Role.values and can_invite(user, agency_id)


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
    pk = pk_or_404(item_id)
    item = NewsItem.objects.select_related("lead_agency").filter(pk=pk).first()
    if item is None:
        raise Http404
    if not can_view_item(user, item):
        raise Http404
    if for_write and not can_edit_item(user, item):
        raise PermissionDenied
    return item


def council_partners(agency_id: int) -> frozenset[int]:
    """The agencies that sit on a council with this agency (itself included when it sits on one)."""
    out: set[int] = set()
    for info in get_registry().councils.values():
        if agency_id in info.member_ids:
            out.update(info.member_ids)
    return frozenset(out)


def library_agencies(user) -> frozenset[int]:
    """Agencies whose shared photos this person may reuse: every member of a council one of
    their agencies sits on (their own agencies' photos they see anyway)."""
    out: set[int] = set()
    for agency_id in roles_of(user).agencies:
        out |= council_partners(agency_id)
    return frozenset(out)


def can_use_image(user, image, agency_id: int) -> bool:
    """May this person put this library photo into an item of agency `agency_id` (its main image
    or its gallery)? The photo is the agency's own or shared by an agency that sits on a council
    with it — and the person sees it in their library (access_image). The one rule for every
    place an item takes a photo by id; `user` None is a loader (the agency rule only)."""
    if image.agency_id != agency_id and not (image.shared and image.agency_id in council_partners(agency_id)):
        return False
    if user is None:
        return True
    roles = roles_of(user)
    return roles.superuser or roles.member_of(image.agency_id) or (
        image.shared and image.agency_id in library_agencies(user)
    )


def can_open_media_library(user) -> bool:
    """The media library is the agencies': their staff and heads, and a site admin. Secretariat
    and observers have none (they see photos in the items they read)."""
    roles = roles_of(user)
    return roles.superuser or bool(roles.agencies)


def can_add_image(user, agency_id: int) -> bool:
    """May this person add a photo to the media library of `agency_id`: its staff and head, and a
    site admin (to any agency of the registry). Secretariat and observers have no library."""
    roles = roles_of(user)
    if roles.superuser:
        return agency_id in get_registry().agencies
    return roles.member_of(agency_id)


def can_edit_image(user, image) -> bool:
    """May this person change a library photo's details (caption, credit, sharing): the people of
    its agency and a site admin; an agency that sees it shared only reuses it."""
    roles = roles_of(user)
    return roles.superuser or roles.member_of(image.agency_id)


def can_invite_supporting(user, lead_agency_id: int, agency_id: int) -> bool:
    """May this person invite `agency_id` to support an item of `lead_agency_id`? The lead
    agency's people only, and only agencies that sit on a council with the lead agency (the
    invitation is answered in that council's cooperation inbox)."""
    roles = roles_of(user)
    if not (roles.superuser or roles.member_of(lead_agency_id)):
        return False
    return agency_id != lead_agency_id and agency_id in council_partners(lead_agency_id)


def access_image(user, image_id, for_write: bool = False):
    """A photo of the media library: 404 unless it is the person's agency's or shared with one
    of their councils; 403 for writing a shared photo of another agency."""
    from hamafza.newsroom.models import Image

    pk = pk_or_404(image_id)
    image = Image.objects.filter(pk=pk).first()
    if image is None:
        raise Http404
    own = can_edit_image(user, image)
    if not own and not (image.shared and image.agency_id in library_agencies(user)):
        raise Http404
    if for_write and not own:
        raise PermissionDenied
    return image
