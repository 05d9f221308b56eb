"""Council pages of the workspace: campaigns and proposals, the calendar, meetings, tasks,
compliance. Each view: parse → read access (hamafza.policy.access_*: 404 for what the person may
not see) → one action (hamafza.council.actions, which checks the person's right to change it:
403) → render. Policy is asked here only to decide what to SHOW. Bad input re-renders the page
with a Persian message and what was typed (status 400). GET never changes anything."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.models import Council
from hamafza.agencies.registry import get_registry
from hamafza.council import actions, calendar, ical as ical_feed, reports
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import item_ref, jalali_input, parse_date, parse_time, tehran_datetime
from hamafza.council.models import CalendarFeed, Campaign, CampaignItem, Meeting, Task
from hamafza.council.reminders import NOTICE_KINDS
from hamafza.newsroom.models import NewsItem
from hamafza.notifications import inbox
from hamafza.workspace import calendar_grid

GET_POST = require_http_methods(["GET", "POST"])


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
        try:
            campaign = actions.create_campaign(
                request.user, council=Council.objects.get(pk=council.id), title=request.POST.get("title", ""),
                start_date=parse_date(request.POST.get("start_date"), _("تاریخ آغاز"), "start_date"),
                end_date=parse_date(request.POST.get("end_date"), _("تاریخ پایان"), "end_date"),
                description=request.POST.get("description", ""), hashtags=request.POST.get("hashtags", ""),
                key_messages=request.POST.get("key_messages", ""), agencies=request.POST.getlist("agencies"),
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
    can_manage = policy.can_manage_campaign(request.user, campaign)
    proposals = policy.visible_proposals(request.user).filter(campaign=campaign).select_related("agency")
    context = {
        "campaign": campaign, "council": council, "can_manage": can_manage, "sub": "campaigns",
        "can_propose": policy.can_propose(request.user, campaign),
        "my_agencies": [a for a in _agencies(council) if policy.can_propose_for(request.user, campaign, a.id)],
        "proposals": proposals, "kit": campaign.kit_files.all(),
        "items": NewsItem.objects.filter(  # an item unpublished since it was tagged is no longer shown
            pk__in=CampaignItem.objects.filter(campaign=campaign).values("item_id"), status=NewsItem.Status.PUBLISHED,
        ).order_by("-published_at"),
        "agencies": _agencies(council), "checked": [str(a) for a in campaign.agencies.values_list("pk", flat=True)],
        "start_text": jalali_input(campaign.start_date), "end_text": jalali_input(campaign.end_date),
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "propose":
                actions.propose_program(
                    request.user, campaign=campaign, agency=request.POST.get("agency", ""), title=request.POST.get("title", ""),
                    date=parse_date(request.POST.get("date"), _("تاریخ برنامه"), "date"),
                    start_time=parse_time(request.POST.get("start_time"), _("ساعت"), "start_time"),
                    place=request.POST.get("place", ""), description=request.POST.get("description", ""),
                    coverage_needed=request.POST.get("coverage_needed", ""),
                )
                message = _("برنامه پیشنهادی ثبت شد و برای دبیرخانه فرستاده شد.")
            elif what == "edit":
                actions.update_campaign(
                    request.user, campaign, title=request.POST.get("title", ""),
                    start_date=parse_date(request.POST.get("start_date"), _("تاریخ آغاز"), "start_date"),
                    end_date=parse_date(request.POST.get("end_date"), _("تاریخ پایان"), "end_date"),
                    description=request.POST.get("description", ""), hashtags=request.POST.get("hashtags", ""),
                    key_messages=request.POST.get("key_messages", ""), agencies=request.POST.getlist("agencies"),
                )
                message = _("پویش به‌روز شد.")
            elif what == "kit":
                actions.add_kit_file(request.user, campaign, request.POST.get("title", ""), request.FILES.get("file"))
                message = _("پرونده به بسته محتوایی افزوده شد.")
            elif what == "tag":
                actions.tag_item(request.user, campaign, item_ref(request.POST.get("item", ""), "item"))
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
    context = {
        "proposal": proposal, "campaign": proposal.campaign, "sub": "campaigns",
        "can_review": policy.can_review_proposal(request.user, proposal),
        "can_edit": policy.can_edit_proposal(request.user, proposal),
        "date_text": jalali_input(proposal.date),
        "time_text": proposal.start_time.strftime("%H:%M") if proposal.start_time else "",
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "review":
                actions.review_proposal(request.user, proposal, request.POST.get("decision", ""), request.POST.get("note", ""))
                message = _("تصمیم دبیرخانه ثبت شد.")
            elif what == "edit":
                actions.update_proposal(
                    request.user, proposal, title=request.POST.get("title", ""),
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
    """GET shows whether the person has an address; POST makes a new one (shown once) or revokes it."""
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
    context = {
        "council": council, "can_manage": policy.can_manage_council(request.user, council.id), "agencies": _agencies(council),
        "sub": "meetings", "meetings": policy.visible_meetings(request.user).filter(council_id=council.id),
    }
    if request.method == "POST":
        try:
            day = parse_date(request.POST.get("date"), _("تاریخ نشست"), "date")
            time = parse_time(request.POST.get("time"), _("ساعت نشست"), "time", required=True)
            meeting = actions.create_meeting(
                request.user, council=Council.objects.get(pk=council.id), title=request.POST.get("title", ""),
                starts_at=tehran_datetime(day, time), place=request.POST.get("place", ""),
                invited=request.POST.getlist("agencies"),
            )
        except CouncilError as error:
            return _fail(request, "workspace/council/meetings.html", context, error)
        return _done(request, _("نشست ثبت شد."), reverse("workspace:council:meeting", args=[meeting.pk]))
    return _page(request, "workspace/council/meetings.html", context)


def _meeting_context(request, meeting: Meeting) -> dict:
    registry = get_registry()
    council = registry.councils[meeting.council_id]
    invited = list(meeting.invited_agencies.values_list("pk", flat=True))
    reports_shown = [r for r in meeting.reports.select_related("agency")
                     if policy.can_view_agency_work(request.user, meeting.council_id, r.agency_id)]
    return {
        "meeting": meeting, "council": council, "sub": "meetings",
        "can_manage": policy.can_manage_meeting(request.user, meeting),
        "invited": [registry.agencies[a] for a in invited if a in registry.agencies],
        "agencies": _agencies(council),
        "agenda": meeting.agenda.select_related("agency"),
        "attendance": meeting.attendance.select_related("agency"),
        "resolutions": meeting.resolutions.prefetch_related("tasks__agency"),
        "reports": reports_shown,
        "minutes_date": jalali_input(meeting.starts_at.date()),
    }


@staff_required
@GET_POST
def meeting(request, meeting_id: int):
    meeting = policy.access_meeting(request.user, meeting_id)
    context = _meeting_context(request, meeting)
    if request.method == "POST":
        what, post, user = request.POST.get("action"), request.POST, request.user
        try:
            if what == "agenda":
                actions.add_agenda_item(user, meeting, post.get("title", ""), post.get("agency", ""),
                                        asks_report=bool(post.get("asks_report")))
                message = _("به دستور جلسه افزوده شد.")
            elif what == "attendee":
                actions.add_attendee(user, meeting, name=post.get("name", ""), title=post.get("title", ""),
                                     quote=post.get("quote", ""), agency=post.get("agency", ""))
                message = _("حاضر ثبت شد.")
            elif what == "minutes":
                actions.save_minutes(user, meeting, post.get("minutes", ""))
                message = _("صورت‌جلسه ذخیره شد.")
            elif what == "resolution":
                deadline = parse_date(post.get("deadline"), _("مهلت"), "deadline")
                actions.add_resolution(user, meeting, post.get("text", ""), [(a, deadline) for a in post.getlist("agencies")])
                message = _("مصوبه ثبت شد و وظایف دستگاه‌ها ساخته شد.")
            elif what == "report":
                report = actions.draft_activity_report(
                    user, meeting, post.get("agency", ""), parse_date(post.get("period_start"), _("آغاز دوره"), "period_start"),
                    parse_date(post.get("period_end"), _("پایان دوره"), "period_end"),
                )
                return _done(request, _("پیش‌نویس گزارش عملکرد از داده‌های سامانه ساخته شد."),
                             reverse("workspace:council:report", args=[report.pk]))
            elif what == "news":
                item = actions.draft_meeting_news(user, meeting)
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
    context = {"report": report, "meeting": report.meeting, "sub": "meetings", "can_edit": policy.can_edit_report(request.user, report)}
    if request.method == "POST":
        try:
            actions.save_report_text(request.user, report, request.POST.get("narrative", ""), request.POST.get("proposals", ""))
        except CouncilError as error:
            return _fail(request, "workspace/council/report.html", context, error)
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
    # The person's unread task reminders, from the one inbox; opening one (a POST) marks it read.
    notices = inbox.unread_of_kinds(request.user, NOTICE_KINDS.values(), limit=20)
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
    context = {
        "task": task, "can_manage": policy.can_manage_task(request.user, task), "can_report": policy.can_report_progress(request.user, task),
        "updates": task.updates.select_related("author", "evidence_item"), "sub": "tasks",
    }
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "progress":
                actions.post_progress(
                    request.user, task, note=request.POST.get("note", ""),
                    evidence_item=item_ref(request.POST.get("evidence_item", ""), "evidence_item"),
                    evidence_file=request.FILES.get("evidence_file"), done=bool(request.POST.get("done")),
                )
                message = _("گزارش پیشرفت ثبت شد.")
            elif what in ("close", "reopen", "cancel"):
                {"close": actions.close_task, "reopen": actions.reopen_task, "cancel": actions.cancel_task}[what](request.user, task)
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
