"""The portal's feeds are the bytes Django's syndication framework makes of the feed classes'
item_* methods (issue 17: the feeds got faster, the readers' feed readers see no change).

Each test serves a feed through the portal's view and through a reference view that runs
Django's stock Feed.__call__ / get_feed with django.utils.feedgenerator's Rss201rev2Feed and
Atom1Feed over the same feed classes, and compares the bodies and the Last-Modified header."""

import re

import pytest
from django.contrib.syndication.views import Feed
from django.test import RequestFactory
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import UnserializableContentError

from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.portal.views import feeds
from tests import factories

from .conftest import portal_world
from .helpers import HOST

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

TITLES = [
    "آغاز عملیات روکش آسفالت محور اهواز–اندیمشک",
    'عنوان با <نشانه> & "نقل‌قول" و \'تک‌نقل\'',
    "]]> و <![CDATA[ در عنوان",
    "   فاصله در آغاز و پایان   ",
]
LEADS = ["", "لید کوتاه", 'لید با <b>برچسب</b> & "نقل‌قول"\nو خط تازه\tو جدول', "ب" * 600]


@pytest.fixture(scope="module")
def _built(module_db):
    """The world and its sixteen items, built once for the module (tests/conftest.py: module_db):
    the tests read them, and each runs in its own savepoint."""
    khz = portal_world(factories.make_world())
    s = khz["sectors"]
    out = []
    for n, (title, lead) in enumerate((t, ld) for t in TITLES for ld in LEADS):
        agency = [khz["A"], khz["B"], khz["C"]][n % 3]
        out.append(factories.make_item(
            agency, title=f"{title} {n}", lead=lead, sectors=[s["road"] if n % 2 else s["rail"]],
            supporting=[khz["A"]] if n % 5 == 0 and agency != khz["A"] else (),
        ))
    return khz, out


@pytest.fixture
def khz(module_copy):
    return module_copy[0]


@pytest.fixture
def items(module_copy):
    return module_copy[1]


def _reference(feed_class, atom: bool):
    """The portal's feed class run by Django's own Feed machinery and generators."""

    class Reference(feed_class):
        feed_type = Atom1Feed if atom else Rss201rev2Feed
        get_feed = Feed.get_feed

        def __call__(self, request, *args, **kwargs):
            self.request = request
            return Feed.__call__(self, request, *args, **kwargs)

    return Reference()


def _request(path: str, secure: bool = False):
    request = RequestFactory().get(path, HTTP_HOST=HOST, secure=secure)
    reg = get_registry()
    request.registry = reg
    request.council = next(c for c in reg.councils.values() if c.hostname == HOST)
    return request


CASES = [
    (feeds.CouncilFeed, "/feeds/rss/", {}),
    (feeds.AgencyFeed, "/feeds/agency/x/rss/", "A"),
    (feeds.AgencyFeed, "/feeds/agency/x/rss/", "C"),
    (feeds.SectorFeed, "/feeds/sector/x/rss/", "road"),
]


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_feed_bytes_are_djangos(items, khz, atom, secure, case):
    feed_class, path, arg = CASES[case]
    kwargs = {}
    if isinstance(arg, str):
        slug = khz[arg].slug if arg in khz else khz["sectors"][arg].slug
        kwargs = {"slug": slug}
    ours = feed_class()
    ours.feed_type = feeds.AtomFeed if atom else feeds.RssFeed
    mine = ours(_request(path, secure), **kwargs)
    theirs = _reference(feed_class, atom)(_request(path, secure), **kwargs)
    assert mine.status_code == theirs.status_code == 200
    assert mine["Content-Type"] == theirs["Content-Type"]
    assert mine["Last-Modified"] == theirs["Last-Modified"]
    body = mine.content.decode()
    assert body.count("<item>" if not atom else "<entry>") >= 3
    assert "&lt;نشانه&gt; &amp;" in body
    assert mine.content == theirs.content


def test_an_empty_feed_is_djangos(khz):
    NewsItem.objects.all().delete()  # the module's items (in this test's savepoint)

    # with no item, the feed's date is the time of the request: left out of the comparison
    def undated(content: bytes) -> bytes:
        return re.sub(rb"<(updated|lastBuildDate)>[^<]+<", rb"<\1>-<", content)

    for atom in (False, True):
        ours = feeds.CouncilFeed()
        ours.feed_type = feeds.AtomFeed if atom else feeds.RssFeed
        mine = ours(_request("/feeds/rss/")).content
        assert b"<entry>" not in mine and b"<item>" not in mine
        assert undated(mine) == undated(_reference(feeds.CouncilFeed, atom)(_request("/feeds/rss/")).content)


def test_control_characters_are_refused_as_django_refuses_them(khz):
    item = factories.make_item(khz["B"], title="عنوان")
    NewsItem.objects.filter(pk=item.pk).update(lead="لید با \x0b نویسهٔ کنترلی")
    for atom in (False, True):
        ours = feeds.CouncilFeed()
        ours.feed_type = feeds.AtomFeed if atom else feeds.RssFeed
        with pytest.raises(UnserializableContentError):
            ours(_request("/feeds/rss/"))
        with pytest.raises(UnserializableContentError):
            _reference(feeds.CouncilFeed, atom)(_request("/feeds/rss/"))


def test_the_served_feeds_use_the_fast_writer(client, items):
    """The URLs serve the portal's writer (not Django's stock one), with the same bytes."""
    for path, atom in (("/feeds/rss/", False), ("/feeds/atom/", True)):
        served = client.get(path, HTTP_HOST=HOST)
        assert served.status_code == 200
        assert served.content == _reference(feeds.CouncilFeed, atom)(_request(path)).content
