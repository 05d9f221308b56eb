import pytest

from hamafza.coverage import fetcher
from hamafza.demo.data.news import NEWS
from hamafza.press.models import Outlet
from hamafza.search import indexing
from tests import factories

from .server import FixtureServer

# The demo items the fixtures reprint (tests/coverage/fixtures/): index in hamafza.demo.data.news.
REPRINTED = {0: "jonoob/1.html", 1: "jonoob/2.html", 19: "karoun/a.html", 27: "karoun/b.html"}
BORDERLINE = {10: "karoun/c.html"}
UNRELATED = ["jonoob/3.html", "karoun/d.html", "karoun/e.html"]


def demo_item(agency, index: int, **fields):
    n = NEWS[index]
    item = factories.make_item(agency, title=n["title"], kicker=n["kicker"], lead=n["lead"],
                               body="".join(f"<p>{p}</p>" for p in n["body"]), **fields)
    indexing.index_item(item.pk)
    return item


@pytest.fixture(autouse=True)
def _coverage_settings(settings):
    settings.HAMAFZA_COVERAGE_ALLOW_PRIVATE = True  # the local server is on 127.0.0.1
    fetcher.forget_robots()
    yield
    fetcher.forget_robots()


@pytest.fixture
def server():
    with FixtureServer() as s:
        yield s


@pytest.fixture
def monitored(world, server):
    """The world's agencies with the demo items the fixtures reprint (all led by A, and one by B),
    and two outlets kept by A: «جنوب» with a feed, «کارون» with only a sitemap."""
    return outlets_on(world, demo_items(world), server)


def demo_items(world) -> dict:
    """The demo items the fixtures reprint, indexed: all led by A, and one (19) by B."""
    a, b = world["A"], world["B"]
    return {i: demo_item(a if i != 19 else b, i) for i in (0, 1, 10, 19, 27, 2)}


def outlets_on(world, items, server) -> dict:
    """Two outlets kept by A on `server`: «جنوب» with a feed, «کارون» with only a sitemap; the
    page of item 27 links to our portal."""
    from hamafza.coverage.models import FeedState

    a, council = world["A"], world["council"]
    server.portal_links["portal_item_27"] = f"https://khz.example.ir/news/{items[27].pk}/{items[27].slug}/"
    jonoob = Outlet.objects.create(council=council, agency=a, name="خبرگزاری جنوب", kind=Outlet.Kind.AGENCY,
                                   feed_url=f"{server.base}/jonoob/feed.xml")
    karoun = Outlet.objects.create(council=council, agency=a, name="پایگاه خبری کارون", kind=Outlet.Kind.SITE,
                                   sitemap_url=f"{server.base}/karoun/sitemap.xml")
    for o in (jonoob, karoun):
        FeedState.objects.create(outlet=o, council=council)
    return {"items": items, "jonoob": jonoob, "karoun": karoun, "server": server, **world}
