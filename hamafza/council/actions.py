"""Every write of the council app: campaigns, proposals, meetings, resolutions, tasks, reports,
calendar feeds. Views, commands, the demo and the scheduler all change things through these.
Bad input raises CouncilError with a Persian message, before anything is saved."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from hamafza.agencies.models import Agency, Council
from hamafza.agencies.registry import get_registry
from hamafza.core import uploads
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.sanitize import clean_html
from hamafza.persian import jalali
from hamafza.persian.slugs import slugify_fa

from .errors import CouncilError
from .models import (
    ActivityReport, AgendaItem, Attendance, CalendarFeed, Campaign, CampaignItem, ContentKitFile, Meeting, ProgramProposal,
    ProgressUpdate, Resolution, Task,
)

P = ProgramProposal.Status
T = Task.Status
ACTIVE_TASK_STATES = (T.OPEN, T.IN_PROGRESS, T.OVERDUE)


def _require(text: str, label: str, field: str = "") -> str:
    text = " ".join((text or "").split())
    if not text:
        raise CouncilError(_("%(label)s را وارد کنید.") % {"label": label}, field)
    return text


def _check_members(council_id: int, agencies: Iterable[Agency]) -> None:
    info = get_registry().councils.get(council_id)
    members = set(info.member_ids) if info else set()
    for agency in agencies:
        if agency.pk not in members:
            raise CouncilError(_("«%(agency)s» عضو این شورا نیست.") % {"agency": agency.name}, "agencies")


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


def _unique_slug(council: Council, title: str, exclude: int | None = None) -> str:
    base = slugify_fa(title)[:100] or "پویش"
    slug, n = base, 1
    while Campaign.objects.filter(council=council, slug=slug).exclude(pk=exclude).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_campaign(
    *, council: Council, title: str, start_date: dt.date, end_date: dt.date, description: str = "", hashtags: str = "",
    key_messages: str = "", agencies: Sequence[Agency] = (), created_by=None,
) -> Campaign:
    title = _require(title, _("عنوان پویش"), "title")
    check_campaign_dates(start_date, end_date)
    _check_members(council.pk, agencies)
    campaign = Campaign.objects.create(
        council=council, title=title, slug=_unique_slug(council, title), description=description.strip(),
        hashtags=" ".join(hashtags.split()), key_messages=key_messages.strip(), start_date=start_date, end_date=end_date,
        created_by=created_by,
    )
    campaign.agencies.set(agencies)
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, title: str, start_date: dt.date, end_date: dt.date, description: str = "",
                    hashtags: str = "", key_messages: str = "", agencies: Sequence[Agency] = ()) -> Campaign:
    title = _require(title, _("عنوان پویش"), "title")
    check_campaign_dates(start_date, end_date)
    _check_members(campaign.council_id, agencies)
    outside = campaign.proposals.exclude(status=P.DECLINED).exclude(date__range=(start_date, end_date))
    if outside.exists():
        raise CouncilError(_("برخی برنامه‌های پیشنهادی بیرون از این بازه می‌افتند؛ نخست آن‌ها را جابه‌جا کنید."), "start_date")
    campaign.title, campaign.description = title, description.strip()
    campaign.hashtags, campaign.key_messages = " ".join(hashtags.split()), key_messages.strip()
    campaign.start_date, campaign.end_date = start_date, end_date
    campaign.save()
    campaign.agencies.set(agencies)
    return campaign


def _checked_upload(upload, what: str, field: str):
    """The upload checked by the one upload validator and renamed (hamafza/core/uploads.py)."""
    try:
        return uploads.accept(upload, what=what)
    except uploads.UploadError as error:
        raise CouncilError(error.messages[0] + " " + _("پرونده را دوباره انتخاب کنید."), field) from None


def add_kit_file(campaign: Campaign, title: str, file) -> ContentKitFile:
    title = _require(title, _("عنوان پرونده"), "title")
    if file is None:
        raise CouncilError(_("پرونده‌ای انتخاب نشده است."), "file")
    file = _checked_upload(file, _("پرونده بسته محتوایی"), "file")
    return ContentKitFile.objects.create(campaign=campaign, title=title, file=file)


def tag_item(campaign: Campaign, item: NewsItem) -> CampaignItem:
    link, _created = CampaignItem.objects.get_or_create(campaign=campaign, item=item)
    return link


def untag_item(campaign: Campaign, item: NewsItem) -> None:
    CampaignItem.objects.filter(campaign=campaign, item=item).delete()


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


@transaction.atomic
def propose_program(
    *, campaign: Campaign, agency: Agency, title: str, date: dt.date, start_time: dt.time | None = None, place: str = "",
    description: str = "", coverage_needed: str = "", proposed_by=None,
) -> ProgramProposal:
    title = _require(title, _("عنوان برنامه"), "title")
    check_program_date(campaign, date)
    _check_members(campaign.council_id, [agency])
    return ProgramProposal.objects.create(
        campaign=campaign, agency=agency, title=title, date=date, start_time=start_time, place=place.strip(),
        description=description.strip(), coverage_needed=coverage_needed.strip(), proposed_by=proposed_by,
    )


@transaction.atomic
def update_proposal(proposal: ProgramProposal, *, title: str, date: dt.date, start_time: dt.time | None = None,
                    place: str = "", description: str = "", coverage_needed: str = "") -> ProgramProposal:
    title = _require(title, _("عنوان برنامه"), "title")
    check_program_date(proposal.campaign, date)
    proposal.title, proposal.date, proposal.start_time = title, date, start_time
    proposal.place, proposal.description, proposal.coverage_needed = place.strip(), description.strip(), coverage_needed.strip()
    if proposal.status == P.CHANGES_REQUESTED:
        proposal.status = P.PROPOSED  # back to the secretariat
    proposal.save()
    return proposal


@transaction.atomic
def review_proposal(proposal: ProgramProposal, decision: str, note: str = "", by=None) -> ProgramProposal:
    if decision not in (P.APPROVED, P.CHANGES_REQUESTED, P.DECLINED):
        raise CouncilError(_("تصمیم نامعتبر است."), "decision")
    note = note.strip()
    if decision == P.CHANGES_REQUESTED and not note:
        raise CouncilError(_("بنویسید چه اصلاحی لازم است."), "note")
    proposal.status, proposal.review_note = decision, note
    proposal.reviewed_by, proposal.reviewed_at = by, timezone.now()
    proposal.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    return proposal


# --- Meetings ------------------------------------------------------------------------------------

@transaction.atomic
def create_meeting(*, council: Council, title: str, starts_at: dt.datetime, place: str = "",
                   invited: Sequence[Agency] = (), created_by=None) -> Meeting:
    title = _require(title, _("عنوان نشست"), "title")
    if not invited:
        raise CouncilError(_("دست‌کم یک دستگاه را به نشست دعوت کنید."), "agencies")
    _check_members(council.pk, invited)
    meeting = Meeting.objects.create(council=council, title=title, starts_at=starts_at, place=place.strip(), created_by=created_by)
    meeting.invited_agencies.set(invited)
    return meeting


def add_agenda_item(meeting: Meeting, title: str, agency: Agency | None = None, asks_report: bool = False) -> AgendaItem:
    title = _require(title, _("موضوع دستور جلسه"), "title")
    if asks_report and agency is None:
        raise CouncilError(_("برای درخواست گزارش عملکرد، دستگاه را انتخاب کنید."), "agency")
    order = meeting.agenda.count() + 1
    with transaction.atomic():
        entry = AgendaItem.objects.create(meeting=meeting, order=order, title=title, agency=agency, asks_report=asks_report)
        if asks_report and not meeting.reports.filter(agency=agency).exists():
            # The office finds its report drafted from the platform's records of the last 30 days,
            # and adds its narrative and proposals before the meeting.
            day = jalali.to_tehran(meeting.starts_at).date()
            draft_activity_report(meeting, agency, day - dt.timedelta(days=30), day - dt.timedelta(days=1))
    return entry


def add_attendee(meeting: Meeting, *, name: str, title: str = "", agency: Agency | None = None, quote: str = "",
                 user=None) -> Attendance:
    name = _require(name, _("نام حاضر"), "name")
    order = meeting.attendance.count() + 1
    return Attendance.objects.create(
        meeting=meeting, order=order, name=name, title=" ".join(title.split()), agency=agency, quote=quote.strip(), user=user,
    )


def save_minutes(meeting: Meeting, html: str) -> Meeting:
    meeting.minutes = clean_html(html)
    meeting.save(update_fields=["minutes", "updated_at"])
    return meeting


def check_deadline(deadline: dt.date, now: dt.datetime | None = None) -> None:
    # A deadline in the past is allowed for records (a task entered late) but not before 1400.
    if deadline.year < 2021:
        raise CouncilError(_("مهلت بسیار قدیمی است."), "deadline")


@transaction.atomic
def add_resolution(meeting: Meeting, text: str, assignments: Sequence[tuple[Agency, dt.date]] = (), created_by=None,
                   assignee=None) -> Resolution:
    """A resolution and, for each (agency, deadline), a task of that agency."""
    text = _require(text, _("متن مصوبه"), "text")
    _check_members(meeting.council_id, [agency for agency, _deadline in assignments])
    number = (meeting.resolutions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    resolution = Resolution.objects.create(meeting=meeting, number=number, text=text)
    for agency, deadline in assignments:
        create_task(
            council_id=meeting.council_id, title=text, agency=agency, deadline=deadline, resolution=resolution,
            created_by=created_by, assignee=assignee,
        )
    return resolution


# --- Tasks ---------------------------------------------------------------------------------------

@transaction.atomic
def create_task(*, council_id: int, title: str, agency: Agency, deadline: dt.date, resolution: Resolution | None = None,
                description: str = "", assignee=None, created_by=None) -> Task:
    title = _require(title, _("عنوان وظیفه"), "title")
    check_deadline(deadline)
    _check_members(council_id, [agency])
    if assignee is not None and not assignee.memberships.filter(agency=agency).exists():
        raise CouncilError(_("مسئول انتخاب‌شده عضو «%(agency)s» نیست.") % {"agency": agency.name}, "assignee")
    status = T.OVERDUE if deadline < today_in_tehran() else T.OPEN
    return Task.objects.create(
        council_id=council_id, title=title[:300], description=description.strip(), agency=agency, deadline=deadline,
        resolution=resolution, assignee=assignee, created_by=created_by, status=status,
    )


@transaction.atomic
def post_progress(task: Task, *, author, note: str, evidence_item: NewsItem | None = None, evidence_file=None,
                  done: bool = False) -> ProgressUpdate:
    note = _require(note, _("گزارش پیشرفت"), "note")
    if task.status == T.CANCELLED:
        raise CouncilError(_("این وظیفه لغو شده است."))
    if evidence_item is not None and not evidence_item.is_public:
        raise CouncilError(_("مستند باید خبری منتشرشده باشد."), "evidence_item")
    if evidence_file is not None:
        evidence_file = _checked_upload(evidence_file, _("پرونده مستند"), "evidence_file")
    update = ProgressUpdate.objects.create(
        task=task, author=author, note=note, evidence_item=evidence_item, evidence_file=evidence_file or "",
    )
    if done:
        _mark_done(task)
    elif task.status == T.OPEN:
        task.status = T.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
    return update


def _mark_done(task: Task) -> None:
    task.status, task.done_at = T.DONE, timezone.now()
    task.save(update_fields=["status", "done_at", "updated_at"])


def close_task(task: Task) -> Task:
    """The secretariat marks the task done."""
    if task.status == T.CANCELLED:
        raise CouncilError(_("وظیفه لغوشده را نمی‌توان بست؛ نخست آن را بازگشایی کنید."))
    if task.status != T.DONE:
        _mark_done(task)
    return task


def reopen_task(task: Task) -> Task:
    task.status = T.OVERDUE if task.deadline < today_in_tehran() else (T.IN_PROGRESS if task.updates.exists() else T.OPEN)
    task.done_at = None
    task.save(update_fields=["status", "done_at", "updated_at"])
    return task


def cancel_task(task: Task) -> Task:
    task.status = T.CANCELLED
    task.save(update_fields=["status", "updated_at"])
    return task


# --- Activity reports ----------------------------------------------------------------------------

@transaction.atomic
def draft_activity_report(meeting: Meeting, agency: Agency, start: dt.date, end: dt.date) -> ActivityReport:
    """The figures of an agency's report for the period, drafted from the platform's records.
    Drafting again refreshes the figures and keeps the narrative."""
    from .reports import activity_figures

    if end < start:
        raise CouncilError(_("پایان دوره پیش از آغاز آن است."), "period_end")
    figures = activity_figures(agency.pk, start, end)
    report, _created = ActivityReport.objects.update_or_create(
        meeting=meeting, agency=agency, defaults={"period_start": start, "period_end": end, "figures": figures},
    )
    return report


def save_report_text(report: ActivityReport, narrative: str, proposals: str) -> ActivityReport:
    report.narrative, report.proposals = narrative.strip(), proposals.strip()
    report.save(update_fields=["narrative", "proposals", "updated_at"])
    return report


# --- A meeting becomes news -----------------------------------------------------------------------

def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


@transaction.atomic
def draft_meeting_news(meeting: Meeting, created_by=None) -> NewsItem:
    """One draft news item about the meeting in the newsroom of the council's head agency: who
    met, who spoke (with their titles), what they said, and the decisions. It is edited and
    published like any other item."""
    from hamafza.newsroom.actions import LIMITS, draft_for_agency

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
    item = draft_for_agency(created_by, council.head_agency, {
        "kicker": council.name[:LIMITS["kicker"]],
        "title": title[:LIMITS["title"]],
        "lead": lead if len(lead) <= LIMITS["lead"] else "",  # the body opens with it anyway
        "body": "".join(body),
    })
    meeting.news_item = item
    meeting.save(update_fields=["news_item", "updated_at"])
    return item


# --- Calendar feeds ------------------------------------------------------------------------------

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_calendar_feed(user) -> str:
    """A new secret address for the person's iCal feed; the old one stops working."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user).delete()
    CalendarFeed.objects.create(user=user, token_hash=token_hash(token))
    return token


def revoke_calendar_feed(user) -> None:
    CalendarFeed.objects.filter(user=user).delete()
