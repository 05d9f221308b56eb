"""The reach page, the editor's reach card and the public API: who sees which agency, tampered
ids and periods, and that the public gets reach only summed per agency."""

from __future__ import annotations


import pytest
from django.utils import timezone

from hamafza.persian import jalali
from hamafza.reach import actions
from hamafza.reach.models import ItemDailyViews
from hamafza.reporting import actions as reporting_actions
from tests import factories
from tests.distribution.conftest import make_channel
from tests.personas import make_personas, sign_in_verified
from tests.people_once import personas, world  # noqa: F401  (fixtures over this module's _built)

HOST = "khz.example.ir"
URL = "/workspace/reach/"


pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture(scope="module")
def _built(module_db):
    """The world, its people and the counted reads, built once for the module (tests/conftest.py:
    module_db); each test runs in its own savepoint with its own copy."""
    world = factories.make_world()
    return {"world": world, "personas": make_personas(world), "counted": count(world)}


@pytest.fixture
def counted(module_copy):
    return module_copy["counted"]


def count(world):
    """A's item read by 7, B's by 3 today; another council's agency D read by 5."""
    today = timezone.localdate()
    council = world["council"]
    a_item = factories.make_item(world["A"], title="خبر پرخواننده راه")
    b_item = factories.make_item(world["B"], title="خبر راهداری")
    other_council = factories.make_council(world["D"], [], hostname="bsh.example.ir", short_name="شورای بوشهر", slug="bushehr")
    d_item = factories.make_item(world["D"], title="خبر بندر")
    ItemDailyViews.objects.create(item=a_item, council=council, agency=world["A"], day=today, views=7)
    ItemDailyViews.objects.create(item=b_item, council=council, agency=world["B"], day=today, views=3)
    ItemDailyViews.objects.create(item=d_item, council=other_council, agency=world["D"], day=today, views=5)
    return {"a": a_item, "b": b_item, "d": d_item, "other_council": other_council}


def page(client, user, **params):
    sign_in_verified(client, user)
    return client.get(URL, params)


def test_staff_see_their_own_agency(client, personas, counted):
    response = page(client, personas.own_staff)
    assert response.status_code == 200
    html = response.content.decode()
    assert "خبر پرخواننده راه" in html and "۷" in html
    assert "خبر راهداری" not in html and "خبر بندر" not in html
    assert "reach-agencies" not in html  # one agency: no side-by-side table


@pytest.mark.parametrize("who", ["own_staff", "other_staff", "supporting_staff"])
def test_another_agency_is_a_404_like_a_missing_one(client, personas, world, counted, who):
    target = world["B"] if who == "own_staff" else world["A"]
    refused = page(client, getattr(personas, who), agency=str(target.pk))
    missing = client.get(URL, {"agency": "99999"})
    assert refused.status_code == missing.status_code == 404
    assert "خبر پرخواننده راه" not in refused.content.decode()


@pytest.mark.parametrize("raw", ["2" + "0" * 21, "-1", "abc", "۹۹۹\x00", "1" * 200])
def test_tampered_agency_ids(client, personas, counted, raw):
    assert page(client, personas.own_staff, agency=raw).status_code == 404


def test_another_councils_agency_is_hidden_from_an_observer(client, personas, world, counted):
    response = page(client, personas.observer)
    assert response.status_code == 200
    html = response.content.decode()
    assert "reach-agencies" in html  # the council's agencies side by side
    assert "۷" in html and "۳" in html
    assert page(client, personas.observer, agency=str(world["D"].pk)).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, counted):
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "خبر پرخواننده راه" not in response.content.decode()


@pytest.mark.parametrize("params", [
    {"kind": "month", "year": "۱۴۰۵", "month": "13"}, {"kind": "nope", "year": "1404"}, {"kind": "year", "year": "2" * 30},
    {"kind": "quarter", "year": "1404", "quarter": "\x00"},
])
def test_bad_periods_get_a_persian_message(client, personas, counted, params):
    response = page(client, personas.own_staff, **params)
    assert response.status_code == 400
    assert "نادرست" in response.content.decode()


def test_a_quarter_and_a_past_month(client, personas, counted):
    today = jalali.to_jalali(timezone.localdate())
    quarter = (today.month - 1) // 3 + 1
    response = page(client, personas.own_head, kind="quarter", year=str(today.year), quarter=str(quarter))
    assert response.status_code == 200 and "خبر پرخواننده راه" in response.content.decode()
    response = client.get(URL, {"kind": "year", "year": str(today.year - 2)})
    assert response.status_code == 200 and "خبر پرخواننده راه" not in response.content.decode()


def test_channel_figures_show_once_approved(client, personas, world, counted):
    channel = make_channel(world["A"], kind="bale", chat_id="@raah", name="کانال راه")
    indicator = actions.do_ensure_channel_indicator(channel).indicator
    today = jalali.to_jalali(timezone.localdate())
    reporting_actions.do_enter_value(personas.own_staff, indicator, today.year, today.month, "۴۲۰")
    html = page(client, personas.own_staff).content.decode()
    assert "کانال راه" in html and "رقمی تأیید نشده" in html
    reporting_actions.do_submit(personas.own_staff, world["A"].pk, today.year)
    reporting_actions.do_approve(personas.own_head, world["A"].pk, today.year)
    html = client.get(URL).content.decode()
    assert "۴۲۰" in html


def test_the_editor_shows_an_items_readers(client, personas, counted):
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{counted['a'].pk}/").content.decode()
    assert "خوانندگان در درگاه" in html and "۷" in html


# ------------------------------------------------------------------------------ the public API
def api(client, host=HOST, **params):
    return client.get("/api/v1/reach/agencies", params, HTTP_HOST=host)


def test_the_api_gives_reach_per_agency_of_this_council_only(client, world, counted):
    response = api(client)
    assert response.status_code == 200
    body = response.json()
    rows = {r["agency"]: r for r in body["results"]}
    assert rows[world["A"].slug]["portal_readers"] == 7 and rows[world["B"].slug]["portal_readers"] == 3
    assert world["D"].slug not in rows
    assert set(body) == {"period", "first_day", "last_day", "results"}
    assert set(rows[world["A"].slug]) == {"agency", "agency_name", "portal_readers", "channel_views"}  # no per-item reach
    other = api(client, host="bsh.example.ir").json()
    assert [r["portal_readers"] for r in other["results"]] == [5]


@pytest.mark.parametrize("params", [
    {"kind": "day"}, {"year": "abc"}, {"kind": "month", "month": "13"}, {"kind": "quarter", "quarter": "5"},
    {"year": "1" * 9}, {"kind": "x" * 11},
])
def test_the_api_refuses_bad_periods_in_persian(client, counted, params):
    response = api(client, **params)
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str) and any("\u0600" <= ch <= "\u06ff" for ch in detail), detail
