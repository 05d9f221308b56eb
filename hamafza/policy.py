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
    if name.startswith("council/"):
        return can_view_council_file(user, name)
    attachment = Attachment.objects.filter(file=name).select_related("item").first()
    if attachment is not None:
        return can_view_item(user, attachment.item)
    image = Image.objects.filter(file=media_master_name(name)).first()
    if image is None:
        return False
    items = NewsItem.objects.filter(Q(main_image=image) | Q(gallery__image=image)).distinct()
    if items.filter(status=S.PUBLISHED).exists():
        return True
    roles = roles_of(user)
    if roles.superuser or roles.member_of(image.agency_id):
        return True
    if image.shared and image.agency_id in library_agencies(user):
        return True
    return any(can_view_item(user, item) for item in items[:20])


def media_master_name(name: str) -> str:
    """A rendition «images/2026/11/abc.w960.webp» belongs to the master «images/2026/11/abc.jpg»."""
    import re

    match = re.fullmatch(r"(images/.+)\.w[0-9]{1,5}\.(?:jpg|webp)", name)
    return f"{match.group(1)}.jpg" if match else name


def library_agencies(user) -> frozenset[int]:
    """Agencies whose shared photos this person may reuse: every member of a council one of
    their agencies sits on (their own agencies' photos they see anyway)."""
    roles = roles_of(user)
    out: set[int] = set()
    for info in get_registry().councils.values():
        if any(a in info.member_ids for a in roles.agencies):
            out.update(info.member_ids)
    return frozenset(out)


def access_image(user, image_id, for_write: bool = False):
    """A photo of the media library: 404 unless it is the person's agency's or shared with one
    of their councils; 403 for writing a shared photo of another agency."""
    from hamafza.newsroom.models import Image

    try:
        pk = int(image_id)
    except (TypeError, ValueError):
        raise Http404 from None
    image = Image.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if image is None:
        raise Http404
    roles = roles_of(user)
    own = roles.superuser or roles.member_of(image.agency_id)
    if not own and not (image.shared and image.agency_id in library_agencies(user)):
        raise Http404
    if for_write and not own:
        raise PermissionDenied
    return image


# --- Council: campaigns, proposals, meetings, tasks (hamafza.council) ---------------------------
# Agencies see their own proposals, tasks and reports and the meetings they are invited to; the
# secretariat of a council sees and changes everything of that council; its observers read
# everything and change nothing. Campaigns are public once they exist (the portal shows them).

def _council_ids_of_agencies(roles: Roles) -> frozenset[int]:
    return frozenset(c.id for c in get_registry().councils.values() if set(c.member_ids) & set(roles.agencies))


