import datetime as dt

import pytest

from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian
from tests import factories

from .conftest import assert_persian_error


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in Tehran on a Jalali day."""
    return dt.datetime.combine(jalali_to_gregorian(year, month, day), dt.time(hour, minute), tzinfo=TEHRAN)


@pytest.fixture
def azar(world):
    """Items on 4, 5 (first and last minute) and 6 Azar 1405, Tehran time."""
    return {
        "4": factories.make_item(world["A"], published_at=_at(1405, 9, 4, 23, 59)),
        "5-early": factories.make_item(world["A"], published_at=_at(1405, 9, 5, 0, 0)),
        "5-late": factories.make_item(world["B"], published_at=_at(1405, 9, 5, 23, 59)),
        "6": factories.make_item(world["B"], published_at=_at(1405, 9, 6, 0, 1)),
    }


def _ids(body):
    return {item["id"] for item in body["results"]}


@pytest.mark.parametrize("day", ["۱۴۰۵/۰۹/۰۵", "١٤٠٥/٠٩/٠٥", "1405-09-05", "1405/9/5"])
def test_a_one_day_range_holds_that_tehran_day_in_any_digits(api, azar, day):
    response, body = api.get("news", **{"from": day, "to": day})

    assert response.status_code == 200
    assert _ids(body) == {azar["5-early"].pk, azar["5-late"].pk}


def test_an_open_ended_range(api, azar):
    _, since = api.get("news", **{"from": "۱۴۰۵/۰۹/۰۶"})
    _, until = api.get("news", to="۱۴۰۵/۰۹/۰۴")

    assert _ids(since) == {azar["6"].pk}
    assert _ids(until) == {azar["4"].pk}


def test_a_range_combines_with_an_agency(api, world, azar):
    _, body = api.get("news", agency=world["B"].slug, **{"from": "۱۴۰۵/۰۹/۰۵", "to": "۱۴۰۵/۰۹/۰۵"})

    assert _ids(body) == {azar["5-late"].pk}


def test_an_item_published_late_in_the_utc_evening_is_on_the_next_tehran_day(api, world):
    # 21:00 UTC on 25 Nov 2026 is 00:30 on 5 Azar 1405 in Tehran.
    item = factories.make_item(world["A"], published_at=dt.datetime(2026, 11, 25, 21, 0, tzinfo=dt.UTC))

    _, body = api.get("news", **{"from": "۱۴۰۵/۰۹/۰۵", "to": "۱۴۰۵/۰۹/۰۵"})

    assert _ids(body) == {item.pk}
    assert body["results"][0]["published_at_jalali"] == "1405-09-05T00:30:00+03:30"


@pytest.mark.parametrize(
    "value",
    ["۱۴۰۴/۱۲/۳۰", "1404/12/30", "۱۴۰۵/۱۳/۰۱", "1405/09/32", "1405/00/10", "دیروز", "2026-11-25T00:00", "۱۴۰۵"],
)
def test_an_impossible_or_unreadable_date_is_a_bad_request(api, value):
    response, body = api.get("news", **{"from": value})

    assert_persian_error(response, body, 400)
    assert value in body["detail"]


def test_a_range_that_ends_before_it_starts_is_a_bad_request(api):
    response, body = api.get("news", **{"from": "۱۴۰۵/۰۹/۱۰", "to": "۱۴۰۵/۰۹/۰۱"})

    assert_persian_error(response, body, 400)
