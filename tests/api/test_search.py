"""GET /api/v1/search: the council's published items only, filters and pages as in /news. The world,
the second council and the four indexed items are built once for the module; each test runs in its
own savepoint with its own copy."""

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from hamafza.persian.jalali import to_jalali
from tests import factories

from .conftest import BUSHEHR, assert_persian_error, make_bushehr

Z = "\u200c"
pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _ids(body):
    return {r["id"] for r in body["results"]}


@pytest.fixture(scope="module")
def _built(module_db):
    """The world, the second council and four indexed items, built once for the module
    (tests/conftest.py: module_db); each test runs in its own savepoint with its own copy."""
    world = factories.make_world()
    bushehr = make_bushehr(world)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the index tasks of the items
        news = make_news(world)
    return {"world": world, "bushehr": bushehr, "news": news}


@pytest.fixture
def world(module_copy):
    return module_copy["world"]


@pytest.fixture
def news(module_copy):
    return module_copy["news"]


def make_news(world):
    now = timezone.now()
    return {
        "road": factories.make_item(
            world["B"], title="ناوگان حمل و نقل جاده‌ای", sectors=[world["sectors"]["road"]],
            published_at=now - dt.timedelta(days=40),
        ),
        "rail": factories.make_item(
            world["C"], title=f"حمل{Z}ونقل ریلی مسافران", sectors=[world["sectors"]["rail"]],
            published_at=now - dt.timedelta(days=2),
        ),
        "draft": factories.make_item(world["B"], title="حملونقل پیش‌نویس", published=False),
        "foreign": factories.make_item(world["D"], title="حملونقل دریایی بوشهر"),
    }


def test_it_finds_every_spelling_with_marked_snippets(api, news):
    response, body = api.get("search", q="حملونقل")
    assert response.status_code == 200
    assert _ids(body) == {news["road"].pk, news["rail"].pk}
    assert body["total_estimate"] == 2 and body["total_is_lower_bound"] is False
    rail = next(r for r in body["results"] if r["id"] == news["rail"].pk)
    assert f"<mark>حمل{Z}ونقل</mark>" in rail["title_html"]
    assert rail["url"].startswith("http://khz.example.ir/news/")


def test_drafts_and_other_councils_items_never_appear(api, news):
    _, body = api.get("search", q="حمل‌ونقل")
    assert news["draft"].pk not in _ids(body) and news["foreign"].pk not in _ids(body)
    _, other = api.get("search", host=BUSHEHR, q="حمل‌ونقل")  # C sits on both councils
    assert _ids(other) == {news["foreign"].pk, news["rail"].pk}


def test_filters(api, world, news):
    _, by_agency = api.get("search", q="حمل و نقل", agency=world["C"].slug)
    assert _ids(by_agency) == {news["rail"].pk}
    _, by_sector = api.get("search", q="حمل و نقل", sector="road")
    assert _ids(by_sector) == {news["road"].pk}
    j = to_jalali(timezone.now() - dt.timedelta(days=10))
    _, recent = api.get("search", q="حمل و نقل", **{"from": f"{j.year}/{j.month}/{j.day}"})
    assert _ids(recent) == {news["rail"].pk}


def test_pages(api, world, indexed):
    with indexed():
        for n in range(5):
            factories.make_item(world["B"], title=f"راهداری زمستانی {n}")
    _, first = api.get("search", q="راهداری", page_size=3)
    _, second = api.get("search", q="راهداری", page_size=3, page=2)
    assert len(first["results"]) == 3 and "page=2" in first["next"] and "q=" in first["next"]
    assert len(second["results"]) == 2 and second["next"] is None
    assert not _ids(first) & _ids(second)
    response, body = api.get("search", q="راهداری", page_size=3, page=5)
    assert_persian_error(response, body, 404)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"q": "برف", "from": "۱۴۰۴/۱۲/۳۰"}, 400),
        ({"q": "برف", "agency": "ناشناخته"}, 404),
        ({"q": "ا" * 5000}, 400),
    ],
)
def test_bad_input_gets_a_persian_error(api, news, params, status):
    response, body = api.get("search", **params)
    assert_persian_error(response, body, status)


@pytest.mark.parametrize("q", ['" * ( ) : ^ NEAR AND', "\u200c", "🚆", "\u200f", "«", "NEAR(برف"])
def test_fts_syntax_is_not_syntax(api, news, q):
    response, body = api.get("search", q=q)
    assert response.status_code == 200
    assert isinstance(body["results"], list)


def test_the_schema_lists_search(client, world):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "agency", "sector", "from", "to", "page", "page_size"}
