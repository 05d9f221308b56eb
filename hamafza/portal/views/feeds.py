"""RSS 2.0 and Atom feeds of a council's portal: all items, per agency, per sector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _

from hamafza.newsroom import selectors
from hamafza.newsroom.models import NewsItem

from ..feedwriter import AtomFeed, RssFeed
from ..links import _quoted, item_path
from .base import portal_view

FEED_SIZE = 30


@dataclass
class Source:
    title: str
    description: str
    link: str
    items: Callable[[], list[NewsItem]]


class CouncilFeed(Feed):
    """All the council's items. Subclasses narrow the source; `Atom` switches the format.

    The feed is what Django's syndication framework makes of the item_* methods below, built
    with less work: get_feed adds the items with their values directly (Django's asks up to 17
    `item_*` attributes per item, each through inspect), and the generators of
    portal.feedwriter write the XML. tests/portal/test_feed_writer.py checks the bytes against
    Django's own Feed with these methods."""

    feed_type = RssFeed
    language = "fa"

    def get_feed(self, source: Source, request: HttpRequest):
        domain, secure = get_current_site(request).domain, request.is_secure()
        feed = self.feed_type(
            title=source.title, subtitle=source.description, link=add_domain(domain, source.link, secure),
            description=source.description, language=self.language,
            feed_url=add_domain(domain, request.path, secure),
        )
        base = add_domain(domain, f"{get_script_prefix()}news/", secure)  # = item_path's, absolute
        for item in self.items(source):
            link = f"{base}{item.pk}/{_quoted(item.slug)}/"
            feed.add_item(
                title=item.title, link=link, description=item.lead, unique_id=link, enclosures=[],
                pubdate=item.published_at, author_name=item.agency_name,
            )
        return feed

    def __call__(self, request, *args, **kwargs):
        self.request = request  # each request gets its own feed object: see feed_view
        try:
            source = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feedgen = self.get_feed(source, request)
        response = HttpResponse(content_type=feedgen.content_type)
        response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        feedgen.write(response, "utf-8")
        return response

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Source:
        council = request.council
        return Source(
            council.portal_title, council.portal_tagline or council.name, reverse("portal:home"),
            lambda: selectors.council_latest(council.id, 0, FEED_SIZE),
        )

    def items(self, source: Source) -> list[NewsItem]:
        agencies = self.request.registry.agencies
        items = source.items()
        for item in items:
            item.agency_name = agencies[item.lead_agency_id].name
        return items

    def title(self, source: Source) -> str:
        return source.title

    def link(self, source: Source) -> str:
        return source.link

    def description(self, source: Source) -> str:
        return source.description

    subtitle = description

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.lead

    def item_link(self, item: NewsItem) -> str:
        return item_path(item)

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_author_name(self, item: NewsItem) -> str:
        return item.agency_name


class AgencyFeed(CouncilFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Source:
        council = request.council
        agency = request.registry.agencies_by_slug.get(slug)
        if agency is None or agency.id not in council.member_ids:
            raise Http404(_("چنین دستگاهی در این شورا عضو نیست."))
        return Source(
            f"{agency.name} | {council.portal_title}", _("اخبار %(agency)s") % {"agency": agency.name},
            reverse("portal:agency", kwargs={"slug": slug}),
            lambda: selectors.agency_items(agency.id, 0, FEED_SIZE),
        )


class SectorFeed(CouncilFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Source:
        council = request.council
        sector = request.registry.sectors_by_slug.get(slug)
        if sector is None:
            raise Http404(_("چنین بخشی یافت نشد."))
        return Source(
            f"{sector.name} | {council.portal_title}", _("اخبار بخش %(sector)s") % {"sector": sector.name},
            reverse("portal:sector", kwargs={"slug": slug}),
            lambda: selectors.sector_items(council.id, sector.id, 0, FEED_SIZE),
        )


def feed_view(feed_class: type[CouncilFeed], atom: bool = False) -> Callable:
    """A view that builds a fresh feed object per request (so it may hold the request)."""
    feed_type = AtomFeed if atom else RssFeed

    @portal_view
    def view(request: HttpRequest, *args, **kwargs):
        feed = feed_class()
        feed.feed_type = feed_type
        return feed(request, *args, **kwargs)

    return view


feed_rss = feed_view(CouncilFeed)
feed_atom = feed_view(CouncilFeed, atom=True)
agency_rss = feed_view(AgencyFeed)
agency_atom = feed_view(AgencyFeed, atom=True)
sector_rss = feed_view(SectorFeed)
sector_atom = feed_view(SectorFeed, atom=True)
