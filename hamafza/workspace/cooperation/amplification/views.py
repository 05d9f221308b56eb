"""Co-publication requests in the workspace: ask from an item, the inbox of requests to my
agency, my agency's requests, one request with its answers, and two slots (the desk, the editor).

Every view: staff_required → policy (404 for a request the person may not see, 403 for an answer
they may not give) → one action of hamafza.cooperation.amplification → a page. Bad input shows
the same page again with the Persian message and everything that was typed (status 400)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.cooperation import amplification
from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.council.errors import CouncilError
from hamafza.council.inputs import jalali_input, parse_date, parse_time, tehran_datetime
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

St = AmplificationTarget.Status
PAGE = 50


def _when(post, prefix: str, label: str, required: bool) -> dt.datetime | None:
    day_text, time_text = post.get(f"{prefix}_date", "").strip(), post.get(f"{prefix}_time", "").strip()
    if not required and not day_text and not time_text:
        return None
    day = parse_date(day_text, label, prefix)
    return tehran_datetime(day, parse_time(time_text, _("ساعت ") + label, prefix, required=True))


def _my_agencies(user) -> list[int]:
    roles = policy.roles_of(user)
    return sorted(roles.agencies)


def _decorate(targets, user) -> list:
    """Names from the registry (no query) and whether the person may answer."""
    reg = get_registry()
    now = timezone.now()
    for t in targets:
        t.agency_info = reg.agencies.get(t.agency_id)
        t.asking_info = reg.agencies.get(t.request.asking_agency_id)
        t.late = t.status == St.PENDING and t.request.deadline <= now
        t.answerable = t.status == St.PENDING and not t.late and policy.can_answer_amplification(user, t)
    return targets


def _channels_by_agency(agency_ids) -> dict[int, list]:
    from hamafza.distribution.models import Channel

    out: dict[int, list] = {}
    for ch in Channel.objects.filter(agency_id__in=list(agency_ids), enabled=True).order_by("kind", "name"):
        if policy.platform_allowed(ch):  # the council's allowed platforms
            out.setdefault(ch.agency_id, []).append(ch)
    return out


def _previews(item, channels, text: str) -> None:
    """The message each channel would carry (distribution's own formatting, «به نقل از»)."""
    from hamafza.distribution.formatting import ItemMedia, render as render_message

    media = ItemMedia(item)
    for ch in channels:
        try:
            ch.preview = render_message(item, ch, text, quoted=True, media=media).text
        except Exception:  # a preview must never break the page
            ch.preview = ""


# --- Ask -----------------------------------------------------------------------------------------

@staff_required
@require_http_methods(["GET", "POST"])
def amp_ask(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    if not policy.can_request_amplification(request.user, item):
        raise PermissionDenied(_("فقط همکاران دستگاه اصلی خبر می‌توانند برای آن درخواست همکاری بفرستند."))
    kind = amplification.kind_for(item)
    councils = amplification.councils_of(item.lead_agency_id)
    choices = amplification.askable_agencies(item, councils[0].id) if councils else []
    default = jalali.to_tehran(timezone.now() + dt.timedelta(days=2))
    values = {
        "agencies": [], "all": False, "message": "", "suggested_text": "",
        "deadline_date": jalali_input(default.date()), "deadline_time": to_persian_digits("14:00"),
    }
    error = field = ""
    if request.method == "POST":
        post = request.POST
        values = {
            "agencies": [a for a in post.getlist("agencies") if a.isdigit()], "all": bool(post.get("all")),
            "message": post.get("message", ""), "suggested_text": post.get("suggested_text", ""),
            "deadline_date": post.get("deadline_date", ""), "deadline_time": post.get("deadline_time", ""),
        }
        try:
            deadline = _when(post, "deadline", _("مهلت پاسخ"), required=True)
            made = amplification.ask(
                request.user, item, "all" if values["all"] else post.getlist("agencies"), deadline=deadline,
                message=values["message"], suggested_text=values["suggested_text"],
            )
        except CouncilError as exc:
            error, field = exc.message, exc.field
        else:
            messages.success(request, _("درخواست برای %(n)s دستگاه فرستاده شد.") % {
                "n": to_persian_digits(made.targets.count())})
            return redirect("workspace:cooperation:amp_detail", request_id=made.pk)
    return render(request, "workspace/cooperation/amplification/ask.html", {
        "item": item, "kind": kind, "choices": choices, "values": values, "error": error, "field": field,
        "council": councils[0] if councils else None, "nav": "cooperation", "sub": "ask",
    }, status=400 if error else 200)


# --- Lists ---------------------------------------------------------------------------------------

@staff_required
@require_GET
def amp_inbox(request):
    """Requests to my agencies: pending first (soonest deadline first), then the answered ones."""
    mine = _my_agencies(request.user)
    qs = AmplificationTarget.objects.filter(agency_id__in=mine).select_related("request", "request__item")
    pending = list(qs.filter(status=St.PENDING).order_by("request__deadline", "id")[:PAGE])
    answered = list(qs.exclude(status=St.PENDING).order_by("-request__created_at", "-id")[:PAGE])
    targets = _decorate(pending + answered, request.user)
    channels = _channels_by_agency({t.agency_id for t in targets if t.answerable})
    for t in targets:
        t.channels = channels.get(t.agency_id, []) if t.answerable else []
    return render(request, "workspace/cooperation/amplification/inbox.html", {
        "pending": [t for t in targets if t.status == St.PENDING], "answered": [t for t in targets if t.status != St.PENDING],
        "has_agency": bool(mine), "nav": "cooperation", "sub": "inbox"
    })


@staff_required
@require_GET
def amp_sent(request):
    """My agencies' requests, each with its targets' answers."""
    mine = _my_agencies(request.user)
    requests_ = list(
        AmplificationRequest.objects.filter(asking_agency_id__in=mine).select_related("item")
        .prefetch_related("targets").order_by("-created_at", "-id")[:PAGE]
    )
    reg = get_registry()
    for r in requests_:
        r.target_rows = [(t, reg.agencies.get(t.agency_id)) for t in r.targets.all()]
    return render(request, "workspace/cooperation/amplification/sent.html", {
        "requests": requests_, "has_agency": bool(mine), "nav": "cooperation", "sub": "sent",
    })


# --- One request ---------------------------------------------------------------------------------

def _detail(request, amp: AmplificationRequest, *, error="", field="", target_id=None, values=None, status=200):
    user = request.user
    targets = _decorate(policy.visible_targets(user, amp), user)
    channels = _channels_by_agency({t.agency_id for t in targets if t.answerable})
    for t in targets:
        t.channels = channels.get(t.agency_id, []) if t.answerable else []
        if t.channels and amp.kind == AmplificationRequest.Kind.REPUBLISH:
            _previews(amp.item, t.channels, amp.suggested_text)
    reg = get_registry()
    return render(request, "workspace/cooperation/amplification/detail.html", {
        "amp": amp, "item": amp.item, "targets": targets, "asking": reg.agencies.get(amp.asking_agency_id),
        "can_withdraw": policy.can_withdraw_amplification(user, amp) and any(t.status == St.PENDING for t in amp.targets.all()),
        "error": error, "field": field, "error_target": target_id, "values": values or {},
        "nav": "cooperation", "sub": "detail",
    }, status=status)


@staff_required
@require_GET
def amp_detail(request, request_id: int):
    amp = policy.access_amplification(request.user, request_id)
    return _detail(request, amp)


def _target(request, request_id: int, target_id: int) -> tuple[AmplificationRequest, AmplificationTarget]:
    amp = policy.access_amplification(request.user, request_id)
    target = next((t for t in policy.visible_targets(request.user, amp) if t.pk == target_id), None)
    if target is None:
        raise Http404
    target.request = amp
    return amp, target


def _back(request, amp):
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("workspace:cooperation:amp_detail", request_id=amp.pk)


@staff_required
@require_POST
def amp_accept(request, request_id: int, target_id: int):
    amp, target = _target(request, request_id, target_id)
    post = request.POST
    channel_ids = [c for c in post.getlist("channels") if c.isdigit()]
    texts = {c: post.get(f"text_{c}", "") for c in channel_ids}
    values = {"channels": channel_ids, "texts": texts, "send_date": post.get("send_date", ""),
              "send_time": post.get("send_time", "")}
    try:
        send_at = _when(post, "send", _("زمان ارسال"), required=False)
        amplification.accept(request.user, target, channel_ids=channel_ids, texts=texts, send_at=send_at)
    except CouncilError as exc:
        amp = policy.access_amplification(request.user, request_id)
        return _detail(request, amp, error=exc.message, field=exc.field, target_id=target.pk, values=values, status=400)
    messages.success(request, _("درخواست پذیرفته شد؛ خبر با «به نقل از» در صفحهٔ دستگاه شما فهرست می‌شود.")
                     if amp.kind == AmplificationRequest.Kind.REPUBLISH else
                     _("همکاری در این خبر پذیرفته شد؛ اکنون پیش‌نویس آن را می‌بینید."))
    return _back(request, amp)


@staff_required
@require_POST
def amp_decline(request, request_id: int, target_id: int):
    amp, target = _target(request, request_id, target_id)
    reason = request.POST.get("reason", "")
    try:
        amplification.decline(request.user, target, reason)
    except CouncilError as exc:
        amp = policy.access_amplification(request.user, request_id)
        return _detail(request, amp, error=exc.message, field=exc.field, target_id=target.pk,
                       values={"reason": reason}, status=400)
    messages.success(request, _("پاسخ رد با دلیل شما برای دستگاه درخواست‌کننده فرستاده شد."))
    return _back(request, amp)


@staff_required
@require_POST
def amp_withdraw(request, request_id: int):
    amp = policy.access_amplification(request.user, request_id)
    try:
        amplification.withdraw(request.user, amp)
    except CouncilError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("درخواست برای دستگاه‌هایی که هنوز پاسخ نداده بودند پس گرفته شد."))
    return redirect("workspace:cooperation:amp_detail", request_id=amp.pk)


# --- Slots ---------------------------------------------------------------------------------------

@staff_required
@require_GET
def amp_desk(request):
    """The desk's section: requests awaiting the answer of the agencies the person heads."""
    roles = policy.roles_of(request.user)
    heads = sorted(roles.head_agencies)
    if not heads:
        return HttpResponse("")
    targets = list(
        AmplificationTarget.objects.filter(agency_id__in=heads, status=St.PENDING, request__deadline__gt=timezone.now())
        .select_related("request", "request__item").order_by("request__deadline", "id")[:10]
    )
    return render(request, "workspace/cooperation/amplification/_desk.html", {
        "targets": _decorate(targets, request.user),
    })


@staff_required
@require_GET
def amp_item(request, item_id: int):
    """The editor's card: ask from this item, and the item's requests with their answers."""
    item = policy.access_item(request.user, item_id)
    can_ask = policy.can_request_amplification(request.user, item) and amplification.kind_for(item) is not None
    requests_ = [
        r for r in AmplificationRequest.objects.filter(item=item).prefetch_related("targets").order_by("-created_at")[:10]
        if policy.can_view_amplification(request.user, r)
    ]
    if not can_ask and not requests_:
        return HttpResponse("")
    reg = get_registry()
    for r in requests_:
        r.target_rows = [(t, reg.agencies.get(t.agency_id)) for t in policy.visible_targets(request.user, r)]
    return render(request, "workspace/cooperation/amplification/_item.html", {
        "item": item, "can_ask": can_ask and bool(amplification.councils_of(item.lead_agency_id)),
        "kind": amplification.kind_for(item), "requests": requests_,
    })
