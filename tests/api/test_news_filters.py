from tests import factories

from .conftest import assert_persian_error


def _ids(body):
    return {item["id"] for item in body["results"]}


def test_it_filters_by_agency_including_items_the_agency_supports(api, world):
    led = factories.make_item(world["B"])
    supported = factories.make_item(world["A"], supporting=[world["B"]])
    factories.make_item(world["C"])

    _, body = api.get("news", agency="راهداری")

    assert _ids(body) == {led.pk, supported.pk}


def test_it_filters_by_sector_slug_or_code(api, world, sectors):
    rail = factories.make_item(world["C"], sectors=[sectors["rail"]])
    factories.make_item(world["B"], sectors=[sectors["road"]])

    _, by_code = api.get("news", sector="rail")
    _, by_slug = api.get("news", sector=sectors["rail"].slug)

    assert _ids(by_code) == _ids(by_slug) == {rail.pk}


def test_it_filters_by_tag(api, world):
    tagged = factories.make_item(world["A"], tags=["اربعین"])
    factories.make_item(world["A"], tags=["نوروز"])
    slug = tagged.tags.get().slug

    _, body = api.get("news", tag=slug)

    assert _ids(body) == {tagged.pk}


def test_filters_combine(api, world, sectors):
    wanted = factories.make_item(world["B"], sectors=[sectors["road"]], tags=["اربعین"])
    factories.make_item(world["B"], sectors=[sectors["road"]])
    factories.make_item(world["B"], sectors=[sectors["rail"]], tags=["اربعین"])
    factories.make_item(world["C"], sectors=[sectors["road"]], tags=["اربعین"])

    _, body = api.get("news", agency="راهداری", sector="road", tag=wanted.tags.get().slug)

    assert _ids(body) == {wanted.pk}


def test_a_tag_filter_shows_only_this_councils_items(api, world):
    factories.make_item(world["D"], tags=["اربعین"])
    mine = factories.make_item(world["A"], tags=["اربعین"])

    _, body = api.get("news", tag=mine.tags.get().slug)

    assert _ids(body) == {mine.pk}


def test_an_unknown_agency_is_not_found(api):
    response, body = api.get("news", agency="no-such-agency")

    assert_persian_error(response, body, 404)


def test_an_agency_of_another_council_is_not_found(api, world):
    factories.make_item(world["D"])

    response, body = api.get("news", agency=world["D"].slug)

    assert_persian_error(response, body, 404)


def test_an_unknown_sector_is_not_found(api):
    response, body = api.get("news", sector="space")

    assert_persian_error(response, body, 404)


def test_an_unknown_tag_is_not_found(api):
    response, body = api.get("news", tag="no-such-tag")

    assert_persian_error(response, body, 404)


def test_an_overlong_filter_is_a_bad_request(api):
    response, body = api.get("news", tag="ب" * 5000)

    assert_persian_error(response, body, 400)
