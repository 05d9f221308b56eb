"""Defect 4 of issue 13: a portal links an agency only when it has a page on this portal. A story
led by another council's agency (it shows here through a member agency that supported it) names
that agency as plain text; every /agency/ link on home, sector, archive, search and article
pages answers 200."""

import re
from urllib.parse import quote

import pytest

from hamafza.persian import jalali
from tests import factories

from .helpers import HOST

OTHER = "bushehr.example.ir"
AGENCY_LINK = re.compile(r'href="(/agency/[^"]+)"')


@pytest.fixture
def shared(world):
    factories.make_council(world["D"], [], hostname=OTHER, portal_title="درگاه شورای بوشهر")
    item = factories.make_item(world["D"], title="همکاری بنادر بوشهر و راه خوزستان", supporting=[world["A"]],
                               sectors=[world["sectors"]["urban"]])
    return {**world, "item": item}


def _pages(item, sector_slug):
    day = jalali.to_jalali(jalali.to_tehran(item.published_at))
    year, month = day.year, day.month
    return ["/", f"/sector/{sector_slug}/", f"/archive/{year}/", f"/archive/{year}/{month}/", item.get_absolute_url()]


def test_another_councils_agency_is_text_not_a_broken_link(client, shared):
    item, d = shared["item"], shared["D"]
    for path in _pages(item, shared["sectors"]["urban"].slug):
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert item.title in html, path
        assert f"/agency/{d.slug}/" not in html and f"/agency/{quote(d.slug)}/" not in html, path
        assert d.short_name in html or d.name in html, path
        for link in set(AGENCY_LINK.findall(html)):
            assert client.get(link, HTTP_HOST=HOST).status_code == 200, (path, link)


def test_the_member_supporting_agency_stays_a_link(client, shared):
    html = client.get(shared["item"].get_absolute_url(), HTTP_HOST=HOST).content.decode()
    links = AGENCY_LINK.findall(html)
    assert links
    assert f'<a href="/agency/{quote(shared["A"].slug)}/">{shared["A"].name}</a>' in html
