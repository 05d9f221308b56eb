"""Two councils on one installation: each host shows only its council's agencies and items."""

from tests import factories

from .conftest import BUSHEHR, KHZ, assert_persian_error


def _ids(body):
    return {item["id"] for item in body["results"]}


def test_each_host_lists_only_its_councils_items(api, world, bushehr):
    khz_item = factories.make_item(world["B"])
    bsh_item = factories.make_item(world["D"])
    shared = factories.make_item(world["C"])

    _, khz = api.get("news", host=KHZ)
    _, bsh = api.get("news", host=BUSHEHR)

    assert _ids(khz) == {khz_item.pk, shared.pk}
    assert _ids(bsh) == {bsh_item.pk, shared.pk}


def test_an_item_of_another_councils_agency_is_not_found(api, world, bushehr):
    foreign = factories.make_item(world["D"])

    response, body = api.get(f"news/{foreign.pk}", host=KHZ)
    assert_persian_error(response, body, 404)

    response, _ = api.get(f"news/{foreign.pk}", host=BUSHEHR)
    assert response.status_code == 200


def test_each_host_lists_its_own_agencies(api, world, bushehr):
    _, bsh = api.get("agencies", host=BUSHEHR)

    assert {a["slug"] for a in bsh} == {world["C"].slug, world["D"].slug}
    assert api.get(f"agencies/{world['B'].slug}", host=BUSHEHR)[0].status_code == 404


def test_links_point_to_the_councils_own_host(api, world, bushehr):
    item = factories.make_item(world["C"])

    _, body = api.get(f"news/{item.pk}", host=BUSHEHR)

    assert body["short_url"] == f"http://{BUSHEHR}/n/{item.pk}"
