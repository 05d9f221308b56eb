from urllib.parse import parse_qs, urlsplit

import pytest

from tests import factories

from .conftest import assert_persian_error


@pytest.fixture
def five(world):
    return [factories.make_item(world["A"]) for _ in range(5)]  # newest first: made 1 minute apart


def _query(url):
    return parse_qs(urlsplit(url).query)


def test_pages_walk_the_list_with_next_and_previous(api, five):
    _, first = api.get("news", page_size=2)
    _, second = api.get("news", page=2, page_size=2)
    _, last = api.get("news", page=3, page_size=2)

    assert [i["id"] for i in first["results"] + second["results"] + last["results"]] == [i.pk for i in five]
    assert first["previous"] is None
    assert _query(first["next"]) == {"page": ["2"], "page_size": ["2"]}
    assert _query(second["previous"]) == {"page": ["1"], "page_size": ["2"]}
    assert last["next"] is None


def test_next_keeps_the_filters(api, world, five):
    _, body = api.get("news", page_size=2, agency=world["A"].slug)

    assert _query(body["next"])["agency"] == [world["A"].slug]


def test_an_empty_first_page_is_an_empty_list(api):
    response, body = api.get("news")

    assert response.status_code == 200
    assert body["results"] == [] and body["next"] is None


def test_a_page_past_the_end_is_not_found(api, five):
    response, body = api.get("news", page=4, page_size=2)

    assert_persian_error(response, body, 404)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"}, {"page": "-1"}, {"page": "abc"}, {"page": "1.5"}, {"page": "1001"},
        {"page": "99999999999999999999999"}, {"page_size": "0"}, {"page_size": "10000"}, {"page_size": "ده"},
    ],
)
def test_out_of_bounds_or_unreadable_paging_is_a_bad_request(api, params):
    response, body = api.get("news", **params)

    assert_persian_error(response, body, 400)
    assert next(iter(params)) in body["detail"]
