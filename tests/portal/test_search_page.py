"""The public search page: results with marked words, filters, suggestions, and bad input."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.test import TestCase
from django.utils import timezone

from hamafza.persian.jalali import to_jalali
from tests import factories

from .conftest import portal_world
from .helpers import HOST, assert_no_latin_digits, assert_persian_message, visible_text

Z = "\u200c"
pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the on-commit index tasks of what the block creates (tests never commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, **params):
    return client.get(f"/search/?{urlencode(params)}", HTTP_HOST=HOST)


def jalali(value: dt.datetime) -> str:
    j = to_jalali(value)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


@pytest.fixture(scope="module")
def _built(module_db):
    """The world and its four items, built and indexed once for the module (tests/conftest.py:
    module_db): each test runs in its own savepoint with its own copy."""
    khz = portal_world(factories.make_world())
    now = timezone.now()
    road, rail = khz["sectors"]["road"], khz["sectors"]["rail"]
    with TestCase.captureOnCommitCallbacks(execute=True):  # the index tasks of the items
        news = {
            "road": factories.make_item(
                khz["B"], title="بازگشایی محور کوهستانی", sectors=[road], published_at=now - dt.timedelta(days=40),
                body=f"<p>ناوگان حمل{Z}ونقل جاده‌ای پس از بارش برف به محور بازگشت.</p>",
            ),
            "rail": factories.make_item(
                khz["C"], title="قطار مسافری اهواز", sectors=[rail], published_at=now - dt.timedelta(days=2),
                body="<p>حمل و نقل ریلی مسافران در ایام اربعین افزایش یافت.</p>",
            ),
            "draft": factories.make_item(khz["B"], title="حمل‌ونقل پیش‌نویس", published=False),
            "foreign": factories.make_item(khz["D"], title="حمل‌ونقل دریایی بوشهر"),
        }
    return khz, news


@pytest.fixture
def khz(module_copy):
    return module_copy[0]


@pytest.fixture
def news(module_copy):
    return module_copy[1]


def test_results_show_every_spelling_with_the_words_marked(client, news):
    response = get(client, q="حملونقل")
    html = response.content.decode()
    assert response.status_code == 200
    assert news["road"].title in html and news["rail"].title in html
    assert f"<mark>حمل{Z}ونقل</mark>" in html
    assert "<mark>حمل</mark> و <mark>نقل</mark>" in html
    assert "۲ نتیجه" in visible_text(response)
    assert_no_latin_digits(response)


def test_drafts_and_other_councils_items_never_appear(client, news):
    text = visible_text(get(client, q="حمل‌ونقل"))
    assert news["draft"].title not in text
    assert news["foreign"].title not in text


def test_filters_by_agency_sector_and_jalali_dates(client, khz, news):
    road, rail = news["road"].title, news["rail"].title

    by_agency = visible_text(get(client, q="حمل و نقل", agency=khz["C"].slug))
    assert rail in by_agency and road not in by_agency

    by_sector = visible_text(get(client, q="حمل و نقل", sector=khz["sectors"]["road"].slug))
    assert road in by_sector and rail not in by_sector

    ten_days_ago = jalali(timezone.now() - dt.timedelta(days=10))
    recent = visible_text(get(client, q="حمل و نقل", **{"from": ten_days_ago}))
    assert rail in recent and road not in recent

    persian_digits = ten_days_ago.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    older = visible_text(get(client, q="حمل و نقل", to=persian_digits))
    assert road in older and rail not in older


@pytest.mark.parametrize(
    "params",
    [{"from": "۱۴۰۴/۱۲/۳۰"}, {"to": "دیروز"}, {"from": "1405/13/01"}, {"from": "1405/09/10", "to": "1405/09/01"}],
)
def test_a_bad_date_is_a_400_with_a_persian_message_and_the_form(client, news, params):
    response = get(client, q="برف", **params)
    assert_persian_message(response, 400, "تاریخ")
    assert 'name="q"' in response.content.decode()


def test_an_unknown_agency_is_a_400(client, news):
    assert_persian_message(get(client, q="برف", agency="ناشناخته"), 400, "دستگاه")


def test_an_empty_query_shows_a_friendly_form(client, news):
    response = get(client)
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
    assert "واژه‌ای را بنویسید" in visible_text(response)
    assert news["road"].title not in visible_text(response)


def test_no_results_offers_suggestions(client, khz, news, indexed):
    with indexed():
        factories.make_item(khz["B"], title="نشست هماهنگی", tags=["اربعین"])
    response = get(client, q='"واژه‌ای ناموجود" کهکشان', agency=khz["B"].slug)
    text = visible_text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "پیدا نشد" in text
    assert "بدون گیومه" in text
    assert "بدون پالایه‌ها" in text
    assert "فقط «کهکشان»" in text
    assert "اربعین" in text and "/tag/" in html


def test_pages_keep_the_query_and_show_persian_numbers(client, khz, indexed):
    with indexed():
        for n in range(23):
            factories.make_item(khz["B"], title=f"راهداری زمستانی محور {n}")
    first = get(client, q="راهداری زمستانی")
    html = first.content.decode()
    assert html.count('class="search-result"') == 20
    assert "page=2" in html and "q=%D8%B1" in html
    second = get(client, q="راهداری زمستانی", page="۲")
    assert second.content.decode().count('class="search-result"') == 3
    assert "صفحهٔ ۲" in visible_text(second)


@pytest.mark.parametrize(
    "q",
    ["ا" * 5000, '" * ( ) : ^ NEAR AND', "NEAR(برف", "\u200c", "🚆", "\u200f\u200e", "'; DROP TABLE x; --", "«", "\x00"],
)
def test_odd_queries_never_fail(client, news, q):
    response = client.get("/search/", {"q": q}, HTTP_HOST=HOST)
    assert response.status_code in (200, 400)


def test_a_query_is_escaped_on_the_page(client, news):
    html = get(client, q="<script>alert(1)</script>").content.decode()
    assert "<script>alert" not in html
