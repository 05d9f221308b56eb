"""The open-data API: the same approved public figures as the CSV, with a documented schema."""

import pytest

from hamafza.reporting import actions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("azar_1405")]
HOST = "khz.example.ir"


@pytest.fixture
def approved(personas, indicator):
    for month in (1, 2, 3):
        actions.do_enter_value(personas.own_staff, indicator, 1405, month, str(month * 100))
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    actions.do_enter_value(personas.own_staff, indicator, 1405, 4, "999")  # a draft
    return indicator


def get(client, **params):
    response = client.get("/api/v1/reporting/values", params, HTTP_HOST=HOST)
    return response, response.json()


def test_values_are_the_approved_public_ones(client, approved):
    response, body = get(client)
    assert response.status_code == 200
    assert [(r["period"], r["value"]) for r in body["results"]] == [("1405-01", "100"), ("1405-02", "200"), ("1405-03", "300")]
    assert body["next"] is None


def test_pages_and_filters(client, personas, approved):
    response, body = get(client, page_size=2)
    assert len(body["results"]) == 2 and "page=2" in body["next"]
    response, body = get(client, page=2, page_size=2)
    assert [r["month"] for r in body["results"]] == [3]
    assert get(client, year=1404)[1]["results"] == []
    assert len(get(client, agency=personas.own.slug)[1]["results"]) == 3


def test_an_agency_of_another_council_is_a_persian_404(client, personas, approved):
    response, body = get(client, agency=personas.pending_supporting.slug)
    assert response.status_code == 404 and "دستگاه" in body["detail"]


def test_the_schema_is_documented(client, approved):
    schema = client.get("/api/openapi.json", HTTP_HOST=HOST).json()
    props = schema["components"]["schemas"]["ValueOut"]["properties"]
    assert "description" in props["period"] and "aggregation" in props
