"""The article page and the short link."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _

from hamafza import policy
from hamafza.newsroom import selectors, workflow
from hamafza.newsroom import aparat as newsroom_video
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.reach import counter as reach_counter

from ..links import item_path, news_article_ld, share_links
from .base import check_id, page, portal_view

RELATED = 6


def public_item_or_404(request: HttpRequest, item_id: int) -> NewsItem:
    item = selectors.public_item(request.council.id, check_id(item_id))
    if item is None:
        raise Http404(_("چنین خبری در این درگاه یافت نشد."))
    return item


def related_items(request: HttpRequest, item: NewsItem) -> list[NewsItem]:
    """The lead agency's other items on this portal. A member agency's items are all placed on
    it; a non-member's show only through a supporting member, so those need the placement."""
    council = request.council
    on_council = None if item.lead_agency_id in council.member_ids else council.id
    return selectors.agency_led_items(item.lead_agency_id, exclude_id=item.pk, limit=RELATED, council_id=on_council)


@portal_view
def short(request: HttpRequest, item_id: int) -> HttpResponse:
    return HttpResponsePermanentRedirect(item_path(public_item_or_404(request, item_id)))


def unpublished_page(request: HttpRequest, item_id: int) -> HttpResponse | None:
    """An item unpublished from this portal: a withdrawal notice kept at its URL, or 410 Gone."""
    from django.shortcuts import render

    from ..chrome import assets, safe_color
    from ..links import when
    from .errors import _error

    item = workflow.unpublished_item(request.council, check_id(item_id))
    if item is None:
        return None
    if item.unpublish_mode == NewsItem.UnpublishMode.GONE:
        return _error(request, 410, _("این خبر حذف شده است"),
                      _("این خبر به درخواست ناشر آن از درگاه برداشته شده و دیگر در دسترس نیست."))
    return render(request, "portal/withdrawn.html", {
        "item": item, "council": request.council, "color": safe_color(request.council.color),
        "assets": assets(), "when": when,
    })


@portal_view
def article(request: HttpRequest, item_id: int, slug: str) -> HttpResponse:
    try:
        item = public_item_or_404(request, item_id)
    except Http404:
        withdrawn = unpublished_page(request, item_id)
        if withdrawn is None:
            raise
        return withdrawn
    path = item_path(item)
    if slug != item.slug:
        return HttpResponsePermanentRedirect(path)
    reg = request.registry
    extras = selectors.item_extras(item.pk)
    lead = reg.agencies[item.lead_agency_id]
    supporting = [reg.agencies[a] for a, role in extras.agencies if role == ItemAgency.Role.SUPPORTING]
    republished = [reg.agencies[a] for a, role in extras.agencies if role == ItemAgency.Role.REPUBLISHED and a in reg.agencies]
    url = request.build_absolute_uri(path)
    image_url = request.build_absolute_uri(item.main_image.file.url) if item.main_image else None
    video = extras.video
    embed = "" if video is not None else newsroom_video.aparat_embed(item.aparat)
    if video is not None and video.poster and not image_url:
        image_url = request.build_absolute_uri(video.poster.url)
    response = page(request, "portal/article.html", {
        "item": item,
        "lead_agency": lead,
        "supporting": supporting,
        "republished": republished,
        "tags": extras.tags,
        "gallery": extras.gallery,
        "attachments": extras.attachments,
        "video": video,
        "aparat_embed": embed,
        "aparat_page": newsroom_video.aparat_page(item.aparat) if embed else "",
        "related": related_items(request, item),
        "canonical": url,
        "image_url": image_url,
        "share": share_links(url, item.title, policy.allowed_platforms(council_id=request.council.id) if request.council else None,
                            short=request.build_absolute_uri(f"/n/{item.pk}")),
        "json_ld": news_article_ld(
            item, url=url, image_url=image_url, lead=lead, supporting=supporting,
            council=request.council, home_url=request.build_absolute_uri("/"),
        ),
    })
    if settings.REACH_COUNTING:  # counted and taken off by reach.wsgi.ReachApp, noted on the stored page
        response[reach_counter.HEADER] = f"{request.council.id}:{item.pk}"
    if embed:  # Aparat's player is a frame: allowed on the pages that show one, nowhere else
        response._csp_update = {"frame-src": [newsroom_video.APARAT_ORIGIN]}
    return response
