"""Coverage monitoring in the workspace (بازتاب خبری): where the council's news was carried and how
fast, counts per agency and campaign by outlet and kind, the borderline matches to confirm or
reject, the morning bulletin (page and PDF), the outlets' feeds and the keyword alerts.
Who sees what: hamafza.policy (coverage_agencies, feed_agencies, can_review_coverage)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.shortcuts import render as _render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.coverage import actions, alerts as alert_rules, bulletin, selectors
from hamafza.coverage.errors import CoverageError
from hamafza.coverage.models import Coverage, KeywordAlert
from hamafza.persian import jalali
from hamafza.persian.digits import format_number, read_int, to_persian_digits
from hamafza.press.models import Outlet

from ..cooperation.common import council_for

PERIODS = (7, 30, 90)


def render(request, template: str, context: dict, status: int = 200):
    """The page with the area's menu; the feed and alert tabs only for those who keep them."""
    council = context.get("council")
    keeps = bool(council is not None and policy.feed_agencies(request.user, council.id))
    return _render(request, template, {"nav": "coverage", "keeps_feeds": keeps, **context}, status=status)


def delay_text(delay: dt.timedelta | None) -> str:
    """How fast an outlet carried the item: «۴۵ دقیقه», «۳ ساعت», «۲ روز»."""
    if delay is None:
        return "—"
    minutes = max(0, int(delay.total_seconds() // 60))
    if minutes < 60:
        return _("%(n)s دقیقه") % {"n": format_number(minutes)}
    if minutes < 48 * 60:
        return _("%(n)s ساعت") % {"n": format_number(minutes // 60)}
    return _("%(n)s روز") % {"n": format_number(minutes // (24 * 60))}


def _percent(value: float) -> str:
    return to_persian_digits(f"{round(value * 100)}") + "٪"


def _access(request):
    council = council_for(request)
    agencies = policy.coverage_agencies(request.user, council.id)
    if not agencies:
        raise Http404(_("بازتاب خبری این شورا برای شما در دسترس نیست."))
    return council, agencies


def _rows(coverage_list) -> list[dict]:
    kinds = dict(Outlet.Kind.choices)
    return [{
        "c": c, "outlet": c.outlet.name, "kind": kinds.get(c.outlet.kind, ""), "delay": delay_text(c.delay),
        "kept": _percent(c.kept), "similarity": _percent(c.similarity),
    } for c in coverage_list]


@staff_required
@require_GET
def overview(request):
    council, agencies = _access(request)
    registry = get_registry()
    days = read_int(request.GET.get("days"), 1, 366) or 30
    if days not in PERIODS:
        days = 30
    agency_id = read_int(request.GET.get("agency"))
    chosen = sorted(agencies, key=lambda a: council.member_ids.index(a) if a in council.member_ids else 0)
    if agency_id is not None and agency_id not in agencies:
        agency_id = None  # another council's agency or one the person may not see: as if not asked
    campaign_id = read_int(request.GET.get("campaign"))
    from hamafza.council.models import Campaign, CampaignItem

    campaigns = list(Campaign.objects.filter(council_id=council.id).order_by("-id")[:50])
    campaign = next((c for c in campaigns if c.pk == campaign_id), None)
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    item_ids = None
    if campaign is not None:
        item_ids = list(CampaignItem.objects.filter(campaign=campaign).values_list("item_id", flat=True))
    scope = [agency_id] if agency_id else chosen
    counts = selectors.counts(council.id, scope, since, now, item_ids=item_ids)
    recent = (Coverage.objects.filter(council_id=council.id, status=Coverage.Status.CONFIRMED, agency_id__in=scope,
                                      published_at__gte=since)
              .select_related("outlet", "item").order_by("-published_at")[:50])
    if item_ids is not None:
        recent = [c for c in recent if c.item_id in set(item_ids)]
    pending = Coverage.objects.filter(council_id=council.id, status=Coverage.Status.PENDING,
                                      agency_id__in=list(policy.feed_agencies(request.user, council.id))).count()
    return render(request, "workspace/coverage/overview.html", {
        "council": council, "counts": counts, "rows": _rows(recent), "days": days, "periods": PERIODS,
        "agencies": [registry.agencies[a] for a in chosen if a in registry.agencies], "agency_id": agency_id,
        "campaigns": campaigns, "campaign": campaign, "pending": pending,
    })


@staff_required
@require_GET
def item(request, item_id: int):
    news = policy.access_item(request.user, item_id)
    if not policy.can_view_item_coverage(request.user, news):
        raise Http404(_("بازتاب این خبر برای شما در دسترس نیست."))
    rows = _rows(selectors.item_coverage(news.pk))
    for r in rows:
        r["can_review"] = r["c"].status == Coverage.Status.PENDING and policy.can_review_coverage(request.user, r["c"])
    return render(request, "workspace/coverage/item.html", {
        "item": news, "rows": rows,
        "confirmed": sum(1 for r in rows if r["c"].status == Coverage.Status.CONFIRMED),
    })


def _coverage_for(request, coverage_id) -> Coverage:
    pk = read_int(coverage_id)
    row = Coverage.objects.select_related("item", "outlet").filter(pk=pk).first() if pk else None
    if row is None or not policy.can_view_coverage(request.user, row.council_id, row.agency_id):
        raise Http404(_("این مورد پیدا نشد."))
    return row


@staff_required
@require_GET
def review(request):
    council, _agencies = _access(request)
    mine = policy.feed_agencies(request.user, council.id)
    return render(request, "workspace/coverage/review.html", {
        "council": council, "rows": _rows(selectors.pending(council.id, mine)),
    })


@staff_required
@require_POST
def decide(request, coverage_id: int, verdict: str):
    row = _coverage_for(request, coverage_id)
    act = {"confirm": actions.confirm_coverage, "reject": actions.reject_coverage}.get(verdict)
    if act is None:
        raise Http404(_("این کار شناخته نیست."))
    try:
        act(request.user, row)
    except CoverageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("بازتاب در «%(outlet)s» تأیید شد.") % {"outlet": row.outlet.name} if verdict == "confirm"
                         else _("بازتاب در «%(outlet)s» رد شد.") % {"outlet": row.outlet.name})
    return redirect(_back(request, "workspace:coverage_review"))


def _back(request, default: str) -> str:
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    nxt = request.POST.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) and nxt.startswith("/workspace/"):
        return nxt
    return reverse(default)


def _day(request) -> tuple[dt.date | None, str]:
    raw = request.GET.get("day") or ""
    if not raw:
        return bulletin.yesterday(timezone.now()), ""
    try:
        return jalali.parse_date(raw), ""
    except (jalali.JalaliDateError, ValueError):
        return None, _("روز را مانند ۱۴۰۵/۰۹/۱۴ بنویسید.")


@staff_required
@require_GET
def bulletin_page(request):
    council, _agencies = _access(request)
    day, error = _day(request)
    if error:
        return render(request, "workspace/coverage/bulletin.html", {"council": council, "error": error, "raw_day": request.GET.get("day", "")[:20]}, status=400)
    context = bulletin.data(council.id, day)
    return render(request, "workspace/coverage/bulletin.html", {
        **context, "linkable": policy.coverage_agencies(request.user, council.id), "iso_day": jalali.iso_jalali(day), "numeric_day": jalali.format_numeric(day),
        "previous_day": jalali.iso_jalali(day - dt.timedelta(days=1)), "next_day": jalali.iso_jalali(day + dt.timedelta(days=1)),
        "delay": {r.pk: delay_text(r.delay) for s in context["sections"] for r in s.rows},
    })


@staff_required
@require_GET
def bulletin_pdf(request):
    council, _agencies = _access(request)
    day, error = _day(request)
    if error:
        return HttpResponseBadRequest(error, content_type="text/plain; charset=utf-8")
    context = bulletin.data(council.id, day)
    context["delay"] = {r.pk: delay_text(r.delay) for s in context["sections"] for r in s.rows}
    pdf = bulletin.render_pdf(context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="coverage-{jalali.iso_jalali(day)}.pdf"'
    return response


@staff_required
@require_GET
def feeds(request):
    council = council_for(request)
    mine = policy.feed_agencies(request.user, council.id)
    if not mine:
        raise Http404(_("برای نگهداری خوراک رسانه‌ها باید کارمند یکی از دستگاه‌های این شورا باشید."))
    return render(request, "workspace/coverage/feeds.html", {
        "council": council, "outlets": selectors.feeds(council.id, mine),
    })


@staff_required
@require_POST
def set_feed(request, outlet_id: int):
    council = council_for(request)
    pk = read_int(outlet_id)
    outlet = Outlet.objects.filter(pk=pk, council_id=council.id).first() if pk else None
    if outlet is None or not policy.can_manage_feed(request.user, outlet):
        raise Http404(_("این رسانه پیدا نشد."))
    try:
        actions.set_feed(request.user, outlet, feed_url=request.POST.get("feed_url", ""),
                         sitemap_url=request.POST.get("sitemap_url", ""), active=request.POST.get("active") == "1")
    except CoverageError as exc:
        messages.error(request, str(exc))
        return render(request, "workspace/coverage/feeds.html", {
            "council": council, "outlets": selectors.feeds(council.id, policy.feed_agencies(request.user, council.id)),
            "error_outlet": outlet.pk, "error": str(exc),
        }, status=400)
    messages.success(request, _("خوراک «%(name)s» ثبت شد.") % {"name": outlet.name})
    return redirect(_back(request, "workspace:coverage_feeds"))


@staff_required
def alerts(request):
    council = council_for(request)
    mine = policy.feed_agencies(request.user, council.id)
    if not mine:
        raise Http404(_("هشدارهای کلیدواژه برای کارمندان دستگاه‌های این شورا است."))
    registry = get_registry()
    error = ""
    if request.method == "POST":
        agency_id = read_int(request.POST.get("agency"))
        if agency_id not in mine:
            error = _("دستگاه را از فهرست برگزینید.")
        else:
            try:
                actions.add_alert(request.user, council.id, agency_id, request.POST.get("query", ""))
            except CoverageError as exc:
                error = str(exc)
            else:
                messages.success(request, _("هشدار ثبت شد."))
                return redirect(request.path)
    elif request.method != "GET":
        return HttpResponse(status=405)
    rows = list(KeywordAlert.objects.filter(council_id=council.id, agency_id__in=list(mine)))
    entries = selectors.recent_entries(council.id)
    for a in rows:
        a.hits = [e for e in entries if alert_rules.matches(a.query, e.text)][:5]
    return render(request, "workspace/coverage/alerts.html", {
        "council": council, "alerts": rows, "error": error, "query": request.POST.get("query", "")[:100],
        "agencies": [registry.agencies[a] for a in council.member_ids if a in mine and a in registry.agencies],
    }, status=400 if error else 200)


@staff_required
@require_POST
def delete_alert(request, alert_id: int):
    council = council_for(request)
    pk = read_int(alert_id)
    alert = KeywordAlert.objects.filter(pk=pk, council_id=council.id).first() if pk else None
    if alert is None or not policy.can_keep_alert(request.user, alert.council_id, alert.agency_id):
        raise Http404(_("این هشدار پیدا نشد."))
    try:
        actions.delete_alert(request.user, alert)
    except PermissionDenied:
        raise Http404(_("این هشدار پیدا نشد.")) from None
    messages.success(request, _("هشدار حذف شد."))
    return redirect("workspace:coverage_alerts")
