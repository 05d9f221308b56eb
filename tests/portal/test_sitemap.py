import datetime as dt
import xml.etree.ElementTree as ET

from django.utils import timezone

from tests import factories

from .helpers import HOST

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _xml(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def test_sitemap_index_points_to_parts_that_list_the_articles(client, khz):
    item = factories.make_item(khz["B"], title="بهره‌برداری از پل جدید")
    outside = factories.make_item(khz["D"])
    index = _xml(client, "/sitemap.xml")
    parts = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert f"http://{HOST}/sitemap-news.xml" in parts
    urls = []
    for part in parts:
        urls += [loc.text for loc in _xml(client, part.removeprefix(f"http://{HOST}")).findall("sm:url/sm:loc", NS)]
    from urllib.parse import quote

    assert f"http://{HOST}/news/{item.pk}/{quote(item.slug)}/" in urls
    assert not any(f"/news/{outside.pk}/" in u for u in urls)
    assert f"http://{HOST}/agency/{quote(khz['B'].slug)}/" in urls


def test_news_sitemap_lists_the_last_two_days_only(client, khz):
    fresh = factories.make_item(khz["A"], title="خبر امروز")
    old = factories.make_item(khz["A"], published_at=timezone.now() - dt.timedelta(days=3))
    root = _xml(client, "/sitemap-news.xml")
    titles = [t.text for t in root.findall("sm:url/news:news/news:title", NS)]
    assert titles == [fresh.title]
    assert old.title not in titles
    assert root.find("sm:url/news:news/news:publication/news:language", NS).text == "fa"
    date = root.find("sm:url/news:news/news:publication_date", NS).text
    assert dt.datetime.fromisoformat(date) == fresh.published_at


def test_robots_names_the_sitemap(client, khz):
    response = client.get("/robots.txt", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert f"Sitemap: http://{HOST}/sitemap.xml" in response.content.decode()


def test_sitemap_part_beyond_the_end_is_404(client, khz):
    factories.make_item(khz["A"])
    assert client.get("/sitemap-items-2.xml", HTTP_HOST=HOST).status_code == 404
    assert client.get("/sitemap-items-99999999999999999999.xml", HTTP_HOST=HOST).status_code == 404
