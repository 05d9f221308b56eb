"""The workspace search: the public search's query processing over every item the person may
see (policy.visible_items), drafts included — never another agency's draft."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.search.selectors import search_staff

PAGE_SIZE = 20
MAX_PAGE = 10  # the candidate set is bounded; deeper pages have nothing


def _page(value) -> int:
    try:
        return min(max(1, int(str(value or "1").strip()[:4])), MAX_PAGE)
    except ValueError:
        return 1


@staff_required
@require_GET
def staff_search(request):
    q = (request.GET.get("q") or "").replace("\x00", "")[: settings.MAX_QUERY_LENGTH]
    statuses = dict(NewsItem.Status.choices)
    status = request.GET.get("status") or ""
    if status not in statuses:
        status = ""
    page = _page(request.GET.get("page"))
    found = search_staff(request.user, q, status=status or None, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    reg = get_registry()
    for item in found.items:
        agency = reg.agencies.get(item.lead_agency_id)
        item.agency_name = agency.short_name if agency else ""
    context = {
        "q": q, "status": status, "statuses": NewsItem.Status.choices, "found": found, "page": page,
        "searched": bool(q.strip()), "empty_query": bool(q.strip()) and found.query is not None and found.query.empty,
        "nav": "search",
    }
    template = "workspace/search/results.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "search-results":
        template += "#results"
    return render(request, template, context)
