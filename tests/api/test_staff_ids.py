"""Ids in the staff API's writes (issue 12): out-of-range integers are a Persian 400, never a 500;
an agency outside the lead agency's councils is refused; a supporting agency named through the
API is invited like one named in the workspace editor."""

import pytest

from hamafza.apitokens.actions import do_create_token
from hamafza.cooperation.models import AmplificationTarget
from hamafza.newsroom import actions
from hamafza.newsroom.models import ItemAgency, NewsItem
from tests import factories

from .conftest import BUSHEHR, assert_persian_error

BASE = "/api/v1/staff"
HUGE = [2**63, 2**70, -1, 0]


@pytest.fixture
def key(personas):
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_token(personas.own_staff, 'سامانه')[1]}"}


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس API", "lead": "لید"})


def put(client, key, item, **fields):
    return client.put(f"{BASE}/items/{item.pk}", {"base_revision": item.revision, **fields},
                      content_type="application/json", **key)


@pytest.mark.parametrize("field", ["sectors", "supporting"])
@pytest.mark.parametrize("number", HUGE)
def test_an_impossible_id_in_a_list_is_a_persian_400(client, key, draft, field, number):
    response = put(client, key, draft, **{field: [number]}, lead="لید تازه")
    assert_persian_error(response, response.json(), 400)
    assert field in response.json()["detail"]
    assert NewsItem.objects.get(pk=draft.pk).revision == draft.revision


@pytest.mark.parametrize("number", HUGE)
def test_an_impossible_agency_or_revision_is_a_persian_400(client, key, draft, number):
    created = client.post(f"{BASE}/items", {"agency": number, "title": "خبر"}, content_type="application/json", **key)
    assert_persian_error(created, created.json(), 400)
    if number >= 0:
        stale = client.put(f"{BASE}/items/{draft.pk}", {"base_revision": number * 2**10, "title": "خبر"},
                           content_type="application/json", **key)
        assert stale.status_code in (400, 409) and stale.json()["detail"]
    assert not NewsItem.objects.exclude(pk=draft.pk).exists()


def test_an_agency_of_another_council_cannot_be_made_supporting(client, key, personas, draft):
    factories.make_council(personas.pending_supporting, [], hostname=BUSHEHR, slug="bushehr")
    response = put(client, key, draft, supporting=[personas.pending_supporting.pk])
    assert response.status_code == 400
    assert "شورا" in response.json()["errors"]["supporting"][0]
    assert not ItemAgency.objects.filter(item=draft, agency=personas.pending_supporting).exists()
    created = client.post(f"{BASE}/items", {"agency": personas.own.pk, "title": "خبر",
                                            "supporting": [personas.pending_supporting.pk]},
                          content_type="application/json", **key)
    assert created.status_code == 400 and not NewsItem.objects.exclude(pk=draft.pk).exists()


def test_a_supporting_agency_named_through_the_api_is_invited(client, key, personas, draft):
    response = put(client, key, draft, supporting=[personas.supporting.pk])
    assert response.status_code == 200 and response.json()["supporting"] == [personas.supporting.pk]
    assert AmplificationTarget.objects.filter(request__item=draft, agency=personas.supporting).exists()
    created = client.post(f"{BASE}/items", {"agency": personas.own.pk, "title": "خبر تازه",
                                            "supporting": [personas.supporting.pk]},
                          content_type="application/json", **key)
    assert created.status_code == 201
    assert AmplificationTarget.objects.filter(request__item_id=created.json()["id"], agency=personas.supporting).exists()
