import pytest

from hamafza.newsroom import actions
from tests import factories


@pytest.fixture
def item(world):
    return factories.make_item(world["A"], tags=["اربعین"])


@pytest.mark.parametrize("path", ["news", "agencies", "sectors", "agencies/راهداری"])
def test_a_matching_if_none_match_gets_304_without_a_body(api, item, path):
    first, _ = api.get(path)
    again, _ = api.get(path, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


def test_the_detail_etag_changes_when_the_items_tags_change(api, item):
    first, _ = api.get(f"news/{item.pk}")
    actions.set_item_tags(item, actions.get_or_create_tags(["نوروز"]))

    again, body = api.get(f"news/{item.pk}", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert [t["name"] for t in body["tags"]] == ["نوروز"]


def test_the_list_etag_changes_when_an_item_is_published(api, world, item):
    first, _ = api.get("news")
    factories.make_item(world["B"])

    again, body = api.get("news", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert len(body["results"]) == 2


def test_a_stale_etag_gets_the_full_response(api, item):
    response, body = api.get("news", headers={"If-None-Match": '"stale"'})

    assert response.status_code == 200 and body["results"]


def test_errors_carry_no_304(api, item):
    first, _ = api.get("news/999999")
    again, _ = api.get("news/999999", headers={"If-None-Match": first.get("ETag", '"x"')})

    assert again.status_code == 404
