"""Campaigns, proposals, meetings, tasks and reports of a council (hamafza.council)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import Roles, pk_or_404, roles_of

__all__ = [
    "access_campaign", "access_meeting", "access_proposal", "access_report", "access_task",
    "can_edit_proposal", "can_edit_report", "can_keep_calendar_feed", "can_manage_campaign", "can_manage_council",
    "can_manage_meeting", "can_manage_task", "can_oversee_council", "can_propose", "can_propose_for",
    "can_report_progress", "can_review_proposal", "can_view_agency_work", "can_view_council",
    "can_view_meeting", "viewable_councils", "visible_meetings", "visible_proposals", "visible_tasks",
]


# --- Council: campaigns, proposals, meetings, tasks (hamafza.council) ---------------------------
# Agencies see their own proposals, tasks and reports and the meetings they are invited to; the
# secretariat of a council sees and changes everything of that council; its observers read
# everything and change nothing. Campaigns are public once they exist (the portal shows them).

def _council_ids_of_agencies(roles: Roles) -> frozenset[int]:
    return frozenset(c.id for c in get_registry().councils.values() if set(c.member_ids) & set(roles.agencies))


def can_view_council(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils or council_id in _council_ids_of_agencies(roles)


def viewable_councils(user) -> list[int]:
    """The councils this person sees (can_view_council), in registry order: the council pages and
    the cooperation area open for someone with at least one, and their menu items show then."""
    return [c for c in get_registry().councils if can_view_council(user, c)]


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


def can_propose_for(user, campaign, agency_id: int) -> bool:
    """Propose a program in the name of this agency (one of the campaign's council): its own
    staff and head, or the secretariat."""
    return roles_of(user).member_of(agency_id) or can_manage_council(user, campaign.council_id)


def can_edit_proposal(user, proposal) -> bool:
    """Change a program while it waits for the secretariat (proposed, or returned for changes):
    the proposing agency and the secretariat. A decided program is changed by a new proposal."""
    from hamafza.council.models import ProgramProposal

    if proposal.status not in (ProgramProposal.Status.PROPOSED, ProgramProposal.Status.CHANGES_REQUESTED):
        return False
    return roles_of(user).member_of(proposal.agency_id) or can_manage_council(user, proposal.campaign.council_id)


def can_review_proposal(user, proposal) -> bool:
    """Approve, return or decline a program: the secretariat of the campaign's council."""
    return can_manage_council(user, proposal.campaign.council_id)


def can_manage_campaign(user, campaign) -> bool:
    """Edit a campaign, add to its content kit, tag news items to it: the secretariat."""
    return can_manage_council(user, campaign.council_id)


def can_manage_meeting(user, meeting) -> bool:
    """Agenda, attendance, minutes, resolutions, activity reports and the meeting's news draft:
    the secretariat of the meeting's council."""
    return can_manage_council(user, meeting.council_id)


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


def can_manage_task(user, task) -> bool:
    """Close, reopen or cancel a task: the secretariat of the task's council."""
    return can_manage_council(user, task.council_id)


def can_edit_report(user, report) -> bool:
    """Write an activity report's narrative and proposals: the reporting agency, the secretariat."""
    return roles_of(user).member_of(report.agency_id) or can_manage_council(user, report.meeting.council_id)


def can_keep_calendar_feed(user) -> bool:
    """Make or revoke one's own secret iCal address: any signed-in, active person (the feed holds
    only what its owner may see)."""
    return roles_of(user).authenticated


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



def access_campaign(user, campaign_id, for_write: bool = False):
    from hamafza.council.models import Campaign

    campaign = Campaign.objects.filter(pk=pk_or_404(campaign_id)).first()
    if campaign is None or not can_view_council(user, campaign.council_id):
        raise Http404
    if for_write and not can_manage_council(user, campaign.council_id):
        raise PermissionDenied
    return campaign


def access_proposal(user, proposal_id, for_write: bool = False):
    from hamafza.council.models import ProgramProposal

    proposal = ProgramProposal.objects.select_related("campaign").filter(pk=pk_or_404(proposal_id)).first()
    if proposal is None or not can_view_agency_work(user, proposal.campaign.council_id, proposal.agency_id):
        raise Http404
    if for_write and not can_edit_proposal(user, proposal):
        raise PermissionDenied
    return proposal


def access_meeting(user, meeting_id, for_write: bool = False):
    from hamafza.council.models import Meeting

    meeting = Meeting.objects.filter(pk=pk_or_404(meeting_id)).first()
    if meeting is None or not can_view_meeting(user, meeting):
        raise Http404
    if for_write and not can_manage_council(user, meeting.council_id):
        raise PermissionDenied
    return meeting


def access_task(user, task_id, for_write: bool = False):
    """for_write: post progress (the assigned agency, the secretariat)."""
    from hamafza.council.models import Task

    task = Task.objects.select_related("resolution").filter(pk=pk_or_404(task_id)).first()
    if task is None or not can_view_agency_work(user, task.council_id, task.agency_id):
        raise Http404
    if for_write and not can_report_progress(user, task):
        raise PermissionDenied
    return task


def access_report(user, report_id, for_write: bool = False):
    from hamafza.council.models import ActivityReport

    report = ActivityReport.objects.select_related("meeting").filter(pk=pk_or_404(report_id)).first()
    if report is None or not can_view_agency_work(user, report.meeting.council_id, report.agency_id):
        raise Http404
    if for_write and not can_edit_report(user, report):
        raise PermissionDenied
    return report

