"""Defect 16 of issue 13: a story appears once on the portal home (sections show what is not
above; still two queries), and listings offer page numbers in Persian digits, not only «next»."""

import re
from collections import Counter

import pytest

from hamafza.portal.views.base import page_numbers
from tests import factories

from .helpers import HOST

HEADING_LINK = re.compile(r'class="(?:card__title|lead-story__title)"><a href="([^"]+)"')


@pytest.fixture
def many(world, settings):
    settings.PORTAL_PAGE_SIZE = 5
    urban, road = world["sectors"]["urban"], world["sectors"]["road"]
    # Thirty stories, each in two sectors: the old home showed the newest ones up to three times.
    return [factories.make_item(world["A"], title=f"خبر شمارهٔ {n}", sectors=[urban, road]) for n in range(30)]


def test_a_story_appears_once_on_the_home(client, many, django_assert_max_num_queries):
    client.get("/", HTTP_HOST=HOST)  # the registry and the chrome are loaded once per process
    with django_assert_max_num_queries(2):
        html = client.get("/", HTTP_HOST=HOST).content.decode()
    shown = Counter(HEADING_LINK.findall(html))
    assert shown and max(shown.values()) == 1, [p for p, n in shown.items() if n > 1]
    # Both sector rows still show stories: the ones not already above.
    assert html.count('class="section section--sector"') == 2
    assert len(shown) == 13 + 4 + 4


def test_page_numbers():
    assert page_numbers(1, True) == [1, 2]
    assert page_numbers(1, False) == [1]
    assert page_numbers(2, True) == [1, 2, 3]
    assert page_numbers(6, True) == [1, None, 4, 5, 6, 7]
    assert page_numbers(6, False) == [1, None, 4, 5, 6]


def test_listings_offer_numbered_pages_in_persian_digits(client, many, world):
    html = client.get(f"/sector/{world['sectors']['urban'].slug}/?page=4", HTTP_HOST=HOST).content.decode()
    pager = re.search(r'<nav class="pager".*?</nav>', html, re.S).group(0)
    assert re.search(r'aria-current="page"><span class="visually-hidden">صفحهٔ </span>۴</span>', pager)
    for n, fa in ((1, "۱"), (2, "۲"), (3, "۳"), (5, "۵")):
        suffix = "" if n == 1 else f"?page={n}"
        assert re.search(rf'href="[^"]*/{suffix}"><span class="visually-hidden">صفحهٔ </span>{fa}</a>'.replace("?", r"\?"), pager), n
    assert "صفحهٔ بعد" in pager and "صفحهٔ قبل" in pager
    assert not re.search(r">[0-9]+<", pager)
