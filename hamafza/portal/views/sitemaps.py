"""sitemap.xml (an index), its parts, the Google News sitemap and robots.txt."""

import datetime as dt
import math

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.newsroom import selectors

from ..chrome import chrome_for
from ..links import article_path
from .base import portal_view

ITEMS_PER_SITEMAP = 10_000
NEWS_WINDOW = dt.timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most a thousand URLs per sitemap
XML = "application/xml; charset=utf-8"


def _xml(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, content_type=XML)


@portal_view
def index(request: HttpRequest) -> HttpResponse:
    count = selectors.council_item_count(request.council.id)
    parts = [reverse("portal:sitemap_pages"), reverse("portal:sitemap_news")]
    parts += [
        reverse("portal:sitemap_items", kwargs={"number": n})
        for n in range(1, max(1, math.ceil(count / ITEMS_PER_SITEMAP)) + 1)
    ]
    return _xml(request, "portal/sitemap_index.xml", {"urls": [request.build_absolute_uri(p) for p in parts]})


@portal_view
def pages(request: HttpRequest) -> HttpResponse:
    chrome = chrome_for(request.registry, request.council)
    paths = [reverse("portal:home")]
    paths += [reverse("portal:agency", kwargs={"slug": a.slug}) for a in chrome.agencies]
    paths += [reverse("portal:sector", kwargs={"slug": s.slug}) for s in chrome.sectors]
    entries = [(request.build_absolute_uri(p), None) for p in paths]
    return _xml(request, "portal/sitemap.xml", {"entries": entries})


@portal_view
def items(request: HttpRequest, number: int) -> HttpResponse:
    if not 1 <= number <= 10_000:
        raise Http404(_("چنین نقشهٔ سایتی وجود ندارد."))
    rows = selectors.sitemap_entries(request.council.id, (number - 1) * ITEMS_PER_SITEMAP, ITEMS_PER_SITEMAP)
    if not rows and number > 1:
        raise Http404(_("چنین نقشهٔ سایتی وجود ندارد."))
    base = request.build_absolute_uri("/")[:-1]
    entries = [(base + article_path(item_id, slug), changed) for item_id, slug, changed in rows]
    return _xml(request, "portal/sitemap.xml", {"entries": entries})


@portal_view
def news(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    found = selectors.council_period(request.council.id, now - NEWS_WINDOW, now, 0, NEWS_LIMIT)
    base = request.build_absolute_uri("/")[:-1]
    entries = [(base + article_path(item.pk, item.slug), item) for item in found]
    return _xml(request, "portal/sitemap_news.xml", {"entries": entries, "publication": request.council.portal_title})


def robots(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("portal:sitemap"))
    text = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
