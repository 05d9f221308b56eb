import feedparser
import pytest

from tests import factories

from .helpers import HOST

TITLE = "آغاز عملیات روکش آسفالت محور اهواز–اندیمشک"


@pytest.fixture
def items(khz):
    s = khz["sectors"]
    return [
        factories.make_item(khz["B"], title=TITLE, sectors=[s["road"]]),
        factories.make_item(khz["C"], title="افزایش قطارهای مسافری جنوب", sectors=[s["rail"]]),
        factories.make_item(khz["D"], title="خبر دستگاهی بیرون از شورا"),
    ]


@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/"])
def test_council_feed_parses_with_persian_titles_intact(client, items, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "درگاه خبری روابط عمومی‌های خوزستان"
    titles = [e.title for e in feed.entries]
    assert TITLE in titles and "افزایش قطارهای مسافری جنوب" in titles
    assert "خبر دستگاهی بیرون از شورا" not in titles
    entry = next(e for e in feed.entries if e.title == TITLE)
    assert entry.link == f"http://{HOST}{items[0].get_absolute_url()}"
    assert entry.published_parsed is not None


def test_rss_dates_are_rfc_822(client, items):
    body = client.get("/feeds/rss/", HTTP_HOST=HOST).content.decode()
    assert "<pubDate>" in body and ("+0000</pubDate>" in body or "GMT</pubDate>" in body or "+0330</pubDate>" in body)


def test_agency_feed_lists_only_that_agencys_items(client, items, khz):
    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/agency/{khz['B'].slug}/{kind}/", HTTP_HOST=HOST).content)
        assert [e.title for e in feed.entries] == [TITLE]


def test_sector_feed_lists_only_that_sectors_items(client, items, khz):
    slug = khz["sectors"]["rail"].slug
    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/sector/{slug}/{kind}/", HTTP_HOST=HOST).content)
        assert [e.title for e in feed.entries] == ["افزایش قطارهای مسافری جنوب"]


def test_feed_of_an_agency_outside_the_council_is_404(client, items, khz):
    response = client.get(f"/feeds/agency/{khz['D'].slug}/rss/", HTTP_HOST=HOST)
    assert response.status_code == 404
    assert "چنین دستگاهی در این شورا عضو نیست." in response.content.decode()
