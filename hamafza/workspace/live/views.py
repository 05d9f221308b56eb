"""Live events and the status board in the workspace. Each view: parse → access (hamafza.policy:
404 for what the person may not see) → one action (hamafza.live.actions, which checks the right
to change: 403) → redirect or render. Bad input re-renders with a Persian message (400)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import jalali_input, parse_date, parse_time, tehran_datetime
from hamafza.distribution.models import Channel
from hamafza.live import actions, selectors
from hamafza.live.models import BoardEntity, LiveEvent, LiveUpdate
from hamafza.persian import jalali
from hamafza.persian.digits import read_int, to_persian_digits

GET_POST = require_http_methods(["GET", "POST"])


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("nav", "live")
    return render(request, template, context, status=status)


def _done(request, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(url)


def _when(post, prefix: str, label: str):
    day = parse_date(post.get(f"{prefix}_date"), label, f"{prefix}_date")
    return tehran_datetime(day, parse_time(post.get(f"{prefix}_time"), label, f"{prefix}_date"))


def _councils(user) -> list:
    reg = get_registry()
    return [reg.councils[c] for c in reg.councils if policy.can_view_council(user, c)]


@staff_required
@require_GET
def events(request):
    councils = [c.id for c in _councils(request.user)]
    return _page(request, "workspace/live/events.html", {
        "events": LiveEvent.objects.filter(council_id__in=councils)[:100],
        "can_open": bool(policy.open_event_councils(request.user)),
    })


def _channel_choices(user, council) -> list[Channel]:
    """The channels this person may use that speak for this council or one of its agencies."""
    return [ch for ch in policy.visible_channels(user).filter(kind__in=list(Channel.BOT_KINDS), enabled=True)
            if (ch.council_id == council.id or ch.agency_id in council.member_ids) and policy.can_use_channel(user, ch)]


def _ids(values) -> set[int]:
    return {n for n in (read_int(v) for v in values) if n is not None}


def _form_context(user, council, form: dict, chosen: dict) -> dict:
    """The event form (new and edit): the council's agencies, the channels this person may feed
    (only this council's and its agencies'), and which of them are ticked."""
    reg = get_registry()
    return {"council": council, "agencies": [reg.agencies[a] for a in council.member_ids if a in reg.agencies],
            "channels": _channel_choices(user, council), "kinds": LiveEvent.Kind.choices, "form": form,
            "chosen": {key: _ids(chosen.get(key, ())) for key in ("agencies", "channels", "direct")}}


def _posted_choices(post) -> dict:
    return {key: post.getlist(key) for key in ("agencies", "channels", "direct")}


@staff_required
@GET_POST
def new_event(request):
    councils = policy.open_event_councils(request.user)
    if not councils:
        raise PermissionDenied
    council = get_registry().councils[councils[0]]
    if request.method == "POST":
        try:
            event = actions.do_open_event(
                request.user, council.id, title=request.POST.get("title", ""), kind=request.POST.get("kind", ""),
                starts_at=_when(request.POST, "start", _("آغاز")), ends_at=_when(request.POST, "end", _("پایان")),
                agency_ids=request.POST.getlist("agencies"), channel_ids=request.POST.getlist("channels"),
                summary=request.POST.get("summary", ""),
            )
        except CouncilError as error:
            context = _form_context(request.user, council, request.POST, _posted_choices(request.POST))
            context.update(error=error.message, error_field=error.field)
            return _page(request, "workspace/live/new.html", context, status=400)
        return _done(request, _("رویداد زنده باز شد."), reverse("workspace:live:event", args=[event.pk]))
    return _page(request, "workspace/live/new.html", _form_context(request.user, council, {}, {}))


def _moment(value) -> tuple[str, str]:
    local = value.astimezone(jalali.TEHRAN)
    return jalali_input(local.date()), to_persian_digits(local.strftime("%H:%M"))


def _edit_context(request, event: LiveEvent, form: dict | None = None, chosen: dict | None = None) -> dict:
    reg = get_registry()
    council = reg.councils[event.council_id]
    if form is None:
        (start_date, start_time), (end_date, end_time) = _moment(event.starts_at), _moment(event.ends_at)
        form = {"title": event.title, "start_date": start_date, "start_time": start_time, "end_date": end_date,
                "end_time": end_time}
        chosen = {"agencies": event.agencies.values_list("pk", flat=True),
                  "channels": event.channels.values_list("pk", flat=True),
                  "direct": event.direct_agencies.values_list("pk", flat=True)}
    context = _form_context(request.user, council, form, chosen or {})
    context.update(
        event=event, kept=actions.kept_channels(request.user, event),
        # Direct publishing: the participants whose setting this person may change here (the
        # others are shown as they stand and keep their setting).
        direct_settable={a for a in council.member_ids if policy.can_set_direct_publishing(request.user, event, a)},
        direct_now=set(event.direct_agencies.values_list("pk", flat=True)),
    )
    return context


@staff_required
@GET_POST
def edit_event(request, event_id: int):
    """Change an event's title, period, agencies, channels and direct publishing (managers only)."""
    found = policy.access_live_event(request.user, event_id, for_write=True)
    if request.method == "POST":
        try:
            actions.do_edit_event(
                request.user, found, title=request.POST.get("title", ""),
                starts_at=_when(request.POST, "start", _("آغاز")), ends_at=_when(request.POST, "end", _("پایان")),
                agency_ids=request.POST.getlist("agencies"), channel_ids=request.POST.getlist("channels"),
                direct_agency_ids=request.POST.getlist("direct"),
            )
        except CouncilError as error:
            context = _edit_context(request, found, request.POST, _posted_choices(request.POST))
            context.update(error=error.message, error_field=error.field)
            return _page(request, "workspace/live/edit.html", context, status=400)
        return _done(request, _("رویداد زنده به‌روز شد."), reverse("workspace:live:event", args=[found.pk]))
    return _page(request, "workspace/live/edit.html", _edit_context(request, found))


