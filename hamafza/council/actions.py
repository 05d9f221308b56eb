"""Every write of the council app, on behalf of a person: campaigns, proposals, meetings,
resolutions, tasks, activity reports, calendar feeds. Views, the demo and tests all change things
through these.

Each action takes the acting person first, asks hamafza.policy (PermissionDenied when refused),
validates its input — text within its limit, and every id (agencies, items, people, resolutions)
of the council it works in (CouncilError with a Persian message otherwise, before anything is
saved) — writes an audit event carrying its council, and leaves side effects to the commit.

    action                                        policy rule it checks
    create_campaign(user, *, council, …)          can_manage_council(council)
    update_campaign(user, campaign, …)            can_manage_campaign
    add_kit_file(user, campaign, title, file)     can_manage_campaign
    tag_item(user, campaign, item)                can_manage_campaign
    untag_item(user, campaign, item)              can_manage_campaign
    propose_program(user, *, campaign, agency, …) can_propose, then can_propose_for(agency)
    update_proposal(user, proposal, …)            can_edit_proposal
    review_proposal(user, proposal, decision, …)  can_review_proposal
    create_meeting(user, *, council, …)           can_manage_council(council)
    add_agenda_item(user, meeting, …)             can_manage_meeting
    add_attendee(user, meeting, …)                can_manage_meeting
    save_minutes(user, meeting, html)             can_manage_meeting
    add_resolution(user, meeting, text, …)        can_manage_meeting
    draft_activity_report(user, meeting, …)       can_manage_meeting
    save_report_text(user, report, …)             can_edit_report
    draft_meeting_news(user, meeting)             can_manage_meeting
    create_task(user, *, council, …)              can_manage_council(council)
    post_progress(user, task, …)                  can_report_progress
    close_task / reopen_task / cancel_task(user, task)   can_manage_task
    create_calendar_feed(user) / revoke_calendar_feed(user)   can_keep_calendar_feed
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.models import Agency, Council
from hamafza.agencies.registry import get_registry
from hamafza.core import uploads
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.sanitize import clean_html
from hamafza.persian import jalali
from hamafza.persian.slugs import slugify_fa

from . import scope
from .errors import CouncilError
from .inputs import read_text
from .models import (
    ActivityReport, AgendaItem, Attendance, CalendarFeed, Campaign, CampaignItem, ContentKitFile, Meeting, ProgramProposal,
    ProgressUpdate, Resolution, Task,
)

P = ProgramProposal.Status
T = Task.Status
ACTIVE_TASK_STATES = (T.OPEN, T.IN_PROGRESS, T.OVERDUE)
# Text limits: the model's max_length for one-line fields, a generous bound for the others, the
# same on SQLite and PostgreSQL.
LIMITS = {
    "campaign_title": 200, "hashtags": 500, "description": 4000, "key_messages": 2000, "kit_title": 200,
    "program_title": 250, "place": 200, "coverage": 2000, "review_note": 2000,
    "meeting_title": 250, "agenda": 300, "attendee_name": 200, "attendee_title": 300, "quote": 2000,
    "minutes": 200_000, "resolution": 4000, "task_title": 300, "progress": 4000, "narrative": 20_000,
}


def _deny(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _text(value, label: str, field: str, limit: str, required: bool = False, one_line: bool = False) -> str:
    return read_text(value, label, field, LIMITS[limit], required=required, one_line=one_line)


def _by(user):
    """The person to store as author (None for a system actor that is not a saved user)."""
    return user if getattr(user, "pk", None) else None


def today_in_tehran(now: dt.datetime | None = None) -> dt.date:
    return jalali.to_tehran(now or timezone.now()).date()


# --- Campaigns -----------------------------------------------------------------------------------

def check_campaign_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise CouncilError(
            _("پایان پویش (%(end)s) پیش از آغاز آن (%(start)s) است.")
            % {"end": jalali.format_date(end), "start": jalali.format_date(start)},
            "end_date",
        )


def _unique_slug(council_id: int, title: str, exclude: int | None = None) -> str:
    base = slugify_fa(title)[:100] or "پویش"
    slug, n = base, 1
    while Campaign.objects.filter(council_id=council_id, slug=slug).exclude(pk=exclude).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _campaign_fields(council_id: int, title, start_date, end_date, description, hashtags, key_messages, agencies) -> dict:
    fields = {
        "title": _text(title, _("عنوان پویش"), "title", "campaign_title", required=True, one_line=True),
        "description": _text(description, _("شرح"), "description", "description"),
        "hashtags": _text(hashtags, _("هشتگ‌ها"), "hashtags", "hashtags", one_line=True),
        "key_messages": _text(key_messages, _("پیام‌های کلیدی"), "key_messages", "key_messages"),
        "start_date": start_date, "end_date": end_date,
    }
    check_campaign_dates(start_date, end_date)
    fields["agencies"] = scope.agencies(council_id, agencies)
    return fields


def _campaign_summary(campaign: Campaign) -> dict:
    return {"title": campaign.title, "start_date": campaign.start_date, "end_date": campaign.end_date}


@transaction.atomic
def create_campaign(user, *, council: Council, title: str, start_date: dt.date, end_date: dt.date, description: str = "",
                    hashtags: str = "", key_messages: str = "", agencies: Sequence = ()) -> Campaign:
    _deny(policy.can_manage_council(user, council.pk), _("تنها دبیرخانه شورا پویش می‌سازد."))
    fields = _campaign_fields(council.pk, title, start_date, end_date, description, hashtags, key_messages, agencies)
    chosen = fields.pop("agencies")
    campaign = Campaign.objects.create(council=council, slug=_unique_slug(council.pk, fields["title"]), created_by=_by(user),
                                       **fields)
    campaign.agencies.set(chosen)
    audit.record(user, "campaign.created", campaign, council_id=council.pk,
                 after={**_campaign_summary(campaign), "agencies": [a.pk for a in chosen]})
    return campaign


@transaction.atomic
def update_campaign(user, campaign: Campaign, *, title: str, start_date: dt.date, end_date: dt.date, description: str = "",
                    hashtags: str = "", key_messages: str = "", agencies: Sequence = ()) -> Campaign:
    _deny(policy.can_manage_campaign(user, campaign), _("تنها دبیرخانه شورا پویش را ویرایش می‌کند."))
    fields = _campaign_fields(campaign.council_id, title, start_date, end_date, description, hashtags, key_messages, agencies)
    chosen = fields.pop("agencies")
    outside = campaign.proposals.exclude(status=P.DECLINED).exclude(date__range=(start_date, end_date))
    if outside.exists():
        raise CouncilError(_("برخی برنامه‌های پیشنهادی بیرون از این بازه می‌افتند؛ نخست آن‌ها را جابه‌جا کنید."), "start_date")
    before = _campaign_summary(campaign)
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.save()
    campaign.agencies.set(chosen)
    audit.record(user, "campaign.changed", campaign, council_id=campaign.council_id, before=before,
                 after={**_campaign_summary(campaign), "agencies": [a.pk for a in chosen]})
    return campaign


def _checked_upload(upload, what: str, field: str):
    """The upload checked by the one upload validator and renamed (hamafza/core/uploads.py)."""
    try:
        return uploads.accept(upload, what=what)
    except uploads.UploadError as error:
        raise CouncilError(error.messages[0] + " " + _("پرونده را دوباره انتخاب کنید."), field) from None


@transaction.atomic
def add_kit_file(user, campaign: Campaign, title: str, file) -> ContentKitFile:
    _deny(policy.can_manage_campaign(user, campaign), _("تنها دبیرخانه شورا بسته محتوایی را کامل می‌کند."))
    title = _text(title, _("عنوان پرونده"), "title", "kit_title", required=True, one_line=True)
    if file is None:
        raise CouncilError(_("پرونده‌ای انتخاب نشده است."), "file")
    file = _checked_upload(file, _("پرونده بسته محتوایی"), "file")
    kit = ContentKitFile.objects.create(campaign=campaign, title=title, file=file)
    audit.record(user, "campaign.kit_added", campaign, council_id=campaign.council_id, after={"title": title})
    return kit


@transaction.atomic
def tag_item(user, campaign: Campaign, item) -> CampaignItem:
    """Tag a published news item of the council's agencies (object or id) to the campaign."""
    _deny(policy.can_manage_campaign(user, campaign), _("تنها دبیرخانه شورا خبر را به پویش می‌پیوندد."))
    item = scope.published_item(campaign.council_id, item, "item")
    if item is None:
        raise CouncilError(_("نشانی خبر را وارد کنید."), "item")
    link, created = CampaignItem.objects.get_or_create(campaign=campaign, item=item)
    if created:
        audit.record(user, "campaign.item_tagged", campaign, council_id=campaign.council_id,
                     agency_id=item.lead_agency_id, after={"item": item.pk, "title": item.title})
    return link


