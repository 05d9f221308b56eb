"""The preview: the portal's own Jinja article template, rendered with the draft, so what the
editor sees is what the public will see. It is never cached and never indexed. The portal
registers it with hamafza.newsroom.preview (apps.py); the workspace's preview page, which checks
who may see the draft, calls it from there, so neither page app imports the other."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hamafza import policy
from hamafza.agencies.registry import get_registry
from hamafza.newsroom import aparat, selectors
from hamafza.newsroom.models import ItemAgency, NewsItem
from .links import news_article_ld, share_links
from .views.base import page


def _council_for(request: HttpRequest, item: NewsItem):
    reg = get_registry()
    council = getattr(request, "council", None)
    if council is not None and item.lead_agency_id in council.member_ids:
        return council
    for info in reg.councils.values():
        if item.lead_agency_id in info.member_ids:
            return info
    return council or next(iter(reg.councils.values()), None)


def render_preview(request: HttpRequest, item: NewsItem, banner: str = "") -> HttpResponse:
    reg = get_registry()
    request.registry = reg
    request.council = _council_for(request, item)
    extras = selectors.item_extras(item.pk)
    # Shown as it will be at publication (the object is never saved).
    item.published_at = item.published_at or timezone.now()
    lead = reg.agencies[item.lead_agency_id]
    supporting = [reg.agencies[a] for a, role in extras.agencies if role == ItemAgency.Role.SUPPORTING and a in reg.agencies]
    url = request.build_absolute_uri(request.path)
    image_url = request.build_absolute_uri(item.main_image.file.url) if item.main_image else None
    context = {
        "item": item, "lead_agency": lead, "supporting": supporting, "tags": extras.tags,
        "gallery": extras.gallery, "attachments": extras.attachments, "related": [],
        "video": extras.video, "aparat_embed": "" if extras.video else aparat.aparat_embed(item.aparat),
        "aparat_page": aparat.aparat_page(item.aparat),
        "canonical": url, "image_url": image_url,
        "share": share_links(url, item.title, policy.allowed_platforms(council_id=request.council.id) if request.council else None,
                             short=request.build_absolute_uri(f"/n/{item.pk}")),
        "json_ld": news_article_ld(
            item, url=url, image_url=image_url, lead=lead, supporting=supporting,
            council=request.council, home_url=request.build_absolute_uri("/"),
        ),
        "preview": True,
        "embargo_banner": banner,
    }
    if request.council is None:
        return HttpResponse(status=404)
    response = page(request, "portal/article.html", context)
    if context["aparat_embed"]:
        response._csp_update = {"frame-src": [aparat.APARAT_ORIGIN]}
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