def _event_context(request, event: LiveEvent) -> dict:
    reg = get_registry()
    roles = policy.roles_of(request.user)
    mine = policy.live_agencies_of(request.user, event)
    participants = sorted(event.agencies.values_list("pk", flat=True))
    direct = set(event.direct_agencies.values_list("pk", flat=True))
    updates = selectors.staff_updates(event, roles.agencies, event.council_id in roles.overseen_councils or roles.superuser)
    return {
        "event": event, "reg": reg, "kinds": LiveUpdate.Kind.choices,
        "post_agencies": [reg.agencies[a] for a in mine if policy.can_post_update(request.user, event, a)],
        "fast": {a: policy.can_publish_directly(request.user, event, a) for a in mine},
        "participants": [(reg.agencies[a], a in direct, policy.can_set_direct_publishing(request.user, event, a))
                         for a in participants if a in reg.agencies],
        "can_manage": policy.can_manage_live_event(request.user, event),
        "rows": [(u, reg.agencies[u.agency_id].short_name if u.agency_id in reg.agencies else "",
                  policy.can_publish_update(request.user, u), policy.can_correct_update(request.user, u)) for u in updates],
        "form": {},
    }


@staff_required
@require_GET
def event(request, event_id: int):
    found = policy.access_live_event(request.user, event_id)
    return _page(request, "workspace/live/event.html", _event_context(request, found))


@staff_required
@require_POST
def post_update(request, event_id: int):
    found = policy.access_live_event(request.user, event_id)
    try:
        update = actions.do_post_update(
            request.user, found, agency_id=request.POST.get("agency"), kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""), place=request.POST.get("place", ""), image_id=request.POST.get("image") or None,
        )
    except CouncilError as error:
        context = _event_context(request, found)
        context.update(error=error.message, error_field=error.field, form=request.POST)
        return _page(request, "workspace/live/event.html", context, status=400)
    message = _("منتشر شد.") if update.status == LiveUpdate.Status.PUBLISHED else _("ثبت شد و در انتظار تأیید رئیس دستگاه است.")
    return _done(request, message, reverse("workspace:live:event", args=[found.pk]))


@staff_required
@require_POST
def summary(request, event_id: int):
    found = policy.access_live_event(request.user, event_id, for_write=True)
    try:
        actions.do_set_summary(request.user, found, request.POST.get("summary", ""))
    except CouncilError as error:
        context = _event_context(request, found)
        context.update(error=error.message, error_field=error.field, form=request.POST)
        return _page(request, "workspace/live/event.html", context, status=400)
    return _done(request, _("خلاصهٔ سنجاق‌شده به‌روز شد."), reverse("workspace:live:event", args=[found.pk]))


