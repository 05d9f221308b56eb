"""Every public listing reads one index range in publication order (no sort of the whole set).

SQLite's EXPLAIN QUERY PLAN says so directly. PostgreSQL's plans depend on table statistics, so
there the planner is told to avoid sequential scans and sorts wherever it can: a Sort node that
remains means no index can deliver the order."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamafza.newsroom import selectors
from tests import factories

POSTGRES = connection.vendor == "postgresql"


def _plans(call) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    plans = []
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SET enable_seqscan = off; SET enable_sort = off")
        for query in ctx.captured_queries:
            cursor.execute(("EXPLAIN " if POSTGRES else "EXPLAIN QUERY PLAN ") + query["sql"])
            plans.append("\n".join(str(row[-1]) for row in cursor.fetchall()))
        if POSTGRES:
            cursor.execute("RESET enable_seqscan; RESET enable_sort")
    return plans


@pytest.fixture(scope="module")
def _corpus(module_db):
    """Ten items, built once for the module (tests/conftest.py: module_db): the tests only read."""
    world = factories.make_world()
    s = world["sectors"]
    for _ in range(10):
        item = factories.make_item(world["A"], supporting=[world["B"]], sectors=[s["road"]], tags=["ایمنی راه"])
    tag = selectors.tag_by_slug("ایمنی-راه")
    return {"world": world, "item": item, "tag": tag}


@pytest.fixture
def corpus(db, _corpus):
    return copy.deepcopy(_corpus)


LISTINGS = {
    "council": ("placement_listing", lambda c: selectors.council_latest(c["world"]["council"].id, 20, 21)),
    "agency": ("itemagency_listing", lambda c: selectors.agency_items(c["world"]["B"].id, 0, 21)),
    "related": ("itemagency_listing", lambda c: selectors.agency_led_items(c["world"]["A"].id, c["item"].id, 6)),
    "related_elsewhere": ("itemagency_listing", lambda c: selectors.agency_led_items(
        c["world"]["A"].id, c["item"].id, 6, council_id=c["world"]["council"].id)),
    "sector": ("itemsector_listing", lambda c: selectors.sector_items(
        c["world"]["council"].id, c["world"]["sectors"]["road"].id, 0, 21)),
    "tag": ("itemtag_listing", lambda c: selectors.tag_items(c["world"]["council"].id, c["tag"].id, 0, 21)),
    "sitemap": ("placement_listing", lambda c: selectors.sitemap_entries(c["world"]["council"].id, 0, 100)),
}


@pytest.mark.parametrize("name", list(LISTINGS))
def test_listing_is_an_index_range(corpus, name):
    index, call = LISTINGS[name]
    (plan,) = _plans(lambda: call(corpus))
    assert index in plan, plan
    if POSTGRES:
        _assert_no_full_sort(plan)
    else:
        # The index ends with the item: it gives the whole order (newest, then the item), ties too.
        assert "TEMP B-TREE" not in plan, plan


def _assert_no_full_sort(plan: str) -> None:
    # An Incremental Sort on a presorted published_at only orders ties within the page.
    full_sorts = [line for line in plan.splitlines() if "Sort  (" in line and "Incremental" not in line]
    assert not full_sorts, plan
    if "Incremental Sort" in plan:
        assert "Presorted Key:" in plan, plan


def test_the_front_page_reads_index_ranges_then_items_by_key(corpus):
    """selectors.front_page: one index range per listing (the council's, each sector's), then
    the shown items by primary key."""
    world = corpus["world"]
    ids_plan, items_plan = _plans(lambda: selectors.front_page(
        world["council"].id, 13, [s.id for s in world["sectors"].values()], per_row=4, lookahead=8))
    assert "placement_listing" in ids_plan and "itemsector_listing" in ids_plan, ids_plan
    # The outermost ORDER BY sorts the few ids picked (at most latest + lookahead per sector);
    # under it, every listing is read in index order.
    if POSTGRES:
        inner = ids_plan.split("\n", 1)[1] if ids_plan.lstrip().startswith("Sort") else ids_plan
        _assert_no_full_sort(inner)
        assert "Seq Scan on newsroom_newsitem" not in items_plan, items_plan
    else:
        lines = [line for line in ids_plan.splitlines() if "TEMP B-TREE" in line]
        assert len(lines) <= 1, ids_plan  # the outermost one only
        # The ids come from the listing indexes alone, without a visit to their tables' rows.
        assert "COVERING INDEX placement_listing" in ids_plan and "COVERING INDEX itemsector_listing" in ids_plan, ids_plan
        assert "INTEGER PRIMARY KEY" in items_plan and "SCAN i" not in items_plan, items_plan
