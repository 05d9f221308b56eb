"""Query counts do not grow with the corpus: names come from the registry, lists are one query."""

import pytest

from hamafza.agencies.registry import get_registry
from tests import factories

from .helpers import HOST

# Home: latest items, sector rows.  Article: the item, its extras (agencies, tags, gallery,
# attachments), related items.  Agency: profile, social accounts, items, its cooperation figures
# (one query of four counts, then cached).  Sector: items.
EXPECTED = {"home": 2, "article": 3, "agency": 4, "sector": 1}


def _corpus(world, n):
    sectors = world["sectors"]
    items = []
    for i in range(n):
        lead = (world["A"], world["B"], world["C"])[i % 3]
        items.append(factories.make_item(
            lead, supporting=[world["B"]] if lead != world["B"] else [world["C"]],
            sectors=[sectors["road"], sectors["urban"]], tags=["هفته حمل و نقل"],
        ))
    return items


def _pages(world, items):
    return {
        "home": "/",
        "article": items[-1].get_absolute_url(),
        "agency": f"/agency/{world['B'].slug}/",
        "sector": f"/sector/{world['sectors']['road'].slug}/",
    }


@pytest.mark.parametrize("n", [5, 40])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_query_count_does_not_depend_on_corpus_size(client, world, django_assert_num_queries, n, name):
    items = _corpus(world, n)
    path = _pages(world, items)[name]
    get_registry()  # loaded once per process after a change, not per request
    with django_assert_num_queries(EXPECTED[name]):
        response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200


def test_an_item_with_ten_supporting_agencies_costs_the_same(client, world, django_assert_num_queries):
    supporters = [factories.make_agency(f"دستگاه همکار {i}") for i in range(10)]
    council = world["council"]
    for agency in supporters:
        council.memberships.create(agency=agency)
    item = factories.make_item(world["A"], supporting=supporters)
    get_registry()
    with django_assert_num_queries(EXPECTED["article"]):
        response = client.get(item.get_absolute_url(), HTTP_HOST=HOST)
    assert response.status_code == 200
    for agency in supporters:
        assert agency.name.encode() in response.content