@staff_required
@require_POST
def direct(request, event_id: int):
    found = policy.access_live_event(request.user, event_id)
    agency_id = read_int(request.POST.get("agency"))
    if agency_id is None:
        raise Http404
    allowed = request.POST.get("allowed") == "1"
    actions.do_set_direct(request.user, found, agency_id, allowed)
    message = _("کارکنان این دستگاه اکنون مستقیم منتشر می‌کنند.") if allowed else _("انتشار مستقیم برداشته شد.")
    return _done(request, message, reverse("workspace:live:event", args=[found.pk]))


@staff_required
@require_POST
def update(request, update_id: int):
    """Publish (a pending one), correct or withdraw an update: `action` says which."""
    found = policy.access_live_update(request.user, update_id)
    what = request.POST.get("action")
    try:
        if what == "publish":
            actions.do_publish_update(request.user, found)
            message = _("منتشر شد.")
        elif what == "correct":
            actions.do_correct_update(request.user, found, kind=request.POST.get("kind", ""),
                                      text=request.POST.get("text", ""), place=request.POST.get("place", ""))
            message = _("اصلاح شد.")
        elif what == "withdraw":
            actions.do_withdraw_update(request.user, found, request.POST.get("reason", ""))
            message = _("پس گرفته شد.")
        else:
            raise CouncilError(_("کار خواسته‌شده شناخته نیست."))
    except CouncilError as error:
        context = _event_context(request, found.event)
        context.update(error=error.message, error_field=error.field, form=request.POST)
        return _page(request, "workspace/live/event.html", context, status=400)
    return _done(request, message, reverse("workspace:live:event", args=[found.event_id]) + f"#update-{found.pk}")


def _board_context(request) -> dict:
    councils = _councils(request.user)
    reg = get_registry()
    entities = [e for c in councils for e in selectors.board_entities(c.id)]
    manage = [c for c in councils if policy.can_manage_board(request.user, c.id)]
    return {
        "rows": [(e, policy.can_set_status(request.user, e)) for e in entities], "states": BoardEntity.State.choices,
        "entity_kinds": BoardEntity.Kind.choices, "manage": manage, "reg": reg, "form": {},
        "manage_agencies": [reg.agencies[a] for c in manage for a in c.member_ids if a in reg.agencies],
        "manage_events": LiveEvent.objects.filter(council_id__in=[c.id for c in manage])[:30],
    }


@staff_required
@GET_POST
def board(request):
    """The board's entities with a status form each; the secretariat adds entities (POST)."""
    context = _board_context(request)
    if request.method == "POST":
        if not context["manage"]:
            raise PermissionDenied
        try:
            actions.do_add_entity(request.user, context["manage"][0].id, kind=request.POST.get("kind", ""),
                                  name=request.POST.get("name", ""), agency_id=request.POST.get("agency"),
                                  event_id=request.POST.get("event") or None)
        except CouncilError as error:
            context.update(error=error.message, error_field=error.field, form=request.POST)
            return _page(request, "workspace/live/board.html", context, status=400)
        return _done(request, _("به تابلوی وضعیت افزوده شد."), reverse("workspace:live:board"))
    return _page(request, "workspace/live/board.html", context)


@staff_required
@require_POST
def entity_status(request, entity_id: int):
    entity = policy.access_entity(request.user, entity_id, for_write=True)
    try:
        actions.do_set_status(request.user, entity, state=request.POST.get("state", ""),
                              wait_minutes=request.POST.get("wait_minutes", ""), figure=request.POST.get("figure", ""),
                              note=request.POST.get("note", ""), announce=request.POST.get("announce") == "1")
    except CouncilError as error:
        context = _board_context(request)
        context.update(error=error.message, error_field=error.field, form=request.POST, failed=entity.pk)
        return _page(request, "workspace/live/board.html", context, status=400)
    return _done(request, _("وضعیت «%(name)s» ثبت شد.") % {"name": entity.name}, reverse("workspace:live:board") + f"#entity-{entity.pk}")
