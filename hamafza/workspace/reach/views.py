"""Reach: readers of an agency's items on the portal and its channels' approved monthly views,
over a Jalali period (month, quarter, year, a run of months). Agency and role through
hamafza.policy (the readers of its performance figures)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.distribution.models import Channel
from hamafza.newsroom.models import NewsItem
from hamafza.reach import selectors

from ..periods import read_period

TOP_ITEMS = 20


@staff_required
@require_GET
def reach_page(request):
    allowed = policy.reach_agencies(request.user)
    if not allowed:
        raise Http404(_("شما به دیده‌شدن هیچ دستگاهی دسترسی ندارید."))
    agency_id = policy.access_reach_agency(request.user, request.GET.get("agency") or allowed[0])
    registry = get_registry()
    agencies = [registry.agencies[a] for a in allowed if a in registry.agencies]
    # The month by default; a run of months too; no campaign (an agency's readers are not a council's).
    # The agency stays in the shortcuts: the form has its own field for it when there is a choice.
    bar = read_period(request, kinds=("month", "quarter", "year", "span"), default_kind="month",
                      keep={} if len(agencies) > 1 else {"agency": agency_id},
                      link_keep={"agency": agency_id} if len(agencies) > 1 else {})
    period, error = bar.period, bar.error
    context = {
        "nav": "reach", **bar.context("workspace/reach/_agency_field.html" if len(agencies) > 1 else ""),
        "agency": registry.agencies[agency_id], "agencies": agencies,
    }
    if period is not None:
        start, end = period.days()
        portal = selectors.portal_views(allowed, start, end)
        channels = selectors.channel_views(allowed, start, end)
        context["rows"] = [
            {"agency": registry.agencies[a], "portal": portal[a], "channels": channels[a]}
            for a in allowed if a in registry.agencies
        ]
        by_item = selectors.portal_views_by_item([agency_id], start, end)
        top = sorted(by_item.items(), key=lambda pair: (-pair[1], -pair[0]))[:TOP_ITEMS]
        titles = dict(NewsItem.objects.filter(pk__in=[i for i, _n in top]).values_list("pk", "title"))
        context["items"] = [{"id": i, "title": titles.get(i, ""), "views": n} for i, n in top]
        per_channel = selectors.channel_views_by_channel([agency_id], start, end)
        context["channels"] = [
            {"channel": c, "views": per_channel.get(c.pk)}
            for c in Channel.objects.filter(agency_id=agency_id).order_by("kind", "name")
            if policy.channel_gets_views_indicator(c)
        ]
        context["start"], context["end"] = start, end
        context["portal_total"] = portal[agency_id]
        context["channel_total"] = channels[agency_id]
    return render(request, "workspace/reach/page.html", context, status=400 if error else 200)
