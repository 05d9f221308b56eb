"""Listings of one agency, sector or tag on the council's portal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hamafza.agencies.models import Agency, SocialAccount
from hamafza.cooperation import reciprocity
from hamafza.newsroom import selectors

from .base import page, paginate, portal_view


def listing(request: HttpRequest, template: str, fetch, empty: str | None = None, **context) -> HttpResponse:
    """A paginated listing page; its canonical URL keeps the page number. With `empty`, a
    listing with no items at all is a 404 carrying that message."""
    current = paginate(request, fetch)
    if empty and not current.items:
        raise Http404(empty)
    context.update(page=current, canonical=request.build_absolute_uri(current.url(current.number)))
    return page(request, template, context)


@portal_view
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    info = request.registry.agencies_by_slug.get(slug)
    if info is None or info.id not in request.council.member_ids:
        raise Http404(_("چنین دستگاهی در این شورا عضو نیست."))
    profile = Agency.objects.only("about", "phone", "email", "address", "website").get(pk=info.id)
    return listing(
        request, "portal/agency.html", lambda offset, limit: selectors.agency_items(info.id, offset, limit),
        agency=info, profile=profile, social=list(SocialAccount.objects.filter(agency_id=info.id)),
        cooperation=reciprocity.public_summary(request.council.id, info.id),
        feed_rss=("portal:agency_rss", slug), feed_atom=("portal:agency_atom", slug),
    )


@portal_view
def sector(request: HttpRequest, slug: str) -> HttpResponse:
    info = request.registry.sectors_by_slug.get(slug)
    if info is None:
        raise Http404(_("چنین بخشی یافت نشد."))
    council_id = request.council.id
    return listing(
        request, "portal/listing.html",
        lambda offset, limit: selectors.sector_items(council_id, info.id, offset, limit),
        heading=info.name, kicker=_("بخش"), sector=info,
        feed_rss=("portal:sector_rss", slug), feed_atom=("portal:sector_atom", slug),
    )


@portal_view
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.tag_by_slug(slug)
    if found is None:
        raise Http404(_("چنین برچسبی یافت نشد."))
    council_id = request.council.id
    return listing(
        request, "portal/listing.html",
        lambda offset, limit: selectors.tag_items(council_id, found.id, offset, limit),
        empty=_("در این درگاه خبری با این برچسب نیست."), heading=found.name, kicker=_("برچسب"),
    )
