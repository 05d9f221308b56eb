"""Council pages of the workspace: campaigns and proposals, the calendar, meetings, tasks,
compliance. Each view: parse → access (hamafza.policy) → one action (hamafza.council.actions) →
render. Bad input re-renders the page with a Persian message and what was typed (status 400)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.models import Agency, Council
from hamafza.agencies.registry import get_registry
from hamafza.council import actions, calendar, ical as ical_feed, reports
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import jalali_input, parse_date, parse_time, tehran_datetime
from hamafza.council.models import CalendarFeed, Campaign, CampaignItem, Meeting, Notice, ProgramProposal, Task
from hamafza.newsroom.models import NewsItem
from hamafza.persian.digits import read_int, to_ascii_digits
from hamafza.workspace import calendar_grid

GET_POST = require_http_methods(["GET", "POST"])
P = ProgramProposal.Status


# --- Helpers -------------------------------------------------------------------------------------

def _councils(user) -> list:
    """The councils this person works in, the current host's council first."""
    registry = get_registry()
    return [c for c in registry.councils.values() if policy.can_view_council(user, c.id)]


def _council(request):
    councils = _councils(request.user)
    if not councils:
        raise Http404(_("در هیچ شورایی نقشی ندارید."))
    current = getattr(request, "council", None)
    for c in councils:
        if current is not None and c.id == current.id:
            return c
    return councils[0]


def _agencies(council_info) -> list:
    registry = get_registry()
    return [registry.agencies[a] for a in council_info.member_ids if a in registry.agencies]


def _agency_list(council_id: int, ids) -> list[Agency]:
    info = get_registry().councils[council_id]
    wanted = []
    for raw in ids:
        value = read_int(raw)
        if value is None:
            raise CouncilError(_("دستگاه انتخاب‌شده نامعتبر است."), "agencies")
        wanted.append(value)
    agencies = list(Agency.objects.filter(pk__in=wanted))
    if len(agencies) != len(set(wanted)) or any(a.pk not in info.member_ids for a in agencies):
        raise CouncilError(_("دستگاه انتخاب‌شده عضو این شورا نیست."), "agencies")
    return agencies


def _one_agency(council_id: int, raw: str, required: bool = True) -> Agency | None:
    if not raw:
        if required:
            raise CouncilError(_("دستگاه را انتخاب کنید."), "agency")
        return None
    return _agency_list(council_id, [raw])[0]


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("nav", "council")
    context.setdefault("roles", policy.roles_of(request.user))
    return render(request, template, context, status=status)


def _fail(request, template: str, context: dict, error: CouncilError) -> HttpResponse:
    context.update(error=error.message, error_field=error.field, form=request.POST, checked=request.POST.getlist("agencies"))
    return _page(request, template, context, status=400)


