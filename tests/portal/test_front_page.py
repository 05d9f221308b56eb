"""selectors.front_page picks the home page's stories as the home view picked them before issue
17 (the council's latest, then per sector the latest not above), in two queries at any size.

The reference below is that earlier algorithm over the public listings (council_latest and
sector_items): the latest 13, then per sector its first 8 not among them, of which the first 4
not in an earlier row. The corpus has ties in publication time, stories in two and three
sectors, stories of another council and unpublished ones."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from hamafza.newsroom import selectors
from tests import factories

LATEST, PER_ROW, LOOKAHEAD = 13, 4, 8


def _reference(council_id, sector_ids):
    latest = selectors.council_latest(council_id, 0, LATEST)
    in_latest = {i.id for i in latest}
    shown = set(in_latest)
    rows = []
    for sector_id in sector_ids:
        ahead = [i for i in selectors.sector_items(council_id, sector_id, 0, LATEST + LOOKAHEAD) if i.id not in in_latest]
        fresh = [i for i in ahead[:LOOKAHEAD] if i.id not in shown][:PER_ROW]
        shown.update(i.id for i in fresh)
        if fresh:
            rows.append((sector_id, [i.id for i in fresh]))
    return [i.id for i in latest], rows


@pytest.fixture
def corpus(world):
    rnd = random.Random(17)
    sectors = list(world["sectors"].values())
    base = timezone.now() - dt.timedelta(days=3)
    agencies = [world["A"], world["B"], world["C"], world["D"]]  # D is on no council
    items = []
    for n in range(90):
        at = base + dt.timedelta(minutes=rnd.choice([n, n, n - 1]))  # some share their minute
        item = factories.make_item(
            rnd.choice(agencies), sectors=rnd.sample(sectors, rnd.choice([1, 1, 2, 3])), published_at=at,
            published=n % 9 != 0,  # some drafts, never listed
        )
        items.append(item)
    return world


@pytest.mark.django_db
def test_front_page_picks_what_the_earlier_home_picked(corpus, django_assert_num_queries):
    council_id = corpus["council"].id
    sector_ids = [s.id for s in corpus["sectors"].values()]
    for ids in (sector_ids, list(reversed(sector_ids)), sector_ids[:2]):
        with django_assert_num_queries(2):
            front = selectors.front_page(council_id, LATEST, ids, per_row=PER_ROW, lookahead=LOOKAHEAD)
        latest, rows = _reference(council_id, ids)
        assert len(latest) == LATEST and len(rows) >= 2
        assert [i.id for i in front.latest] == latest
        assert [(s, [i.id for i in items]) for s, items in front.sector_rows] == rows
        every = [i.id for i in front.latest] + [i.id for _, items in front.sector_rows for i in items]
        assert len(every) == len(set(every))
        assert all(i.main_image is None and i.title for i in front.latest)


@pytest.mark.django_db
def test_an_empty_portal(world):
    front = selectors.front_page(world["council"].id, LATEST, [s.id for s in world["sectors"].values()], PER_ROW, LOOKAHEAD)
    assert front.latest == [] and front.sector_rows == []