@transaction.atomic
def untag_item(user, campaign: Campaign, item) -> None:
    _deny(policy.can_manage_campaign(user, campaign), _("تنها دبیرخانه شورا خبر را از پویش جدا می‌کند."))
    item_id = getattr(item, "pk", item)
    if CampaignItem.objects.filter(campaign=campaign, item_id=item_id).delete()[0]:
        audit.record(user, "campaign.item_untagged", campaign, council_id=campaign.council_id, before={"item": item_id})


# --- Program proposals ---------------------------------------------------------------------------

def check_program_date(campaign: Campaign, date: dt.date) -> None:
    if not campaign.start_date <= date <= campaign.end_date:
        raise CouncilError(
            _("تاریخ برنامه (%(date)s) بیرون از بازه پویش است؛ پویش «%(campaign)s» از %(start)s تا %(end)s است.") % {
                "date": jalali.format_date(date), "campaign": campaign.title,
                "start": jalali.format_date(campaign.start_date), "end": jalali.format_date(campaign.end_date),
            },
            "date",
        )


def _program_fields(campaign: Campaign, title, date, start_time, place, description, coverage_needed) -> dict:
    fields = {
        "title": _text(title, _("عنوان برنامه"), "title", "program_title", required=True, one_line=True),
        "place": _text(place, _("مکان"), "place", "place", one_line=True),
        "description": _text(description, _("شرح"), "description", "description"),
        "coverage_needed": _text(coverage_needed, _("پوشش و کمک مورد نیاز"), "coverage_needed", "coverage"),
        "date": date, "start_time": start_time,
    }
    check_program_date(campaign, date)
    return fields


