"""The portal's header, navigation and footer are rendered once per council, language and
current sector (hamafza.portal.chrome.Frame), not per page: what a reader sees must still follow
the page (its sector, its search), the registry (a renamed agency) and the language."""

import re

from django.urls import reverse

from hamafza.core import jinja

from .helpers import HOST

NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
SEARCH_BOX = re.compile(r'<input id="site-search-q"[^>]*value="([^"]*)"')
FOOTER = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)


def html(client, path, query=None):
    response = client.get(path, query, HTTP_HOST=HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def current_in_nav(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', NAV.search(page).group(0))


def test_the_navigation_marks_the_sector_of_the_page_and_no_other(client, world):
    urban, road = world["sectors"]["urban"], world["sectors"]["road"]
    assert current_in_nav(html(client, "/")) == []
    urban_path, road_path = (reverse("portal:sector", kwargs={"slug": s.slug}) for s in (urban, road))
    assert current_in_nav(html(client, urban_path)) == [urban_path]
    assert current_in_nav(html(client, road_path)) == [road_path]
    assert current_in_nav(html(client, urban_path)) == [urban_path]
    assert current_in_nav(html(client, "/")) == []  # the sector pages' headers did not leak into home's


def test_the_search_box_keeps_the_readers_query_escaped_and_only_on_that_page(client, world):
    page = html(client, "/search/", {"q": '"><b>راه'})
    assert SEARCH_BOX.search(page).group(1) == "&#34;&gt;&lt;b&gt;راه"
    assert "<b>راه" not in page
    assert SEARCH_BOX.search(html(client, "/")).group(1) == ""
    assert SEARCH_BOX.search(html(client, "/search/", {"q": "بندر"})).group(1) == "بندر"


def test_a_renamed_agency_is_named_anew_in_the_footer_and_on_the_home(client, world):
    before = html(client, "/")
    assert world["B"].name in FOOTER.search(before).group(0)
    world["B"].name, world["B"].short_name = "سازمان راهداری و حمل و نقل جاده‌ای", "راهداری کشور"
    world["B"].save()
    after = html(client, "/")
    footer = FOOTER.search(after).group(0)
    assert "سازمان راهداری و حمل و نقل جاده‌ای" in footer and "اداره کل راهداری" not in footer
    assert "<span>راهداری کشور</span>" in after  # the home page's agency strip


def test_each_language_gets_its_own_frame(client, world, monkeypatch):
    """The shipped catalogues have no English for the portal yet: an English word is put where
    the templates' translation function looks first, as a catalogue would give it."""
    monkeypatch.setitem(jinja._translations, ("en", "نقشهٔ سایت"), "Site map")
    persian = FOOTER.search(html(client, "/")).group(0)
    client.cookies["django_language"] = "en"
    english = FOOTER.search(html(client, "/")).group(0)
    assert ">Site map<" in english and "نقشهٔ سایت" not in english
    client.cookies["django_language"] = "fa"
    assert FOOTER.search(html(client, "/")).group(0) == persian and ">Site map<" not in persian