def _done(request, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(url)


def _item_from(text: str) -> NewsItem | None:
    """A published item named by its portal address or its number."""
    text = to_ascii_digits((text or "").strip())
    if not text:
        return None
    match = re.search(r"/(?:news|n)/(\d+)", text) or re.fullmatch(r"(\d+)", text)
    item = NewsItem.objects.filter(pk=int(match[1])).first() if match and len(match[1]) < 18 else None
    if item is None or not item.is_public:
        raise CouncilError(_("«%(text)s» نشانی یک خبر منتشرشده نیست.") % {"text": text}, "evidence_item")
    return item


# --- Campaigns -----------------------------------------------------------------------------------

@staff_required
@GET_POST
def campaigns(request):
    council = _council(request)
    can_manage = policy.can_manage_council(request.user, council.id)
    context = {
        "council": council, "can_manage": can_manage, "agencies": _agencies(council), "sub": "campaigns",
        "campaigns": Campaign.objects.filter(council_id=council.id),
    }
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            campaign = actions.create_campaign(
                council=Council.objects.get(pk=council.id), title=request.POST.get("title", ""),
                start_date=parse_date(request.POST.get("start_date"), _("تاریخ آغاز"), "start_date"),
                end_date=parse_date(request.POST.get("end_date"), _("تاریخ پایان"), "end_date"),
                description=request.POST.get("description", ""), hashtags=request.POST.get("hashtags", ""),
                key_messages=request.POST.get("key_messages", ""),
                agencies=_agency_list(council.id, request.POST.getlist("agencies")), created_by=request.user,
            )
        except CouncilError as error:
            return _fail(request, "workspace/council/campaigns.html", context, error)
        return _done(request, _("پویش ساخته شد."), reverse("workspace:council:campaign", args=[campaign.pk]))
    return _page(request, "workspace/council/campaigns.html", context)


@staff_required
@GET_POST
def campaign(request, campaign_id: int):
    campaign = policy.access_campaign(request.user, campaign_id)
    council = get_registry().councils[campaign.council_id]
    roles = policy.roles_of(request.user)
    my_agencies = [a for a in _agencies(council) if roles.member_of(a.id)]
    can_manage = policy.can_manage_council(request.user, campaign.council_id)
    proposals = policy.visible_proposals(request.user).filter(campaign=campaign).select_related("agency")
    context = {
        "campaign": campaign, "council": council, "can_manage": can_manage, "sub": "campaigns",
        "can_propose": policy.can_propose(request.user, campaign), "my_agencies": my_agencies or (_agencies(council) if can_manage else []),
        "proposals": proposals, "kit": campaign.kit_files.all(),
        "items": NewsItem.objects.filter(pk__in=CampaignItem.objects.filter(campaign=campaign).values("item_id")).order_by("-published_at"),
        "agencies": _agencies(council), "checked": [str(a) for a in campaign.agencies.values_list("pk", flat=True)],
        "start_text": jalali_input(campaign.start_date), "end_text": jalali_input(campaign.end_date),
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "propose":
                if not policy.can_propose(request.user, campaign):
                    raise PermissionDenied
                agency = _one_agency(campaign.council_id, request.POST.get("agency", ""))
                if not (can_manage or roles.member_of(agency.pk)):
                    raise PermissionDenied
                actions.propose_program(
                    campaign=campaign, agency=agency, title=request.POST.get("title", ""),
                    date=parse_date(request.POST.get("date"), _("تاریخ برنامه"), "date"),
                    start_time=parse_time(request.POST.get("start_time"), _("ساعت"), "start_time"),
                    place=request.POST.get("place", ""), description=request.POST.get("description", ""),
                    coverage_needed=request.POST.get("coverage_needed", ""), proposed_by=request.user,
                )
                message = _("برنامه پیشنهادی ثبت شد و برای دبیرخانه فرستاده شد.")
            elif what == "edit":
                if not can_manage:
                    raise PermissionDenied
                actions.update_campaign(
                    campaign, title=request.POST.get("title", ""),
                    start_date=parse_date(request.POST.get("start_date"), _("تاریخ آغاز"), "start_date"),
                    end_date=parse_date(request.POST.get("end_date"), _("تاریخ پایان"), "end_date"),
                    description=request.POST.get("description", ""), hashtags=request.POST.get("hashtags", ""),
                    key_messages=request.POST.get("key_messages", ""),
                    agencies=_agency_list(campaign.council_id, request.POST.getlist("agencies")),
                )
                message = _("پویش به‌روز شد.")
            elif what in ("kit", "tag"):
                if not can_manage:
                    raise PermissionDenied
                if what == "kit":
                    actions.add_kit_file(campaign, request.POST.get("title", ""), request.FILES.get("file"))
                    message = _("پرونده به بسته محتوایی افزوده شد.")
                else:
                    item = _item_from(request.POST.get("item", ""))
                    if item is None:
                        raise CouncilError(_("نشانی خبر را وارد کنید."), "item")
                    actions.tag_item(campaign, item)
                    message = _("خبر به پویش پیوست.")
            else:
                raise CouncilError(_("درخواست نامعتبر است."))
        except CouncilError as error:
            return _fail(request, "workspace/council/campaign.html", context, error)
        return _done(request, message, request.path)
    return _page(request, "workspace/council/campaign.html", context)


@staff_required
@GET_POST
def proposal(request, proposal_id: int):
    proposal = policy.access_proposal(request.user, proposal_id)
    can_review = policy.can_manage_council(request.user, proposal.campaign.council_id)
    context = {
        "proposal": proposal, "campaign": proposal.campaign, "can_review": can_review, "sub": "campaigns",
        "can_edit": policy.can_edit_proposal(request.user, proposal) and proposal.status in (P.PROPOSED, P.CHANGES_REQUESTED),
        "date_text": jalali_input(proposal.date),
        "time_text": proposal.start_time.strftime("%H:%M") if proposal.start_time else "",
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "review":
                if not can_review:
                    raise PermissionDenied
                actions.review_proposal(proposal, request.POST.get("decision", ""), request.POST.get("note", ""), by=request.user)
                message = _("تصمیم دبیرخانه ثبت شد.")
            elif what == "edit":
                if not context["can_edit"]:
                    raise PermissionDenied
                actions.update_proposal(
                    proposal, title=request.POST.get("title", ""),
                    date=parse_date(request.POST.get("date"), _("تاریخ برنامه"), "date"),
                    start_time=parse_time(request.POST.get("start_time"), _("ساعت"), "start_time"),
                    place=request.POST.get("place", ""), description=request.POST.get("description", ""),
                    coverage_needed=request.POST.get("coverage_needed", ""),
                )
                message = _("برنامه به‌روز شد.")
            else:
                raise CouncilError(_("درخواست نامعتبر است."))
        except CouncilError as error:
            proposal.refresh_from_db()
            return _fail(request, "workspace/council/proposal.html", context, error)
        return _done(request, message, request.path)
    return _page(request, "workspace/council/proposal.html", context)


# --- Calendar ------------------------------------------------------------------------------------

@staff_required
@require_GET
def calendar_page(request):
    """The council's shared calendar; the grid is the workspace's reusable one (calendar_grid)."""
    today = actions.today_in_tehran()
    span = calendar_grid.read_span(request.GET, today)
    councils = _councils(request.user)
    registry = get_registry()
    agency_ids = sorted({a for c in councils for a in c.member_ids})
    agency_filter = request.GET.get("agency") or ""
    agency = None
    if agency_filter:
        agency = calendar_grid.read_int(agency_filter, 0, 1, 2**62)
        if agency not in agency_ids:
            raise Http404(_("چنین دستگاهی در شوراهای شما نیست."))
    kinds = [k for k in request.GET.getlist("kind") if k in {s.kind for s in calendar.sources()}]
    events = calendar.collect(request.user, span.start, span.end, [agency] if agency else None, kinds or None)
    agency_names = {a: registry.agencies[a].short_name for a in agency_ids if a in registry.agencies}
    context = {
        "sub": "calendar", "sources": calendar.sources(), "kinds": kinds, "agency": agency,
        "agencies": [registry.agencies[a] for a in agency_ids if a in registry.agencies],
        "agency_names": agency_names, "event_count": len(events),
    }
    filters = "".join(f"&kind={k}" for k in kinds) + (f"&agency={agency}" if agency else "")
    context.update(calendar_grid.build(span, events, today, agency_names, filters))
    return _page(request, "workspace/council/calendar.html", context)


@staff_required
@GET_POST
def calendar_feed(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            actions.revoke_calendar_feed(request.user)
            messages.success(request, _("نشانی تقویم باطل شد."))
            return HttpResponseRedirect(request.path)
        token = actions.create_calendar_feed(request.user)
    url = request.build_absolute_uri(reverse("workspace:council:ical", args=[token])) if token else None
    return _page(request, "workspace/council/feed.html", {
        "url": url, "has_feed": CalendarFeed.objects.filter(user=request.user).exists(), "sub": "calendar",
    })


@require_GET
def ical(request, token: str):
    """The personal feed: no session, the secret address is the key (it can be revoked)."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=actions.token_hash(token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("این نشانی تقویم معتبر نیست یا باطل شده است."))
    response = HttpResponse(ical_feed.build(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# --- Meetings ------------------------------------------------------------------------------------

@staff_required
@GET_POST
def meetings(request):
    council = _council(request)
    can_manage = policy.can_manage_council(request.user, council.id)
    context = {
        "council": council, "can_manage": can_manage, "agencies": _agencies(council), "sub": "meetings",
        "meetings": policy.visible_meetings(request.user).filter(council_id=council.id),
    }
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            day = parse_date(request.POST.get("date"), _("تاریخ نشست"), "date")
            time = parse_time(request.POST.get("time"), _("ساعت نشست"), "time", required=True)
            meeting = actions.create_meeting(
                council=Council.objects.get(pk=council.id), title=request.POST.get("title", ""),
                starts_at=tehran_datetime(day, time), place=request.POST.get("place", ""),
                invited=_agency_list(council.id, request.POST.getlist("agencies")), created_by=request.user,
            )
        except CouncilError as error:
            return _fail(request, "workspace/council/meetings.html", context, error)
        return _done(request, _("نشست ثبت شد."), reverse("workspace:council:meeting", args=[meeting.pk]))
    return _page(request, "workspace/council/meetings.html", context)


def _meeting_context(request, meeting: Meeting) -> dict:
    registry = get_registry()
    council = registry.councils[meeting.council_id]
    invited = list(meeting.invited_agencies.values_list("pk", flat=True))
    roles = policy.roles_of(request.user)
    reports_qs = meeting.reports.all()
    if not policy.can_oversee_council(request.user, meeting.council_id):
        reports_qs = reports_qs.filter(agency_id__in=list(roles.agencies))
    return {
        "meeting": meeting, "council": council, "sub": "meetings",
        "can_manage": policy.can_manage_council(request.user, meeting.council_id),
        "invited": [registry.agencies[a] for a in invited if a in registry.agencies],
        "agencies": _agencies(council),
        "agenda": meeting.agenda.select_related("agency"),
        "attendance": meeting.attendance.select_related("agency"),
        "resolutions": meeting.resolutions.prefetch_related("tasks__agency"),
        "reports": reports_qs.select_related("agency"),
        "minutes_date": jalali_input(meeting.starts_at.date()),
    }


@staff_required
@GET_POST
def meeting(request, meeting_id: int):
    meeting = policy.access_meeting(request.user, meeting_id)
    context = _meeting_context(request, meeting)
    if request.method == "POST":
        meeting = policy.access_meeting(request.user, meeting_id, for_write=True)
        what = request.POST.get("action")
        post = request.POST
        try:
            if what == "agenda":
                actions.add_agenda_item(meeting, post.get("title", ""), _one_agency(meeting.council_id, post.get("agency", ""), False),
                                        asks_report=bool(post.get("asks_report")))
                message = _("به دستور جلسه افزوده شد.")
            elif what == "attendee":
                actions.add_attendee(meeting, name=post.get("name", ""), title=post.get("title", ""), quote=post.get("quote", ""),
                                     agency=_one_agency(meeting.council_id, post.get("agency", ""), False))
                message = _("حاضر ثبت شد.")
            elif what == "minutes":
                actions.save_minutes(meeting, post.get("minutes", ""))
                message = _("صورت‌جلسه ذخیره شد.")
            elif what == "resolution":
                agencies = _agency_list(meeting.council_id, post.getlist("agencies"))
                if not agencies:
                    raise CouncilError(_("دست‌کم یک دستگاه مسئول برای مصوبه انتخاب کنید."), "agencies")
                deadline = parse_date(post.get("deadline"), _("مهلت"), "deadline")
                actions.add_resolution(meeting, post.get("text", ""), [(a, deadline) for a in agencies], created_by=request.user)
                message = _("مصوبه ثبت شد و وظایف دستگاه‌ها ساخته شد.")
            elif what == "report":
                agency = _one_agency(meeting.council_id, post.get("agency", ""))
                report = actions.draft_activity_report(
                    meeting, agency, parse_date(post.get("period_start"), _("آغاز دوره"), "period_start"),
                    parse_date(post.get("period_end"), _("پایان دوره"), "period_end"),
                )
                return _done(request, _("پیش‌نویس گزارش عملکرد از داده‌های سامانه ساخته شد."),
                             reverse("workspace:council:report", args=[report.pk]))
            elif what == "news":
                item = actions.draft_meeting_news(meeting, created_by=request.user)
                return _done(request, _("پیش‌نویس خبر نشست ساخته شد."), reverse("workspace:item", args=[item.pk]))
            else:
                raise CouncilError(_("درخواست نامعتبر است."))
        except CouncilError as error:
            return _fail(request, "workspace/council/meeting.html", context, error)
        return _done(request, message, request.path)
    return _page(request, "workspace/council/meeting.html", context)


@staff_required
@require_GET
def minutes_pdf(request, meeting_id: int):
    from hamafza.council.pdf import minutes_pdf as render_pdf

    meeting = policy.access_meeting(request.user, meeting_id)
    response = HttpResponse(render_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    return response


@staff_required
@GET_POST
def report(request, report_id: int):
    report = policy.access_report(request.user, report_id)
    context = {"report": report, "meeting": report.meeting, "sub": "meetings",
               "can_edit": policy.roles_of(request.user).member_of(report.agency_id)
               or policy.can_manage_council(request.user, report.meeting.council_id)}
    if request.method == "POST":
        report = policy.access_report(request.user, report_id, for_write=True)
        actions.save_report_text(report, request.POST.get("narrative", ""), request.POST.get("proposals", ""))
        return _done(request, _("گزارش ذخیره شد."), request.path)
    return _page(request, "workspace/council/report.html", context)


# --- Tasks ---------------------------------------------------------------------------------------

def _task_rows(qs):
    return qs.select_related("agency", "assignee", "resolution__meeting").order_by("deadline", "id")


@staff_required
@require_GET
def tasks(request):
    qs = policy.visible_tasks(request.user)
    status = request.GET.get("status", "")
    if status in Task.Status.values:
        qs = qs.filter(status=status)
    return _page(request, "workspace/council/tasks.html", {
        "tasks": _task_rows(qs)[:300], "status": status, "statuses": Task.Status.choices, "sub": "tasks", "heading": _("وظایف"),
    })


@staff_required
@require_GET
def my_tasks(request):
    roles = policy.roles_of(request.user)
    qs = policy.visible_tasks(request.user).filter(agency_id__in=list(roles.agencies)).exclude(
        status__in=(Task.Status.DONE, Task.Status.CANCELLED)
    )
    notices = list(Notice.objects.filter(user=request.user, read_at__isnull=True)[:20])
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(read_at=timezone.now())
    return _page(request, "workspace/council/tasks.html", {
        "tasks": _task_rows(qs), "notices": notices, "mine": True, "sub": "my_tasks", "heading": _("وظایف من"),
    })


@staff_required
@require_GET
def desk_tasks(request):
    """The "my tasks" section of the desk, loaded by htmx from workspace/council/_desk_slot.html."""
    roles = policy.roles_of(request.user)
    if not roles.agencies:
        return HttpResponse("")
    qs = policy.visible_tasks(request.user).filter(agency_id__in=list(roles.agencies)).exclude(
        status__in=(Task.Status.DONE, Task.Status.CANCELLED)
    )
    return render(request, "workspace/council/_desk_tasks.html", {"tasks": _task_rows(qs)[:10]})


@staff_required
@GET_POST
def task(request, task_id: int):
    task = policy.access_task(request.user, task_id)
    can_manage = policy.can_manage_council(request.user, task.council_id)
    context = {
        "task": task, "can_manage": can_manage, "can_report": policy.can_report_progress(request.user, task),
        "updates": task.updates.select_related("author", "evidence_item"), "sub": "tasks",
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "progress":
                task = policy.access_task(request.user, task_id, for_write=True)
                actions.post_progress(
                    task, author=request.user, note=request.POST.get("note", ""),
                    evidence_item=_item_from(request.POST.get("evidence_item", "")),
                    evidence_file=request.FILES.get("evidence_file"), done=bool(request.POST.get("done")),
                )
                message = _("گزارش پیشرفت ثبت شد.")
            elif what in ("close", "reopen", "cancel"):
                if not can_manage:
                    raise PermissionDenied
                {"close": actions.close_task, "reopen": actions.reopen_task, "cancel": actions.cancel_task}[what](task)
                message = _("وضعیت وظیفه به‌روز شد.")
            else:
                raise CouncilError(_("درخواست نامعتبر است."))
        except CouncilError as error:
            return _fail(request, "workspace/council/task.html", context, error)
        return _done(request, message, request.path)
    return _page(request, "workspace/council/task.html", context)


@staff_required
@require_GET
def compliance(request):
    council = _council(request)
    if not policy.can_oversee_council(request.user, council.id):
        raise Http404
    registry = get_registry()
    rows = reports.compliance(council.id, list(council.member_ids))
    for row in rows:
        info = registry.agencies.get(row["agency_id"])
        row["name"] = info.name if info else ""
    return _page(request, "workspace/council/compliance.html", {"council": council, "rows": rows, "sub": "compliance"})