def can_view_council(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils or council_id in _council_ids_of_agencies(roles)


def can_manage_council(user, council_id: int) -> bool:
    """Campaigns, meetings, resolutions, tasks, proposal decisions: the secretariat."""
    roles = roles_of(user)
    return roles.superuser or council_id in roles.secretariat_councils


def can_oversee_council(user, council_id: int) -> bool:
    """Read everything of the council (compliance view, all proposals): secretariat and observers."""
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils


def can_view_agency_work(user, council_id: int, agency_id: int) -> bool:
    roles = roles_of(user)
    return can_oversee_council(user, council_id) or roles.member_of(agency_id)


def can_propose(user, campaign) -> bool:
    roles = roles_of(user)
    if roles.superuser or campaign.council_id in roles.secretariat_councils:
        return True
    members = get_registry().councils.get(campaign.council_id)
    return any(a in members.member_ids for a in roles.agencies) if members else False


def can_edit_proposal(user, proposal) -> bool:
    from hamafza.council.models import ProgramProposal

    roles = roles_of(user)
    if proposal.status not in (ProgramProposal.Status.PROPOSED, ProgramProposal.Status.CHANGES_REQUESTED):
        return can_manage_council(user, proposal.campaign.council_id)
    return roles.member_of(proposal.agency_id) or can_manage_council(user, proposal.campaign.council_id)


def can_view_meeting(user, meeting) -> bool:
    if can_oversee_council(user, meeting.council_id):
        return True
    roles = roles_of(user)
    return bool(roles.agencies) and meeting.invited_agencies.filter(pk__in=list(roles.agencies)).exists()


def can_report_progress(user, task) -> bool:
    roles = roles_of(user)
    if task.status == "cancelled":
        return False
    return roles.superuser or roles.member_of(task.agency_id) or task.council_id in roles.secretariat_councils


def visible_tasks(user):
    from hamafza.council.models import Task

    roles = roles_of(user)
    if roles.superuser:
        return Task.objects.all()
    return Task.objects.filter(Q(agency_id__in=list(roles.agencies)) | Q(council_id__in=list(roles.overseen_councils)))


def visible_proposals(user):
    from hamafza.council.models import ProgramProposal

    roles = roles_of(user)
    if roles.superuser:
        return ProgramProposal.objects.all()
    return ProgramProposal.objects.filter(
        Q(agency_id__in=list(roles.agencies)) | Q(campaign__council_id__in=list(roles.overseen_councils))
    )


def visible_meetings(user):
    from hamafza.council.models import Meeting

    roles = roles_of(user)
    if roles.superuser:
        return Meeting.objects.all()
    rule = Q(council_id__in=list(roles.overseen_councils))
    if roles.agencies:
        invited = Meeting.invited_agencies.through.objects.filter(agency_id__in=list(roles.agencies)).values("meeting_id")
        rule |= Q(pk__in=invited)
    return Meeting.objects.filter(rule)


def _pk(value) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    return pk


def access_campaign(user, campaign_id, for_write: bool = False):
    from hamafza.council.models import Campaign

    campaign = Campaign.objects.filter(pk=_pk(campaign_id)).first()
    if campaign is None or not can_view_council(user, campaign.council_id):
        raise Http404
    if for_write and not can_manage_council(user, campaign.council_id):
        raise PermissionDenied
    return campaign


def access_proposal(user, proposal_id, for_write: bool = False):
    from hamafza.council.models import ProgramProposal

    proposal = ProgramProposal.objects.select_related("campaign").filter(pk=_pk(proposal_id)).first()
    if proposal is None or not can_view_agency_work(user, proposal.campaign.council_id, proposal.agency_id):
        raise Http404
    if for_write and not can_edit_proposal(user, proposal):
        raise PermissionDenied
    return proposal


def access_meeting(user, meeting_id, for_write: bool = False):
    from hamafza.council.models import Meeting

    meeting = Meeting.objects.filter(pk=_pk(meeting_id)).first()
    if meeting is None or not can_view_meeting(user, meeting):
        raise Http404
    if for_write and not can_manage_council(user, meeting.council_id):
        raise PermissionDenied
    return meeting


def access_task(user, task_id, for_write: bool = False):
    """for_write: post progress (the assigned agency, the secretariat)."""
    from hamafza.council.models import Task

    task = Task.objects.select_related("resolution").filter(pk=_pk(task_id)).first()
    if task is None or not can_view_agency_work(user, task.council_id, task.agency_id):
        raise Http404
    if for_write and not can_report_progress(user, task):
        raise PermissionDenied
    return task


def access_report(user, report_id, for_write: bool = False):
    from hamafza.council.models import ActivityReport

    report = ActivityReport.objects.select_related("meeting").filter(pk=_pk(report_id)).first()
    if report is None or not can_view_agency_work(user, report.meeting.council_id, report.agency_id):
        raise Http404
    if for_write and not (roles_of(user).member_of(report.agency_id) or can_manage_council(user, report.meeting.council_id)):
        raise PermissionDenied
    return report


def can_view_council_file(user, name: str) -> bool:
    """Campaign kits are public like the campaign; task evidence follows the task."""
    from hamafza.council.models import ProgressUpdate

    if name.startswith("council/kits/"):
        return True
    update = ProgressUpdate.objects.filter(evidence_file=name).select_related("task").first()
    return update is not None and can_view_agency_work(user, update.task.council_id, update.task.agency_id)


# --- Performance reporting (indicators, monthly values, reports) --------------------------------
# Staff of an agency enter its values; its head approves them; the secretariat and observers of a
# council it sits on read all of its figures; the public sees only approved values of public
# indicators (hamafza.reporting.selectors). Observers change nothing.

def can_read_reporting(user, agency_id: int) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    return roles.authenticated and (roles.member_of(agency_id) or agency_id in roles.overseen_agencies())


def can_enter_values(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(agency_id)


def can_approve_values(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(agency_id)


def can_compile_report(user, council_id: int) -> bool:
    """The consolidated report of a council: its secretariat and observers, and site admins."""
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils


def reporting_agencies(user) -> list[int]:
    """Agencies whose figures this person may read, own agencies first."""
    roles = roles_of(user)
    if roles.superuser:
        return list(get_registry().agencies)
    own = list(roles.agencies)
    return own + sorted(a for a in roles.overseen_agencies() if a not in roles.agencies)


def access_reporting_agency(user, agency_id, for_write: bool = False) -> int:
    """An agency id whose figures the person may read (else 404) and, with `for_write`, enter
    (else 403)."""
    try:
        pk = int(agency_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if pk not in get_registry().agencies or not can_read_reporting(user, pk):
        raise Http404
    if for_write and not can_enter_values(user, pk):
        raise PermissionDenied
    return pk


def access_indicator(user, indicator_id, for_write: bool = False):
    from hamafza.reporting.models import Indicator

    try:
        pk = int(indicator_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    indicator = Indicator.objects.filter(pk=pk).first()
    if indicator is None or not can_read_reporting(user, indicator.agency_id):
        raise Http404
    if for_write and not can_enter_values(user, indicator.agency_id):
        raise PermissionDenied
    return indicator


def access_report_job(user, job_id):
    from hamafza.reporting.models import ReportJob

    try:
        pk = int(job_id)
    except (TypeError, ValueError):
        raise Http404 from None
    job = ReportJob.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if job is None or not can_compile_report(user, job.council_id):
        raise Http404
    return job


# --- Distribution channels ----------------------------------------------------------------------
# A channel belongs to an agency or to a council. Its agency's staff and head see it and send
# items to it; only the head (or, for a council channel, the secretariat) changes it, its token
# included. Nobody else sees it — a token is never shown back in full, even to its owner.

def can_view_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.member_of(channel.agency_id)
    return channel.council_id in roles.overseen_councils


def can_use_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.member_of(channel.agency_id)
    return channel.council_id in roles.secretariat_councils


def can_manage_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.head_of(channel.agency_id)
    return channel.council_id in roles.secretariat_councils


def can_add_channel(user, agency_id: int | None = None, council_id: int | None = None) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if agency_id:
        return roles.head_of(agency_id)
    return council_id in roles.secretariat_councils


def visible_channels(user):
    from hamafza.distribution.models import Channel

    roles = roles_of(user)
    channels = Channel.objects.all()
    if roles.superuser:
        return channels
    return channels.filter(Q(agency_id__in=list(roles.agencies)) | Q(council_id__in=list(roles.overseen_councils)))


def access_channel(user, channel_id, for_write: bool = False):
    """The channel, or 404 when the person may not see it, or 403 when they may not change it."""
    from hamafza.distribution.models import Channel

    try:
        pk = int(channel_id)
    except (TypeError, ValueError):
        raise Http404 from None
    channel = Channel.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if channel is None or not can_view_channel(user, channel):
        raise Http404
    if for_write and not can_manage_channel(user, channel):
        raise PermissionDenied
    return channel


def can_resolve_delivery(user, delivery) -> bool:
    """Retry, mark sent / not sent: the item's lead agency (staff or head) for its own channels."""
    roles = roles_of(user)
    if roles.superuser:
        return True
    return can_use_channel(user, delivery.channel) and (
        roles.member_of(delivery.item.lead_agency_id) or delivery.channel.council_id is not None
    )


def access_delivery(user, delivery_id, for_write: bool = False):
    from hamafza.distribution.models import Delivery

    try:
        pk = int(delivery_id)
    except (TypeError, ValueError):
        raise Http404 from None
    delivery = (
        Delivery.objects.select_related("channel", "item", "item__lead_agency").filter(pk=pk).first()
        if 0 < pk < 2**63 else None
    )
    if delivery is None or not can_view_channel(user, delivery.channel) or not can_view_item(user, delivery.item):
        raise Http404
    if for_write and not can_resolve_delivery(user, delivery):
        raise PermissionDenied
    return delivery


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
