from .conftest import assert_persian_error


def test_it_lists_the_councils_member_agencies(api, world):
    response, body = api.get("agencies")

    assert response.status_code == 200
    assert {a["slug"] for a in body} == {world["A"].slug, world["B"].slug, world["C"].slug}


def test_an_agency_carries_its_registry_fields(api, world):
    _, body = api.get("agencies")
    road = next(a for a in body if a["slug"] == "راهداری")

    assert road["name"] == "اداره کل راهداری و حمل و نقل جاده‌ای خوزستان"
    assert road["short_name"] == "راهداری"
    assert road["kind"] == "directorate"
    assert road["status"] == "active"
    assert road["parent_id"] is None
    assert road["logo_url"] is None
    assert [s["code"] for s in road["sectors"]] == ["road"]
    assert road["portal_url"].startswith("http://khz.example.ir/")


def test_it_shows_one_agency_by_its_persian_slug(api, world):
    response, body = api.get("agencies/راه-آهن-جنوب")

    assert response.status_code == 200
    assert body["id"] == world["C"].pk


def test_an_agency_outside_the_council_is_not_found(api, world):
    response, body = api.get(f"agencies/{world['D'].slug}")

    assert_persian_error(response, body, 404)


def test_an_unknown_agency_is_not_found(api):
    response, body = api.get("agencies/no-such-agency")

    assert_persian_error(response, body, 404)


def test_it_lists_the_sectors_in_order(api, sectors):
    response, body = api.get("sectors")

    assert response.status_code == 200
    assert [s["code"] for s in body] == ["road", "rail", "maritime", "air", "urban", "meteorology"]
    assert body[0]["name"] == "جاده‌ای"