def _proposal_summary(proposal: ProgramProposal) -> dict:
    return {"title": proposal.title, "date": proposal.date, "status": proposal.status}


@transaction.atomic
def propose_program(user, *, campaign: Campaign, agency, title: str, date: dt.date, start_time: dt.time | None = None,
                    place: str = "", description: str = "", coverage_needed: str = "") -> ProgramProposal:
    """`agency` (object or id) must sit on the campaign's council and be the person's own (the
    secretariat may propose for any member)."""
    _deny(policy.can_propose(user, campaign), _("شما در این شورا برنامه پیشنهاد نمی‌کنید."))
    agency = scope.agency(campaign.council_id, agency)
    _deny(policy.can_propose_for(user, campaign, agency.pk), _("از سوی دستگاه دیگری نمی‌توانید برنامه پیشنهاد کنید."))
    fields = _program_fields(campaign, title, date, start_time, place, description, coverage_needed)
    proposal = ProgramProposal.objects.create(campaign=campaign, agency=agency, proposed_by=_by(user), **fields)
    audit.record(user, "proposal.created", proposal, council_id=campaign.council_id, agency_id=agency.pk,
                 after=_proposal_summary(proposal))
    return proposal


@transaction.atomic
def update_proposal(user, proposal: ProgramProposal, *, title: str, date: dt.date, start_time: dt.time | None = None,
                    place: str = "", description: str = "", coverage_needed: str = "") -> ProgramProposal:
    _deny(policy.can_edit_proposal(user, proposal), _("این برنامه را نمی‌توانید ویرایش کنید."))
    fields = _program_fields(proposal.campaign, title, date, start_time, place, description, coverage_needed)
    before = _proposal_summary(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    if proposal.status == P.CHANGES_REQUESTED:
        proposal.status = P.PROPOSED  # back to the secretariat
    proposal.save()
    audit.record(user, "proposal.changed", proposal, council_id=proposal.campaign.council_id, agency_id=proposal.agency_id,
                 before=before, after=_proposal_summary(proposal))
    return proposal


@transaction.atomic
def review_proposal(user, proposal: ProgramProposal, decision: str, note: str = "") -> ProgramProposal:
    _deny(policy.can_review_proposal(user, proposal), _("تنها دبیرخانه شورا درباره برنامه‌ها تصمیم می‌گیرد."))
    if decision not in (P.APPROVED, P.CHANGES_REQUESTED, P.DECLINED):
        raise CouncilError(_("تصمیم نامعتبر است."), "decision")
    note = _text(note, _("یادداشت دبیرخانه"), "note", "review_note")
    if decision == P.CHANGES_REQUESTED and not note:
        raise CouncilError(_("بنویسید چه اصلاحی لازم است."), "note")
    before = {"status": proposal.status}
    proposal.status, proposal.review_note = decision, note
    proposal.reviewed_by, proposal.reviewed_at = _by(user), timezone.now()
    proposal.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(user, "proposal.reviewed", proposal, council_id=proposal.campaign.council_id, agency_id=proposal.agency_id,
                 before=before, after={"status": decision, "note": note})
    return proposal


# --- Meetings ------------------------------------------------------------------------------------

def _manages(user, meeting: Meeting) -> None:
    _deny(policy.can_manage_meeting(user, meeting), _("تنها دبیرخانه شورا نشست را اداره می‌کند."))


@transaction.atomic
def create_meeting(user, *, council: Council, title: str, starts_at: dt.datetime, place: str = "",
                   invited: Sequence = ()) -> Meeting:
    _deny(policy.can_manage_council(user, council.pk), _("تنها دبیرخانه شورا نشست می‌گذارد."))
    title = _text(title, _("عنوان نشست"), "title", "meeting_title", required=True, one_line=True)
    place = _text(place, _("مکان"), "place", "place", one_line=True)
    invited = scope.agencies(council.pk, invited)
    if not invited:
        raise CouncilError(_("دست‌کم یک دستگاه را به نشست دعوت کنید."), "agencies")
    meeting = Meeting.objects.create(council=council, title=title, starts_at=starts_at, place=place, created_by=_by(user))
    meeting.invited_agencies.set(invited)
    audit.record(user, "meeting.created", meeting, council_id=council.pk,
                 after={"title": title, "starts_at": starts_at, "invited": [a.pk for a in invited]})
    return meeting


@transaction.atomic
def add_agenda_item(user, meeting: Meeting, title: str, agency=None, asks_report: bool = False) -> AgendaItem:
    _manages(user, meeting)
    title = _text(title, _("موضوع دستور جلسه"), "title", "agenda", required=True, one_line=True)
    agency = scope.agency(meeting.council_id, agency, required=False)
    if asks_report and agency is None:
        raise CouncilError(_("برای درخواست گزارش عملکرد، دستگاه را انتخاب کنید."), "agency")
    order = meeting.agenda.count() + 1
    entry = AgendaItem.objects.create(meeting=meeting, order=order, title=title, agency=agency, asks_report=asks_report)
    if asks_report and not meeting.reports.filter(agency=agency).exists():
        # The office finds its report drafted from the platform's records of the last 30 days,
        # and adds its narrative and proposals before the meeting.
        day = jalali.to_tehran(meeting.starts_at).date()
        _draft_report(meeting, agency, day - dt.timedelta(days=30), day - dt.timedelta(days=1))
    audit.record(user, "meeting.agenda_added", meeting, council_id=meeting.council_id,
                 agency_id=agency.pk if agency else None, after={"title": title, "asks_report": asks_report})
    return entry


@transaction.atomic
def add_attendee(user, meeting: Meeting, *, name: str, title: str = "", agency=None, quote: str = "",
                 person=None) -> Attendance:
    """`person`: the attendee's account, if they have one; they must work in `agency`."""
    _manages(user, meeting)
    name = _text(name, _("نام حاضر"), "name", "attendee_name", required=True, one_line=True)
    title = _text(title, _("سمت"), "title", "attendee_title", one_line=True)
    quote = _text(quote, _("سخن"), "quote", "quote")
    agency = scope.agency(meeting.council_id, agency, required=person is not None)
    person = scope.agency_person(agency, person, "person") if agency is not None else None
    order = meeting.attendance.count() + 1
    entry = Attendance.objects.create(meeting=meeting, order=order, name=name, title=title, agency=agency, quote=quote,
                                      user=person)
    audit.record(user, "meeting.attendee_added", meeting, council_id=meeting.council_id,
                 agency_id=agency.pk if agency else None, after={"name": name, "title": title})
    return entry


@transaction.atomic
def save_minutes(user, meeting: Meeting, html: str) -> Meeting:
    _manages(user, meeting)
    html = _text(html, _("صورت‌جلسه"), "minutes", "minutes")
    meeting.minutes = clean_html(html)
    meeting.save(update_fields=["minutes", "updated_at"])
    audit.record(user, "meeting.minutes_saved", meeting, council_id=meeting.council_id, after={"length": len(meeting.minutes)})
    return meeting


@transaction.atomic
def add_resolution(user, meeting: Meeting, text: str, assignments: Sequence[tuple] = (), assignee=None) -> Resolution:
    """A resolution and, for each (agency or id, deadline), a task of that agency."""
    _manages(user, meeting)
    text = _text(text, _("متن مصوبه"), "text", "resolution", required=True)
    duties = []
    for agency, deadline in assignments:
        agency = scope.agency(meeting.council_id, agency, "agencies")
        check_deadline(deadline)
        duties.append((agency, deadline, scope.agency_person(agency, assignee, "assignee")))
    number = (meeting.resolutions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    resolution = Resolution.objects.create(meeting=meeting, number=number, text=text)
    for agency, deadline, person in duties:
        _new_task(user, meeting.council_id, title=" ".join(text.split())[:LIMITS["task_title"]], agency=agency,
                  deadline=deadline, resolution=resolution, assignee=person)
    audit.record(user, "meeting.resolution_added", resolution, council_id=meeting.council_id,
                 after={"meeting": meeting.pk, "number": number, "agencies": [a.pk for a, _d, _p in duties]})
    return resolution


# --- Activity reports ----------------------------------------------------------------------------

def _draft_report(meeting: Meeting, agency: Agency, start: dt.date, end: dt.date) -> ActivityReport:
    from .reports import activity_figures

    if end < start:
        raise CouncilError(_("پایان دوره پیش از آغاز آن است."), "period_end")
    figures = activity_figures(agency.pk, start, end)
    report, _created = ActivityReport.objects.update_or_create(
        meeting=meeting, agency=agency, defaults={"period_start": start, "period_end": end, "figures": figures},
    )
    return report


@transaction.atomic
def draft_activity_report(user, meeting: Meeting, agency, start: dt.date, end: dt.date) -> ActivityReport:
    """The figures of an agency's report for the period, drafted from the platform's records.
    Drafting again refreshes the figures and keeps the narrative."""
    _manages(user, meeting)
    agency = scope.agency(meeting.council_id, agency)
    report = _draft_report(meeting, agency, start, end)
    audit.record(user, "report.drafted", report, council_id=meeting.council_id, agency_id=agency.pk,
                 after={"meeting": meeting.pk, "period_start": start, "period_end": end})
    return report


@transaction.atomic
def save_report_text(user, report: ActivityReport, narrative: str, proposals: str) -> ActivityReport:
    _deny(policy.can_edit_report(user, report), _("این گزارش را نمی‌توانید ویرایش کنید."))
    report.narrative = _text(narrative, _("گزارش"), "narrative", "narrative")
    report.proposals = _text(proposals, _("پیشنهادها"), "proposals", "narrative")
    report.save(update_fields=["narrative", "proposals", "updated_at"])
    audit.record(user, "report.saved", report, council_id=report.meeting.council_id, agency_id=report.agency_id)
    return report


# --- A meeting becomes news -----------------------------------------------------------------------

def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


@transaction.atomic
def draft_meeting_news(user, meeting: Meeting) -> NewsItem:
    """One draft news item about the meeting in the newsroom of the council's head agency: who
    met, who spoke (with their titles), what they said, and the decisions. It is edited and
    published like any other item."""
    from hamafza.newsroom.actions import LIMITS as ITEM_LIMITS, draft_for_agency  # our rule is checked below

    _manages(user, meeting)
    council = Council.objects.select_related("head_agency").get(pk=meeting.council_id)
    registry = get_registry()
    attendees = list(meeting.attendance.all())
    resolutions = list(meeting.resolutions.all())
    invited = [registry.agencies[a].name for a in meeting.invited_agencies.values_list("pk", flat=True) if a in registry.agencies]

    def who(person: Attendance) -> str:
        return f"{person.name}، {person.title}" if person.title else person.name

    lead = _("%(meeting)s %(date)s با حضور %(people)s برگزار شد.") % {
        "meeting": meeting.title,
        "date": jalali.format_date(meeting.starts_at, weekday=True),
        "people": "، ".join(who(p) for p in attendees) if attendees else "، ".join(invited),
    }
    if meeting.place:
        lead = lead[:-1] + _(" در %(place)s.") % {"place": meeting.place}
    body = [_p(lead)]
    for person in attendees:
        if person.quote:
            body.append(_p(_("%(who)s در این نشست گفت: %(quote)s") % {"who": who(person), "quote": person.quote}))
    if invited:
        body.append(_p(_("دستگاه‌های حاضر در نشست: %(agencies)s.") % {"agencies": "، ".join(invited)}))
    if resolutions:
        body.append(_p(_("مصوبات این نشست:")))
        body.append("<ol>" + "".join(f"<li>{escape(r.text)}</li>" for r in resolutions) + "</ol>")
    title = _("برگزاری %(meeting)s") % {"meeting": meeting.title}
    item = draft_for_agency(_by(user), council.head_agency, {
        "kicker": council.name[:ITEM_LIMITS["kicker"]],
        "title": title[:ITEM_LIMITS["title"]],
        "lead": lead if len(lead) <= ITEM_LIMITS["lead"] else "",  # the body opens with it anyway
        "body": "".join(body),
    })
    meeting.news_item = item
    meeting.save(update_fields=["news_item", "updated_at"])
    audit.record(user, "meeting.news_drafted", meeting, council_id=meeting.council_id, agency_id=council.head_agency_id,
                 after={"item": item.pk, "title": item.title})
    return item


# --- Tasks ---------------------------------------------------------------------------------------

def check_deadline(deadline: dt.date, now: dt.datetime | None = None) -> None:
    # A deadline in the past is allowed for records (a task entered late) but not before 1400.
    if deadline.year < 2021:
        raise CouncilError(_("مهلت بسیار قدیمی است."), "deadline")


def _new_task(user, council_id: int, *, title: str, agency: Agency, deadline: dt.date, resolution: Resolution | None = None,
              description: str = "", assignee=None) -> Task:
    status = T.OVERDUE if deadline < today_in_tehran() else T.OPEN
    task = Task.objects.create(
        council_id=council_id, title=title, description=description, agency=agency, deadline=deadline,
        resolution=resolution, assignee=assignee, created_by=_by(user), status=status,
    )
    audit.record(user, "task.created", task, council_id=council_id, agency_id=agency.pk,
                 after={"title": title, "deadline": deadline, "status": status,
                        "resolution": resolution.pk if resolution else None})
    return task


@transaction.atomic
def create_task(user, *, council: Council, title: str, agency, deadline: dt.date, resolution=None, description: str = "",
                assignee=None) -> Task:
    """A task of a member agency (object or id); `resolution` and `assignee` (objects or ids) must
    be of this council and of that agency."""
    _deny(policy.can_manage_council(user, council.pk), _("تنها دبیرخانه شورا وظیفه تعیین می‌کند."))
    title = _text(title, _("عنوان وظیفه"), "title", "task_title", required=True, one_line=True)
    description = _text(description, _("شرح"), "description", "description")
    check_deadline(deadline)
    agency = scope.agency(council.pk, agency)
    return _new_task(user, council.pk, title=title, agency=agency, deadline=deadline,
                     resolution=scope.resolution(council.pk, resolution), description=description,
                     assignee=scope.agency_person(agency, assignee, "assignee"))


@transaction.atomic
def post_progress(user, task: Task, *, note: str, evidence_item=None, evidence_file=None, done: bool = False) -> ProgressUpdate:
    """A progress note of the assigned agency (or the secretariat), with a published item of the
    council's agencies (object or id) and/or a file as evidence; `done` closes the task."""
    _deny(policy.can_report_progress(user, task), _("برای این وظیفه نمی‌توانید گزارش پیشرفت بنویسید."))
    note = _text(note, _("گزارش پیشرفت"), "note", "progress", required=True)
    evidence_item = scope.published_item(task.council_id, evidence_item, "evidence_item")
    if evidence_file is not None:
        evidence_file = _checked_upload(evidence_file, _("پرونده مستند"), "evidence_file")
    update = ProgressUpdate.objects.create(
        task=task, author=_by(user), note=note, evidence_item=evidence_item, evidence_file=evidence_file or "",
    )
    before = task.status
    if done:
        _mark_done(task)
    elif task.status == T.OPEN:
        task.status = T.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
    audit.record(user, "task.progress", task, council_id=task.council_id, agency_id=task.agency_id,
                 before={"status": before},
                 after={"status": task.status, "evidence_item": evidence_item.pk if evidence_item else None,
                        "evidence_file": bool(evidence_file)})
    return update


def _mark_done(task: Task) -> None:
    task.status, task.done_at = T.DONE, timezone.now()
    task.save(update_fields=["status", "done_at", "updated_at"])


def _set_task_status(user, task: Task, action: str, change) -> Task:
    _deny(policy.can_manage_task(user, task), _("تنها دبیرخانه شورا وضعیت وظیفه را تغییر می‌دهد."))
    before = task.status
    change(task)
    audit.record(user, action, task, council_id=task.council_id, agency_id=task.agency_id,
                 before={"status": before}, after={"status": task.status})
    return task


def _close(task: Task) -> None:
    if task.status == T.CANCELLED:
        raise CouncilError(_("وظیفه لغوشده را نمی‌توان بست؛ نخست آن را بازگشایی کنید."))
    if task.status != T.DONE:
        _mark_done(task)


def _reopen(task: Task) -> None:
    task.status = T.OVERDUE if task.deadline < today_in_tehran() else (T.IN_PROGRESS if task.updates.exists() else T.OPEN)
    task.done_at = None
    task.save(update_fields=["status", "done_at", "updated_at"])


def _cancel(task: Task) -> None:
    task.status = T.CANCELLED
    task.save(update_fields=["status", "updated_at"])


@transaction.atomic
def close_task(user, task: Task) -> Task:
    """The secretariat marks the task done."""
    return _set_task_status(user, task, "task.closed", _close)


@transaction.atomic
def reopen_task(user, task: Task) -> Task:
    return _set_task_status(user, task, "task.reopened", _reopen)


@transaction.atomic
def cancel_task(user, task: Task) -> Task:
    return _set_task_status(user, task, "task.cancelled", _cancel)


# --- Calendar feeds ------------------------------------------------------------------------------

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_calendar_feed(user) -> str:
    """A new secret address for the person's iCal feed; the old one stops working. The feed is the
    person's own and belongs to no council."""
    _deny(policy.can_keep_calendar_feed(user), _("برای نشانی تقویم وارد شوید."))
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    feed = CalendarFeed.objects.create(user=user, token_hash=token_hash(token))
    audit.record(user, "calendar_feed.created", feed, object_repr=user.get_username())
    return token


@transaction.atomic
def revoke_calendar_feed(user) -> None:
    _deny(policy.can_keep_calendar_feed(user), _("برای نشانی تقویم وارد شوید."))
    if CalendarFeed.objects.filter(user=user).delete()[0]:
        audit.record(user, "calendar_feed.revoked", None, object_type="council.calendarfeed", object_repr=user.get_username())
