"""Bad input gets a 404 or 400 with a Persian message, never a 500."""


import pytest

from tests import factories

from .conftest import portal_world
from .helpers import HOST, assert_no_latin_digits, assert_persian_message


pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture(scope="module")
def _built(module_db):
    """The world and one item, built once for the module (tests/conftest.py: module_db)."""
    khz = portal_world(factories.make_world())
    return khz, factories.make_item(khz["A"], sectors=[khz["sectors"]["road"]], tags=["ایمنی"])


@pytest.fixture
def khz(module_copy):
    return module_copy[0]


@pytest.fixture
def item(module_copy):
    return module_copy[1]


@pytest.mark.parametrize("path, message", [
    ("/news/999999/x/", "چنین خبری در این درگاه یافت نشد."),
    ("/news/99999999999999999999999/x/", "چنین خبری یافت نشد."),
    ("/n/999999", "چنین خبری در این درگاه یافت نشد."),
    ("/n/99999999999999999999999", "چنین خبری یافت نشد."),
    ("/agency/no-such-agency/", "چنین دستگاهی در این شورا عضو نیست."),
    ("/sector/no-such-sector/", "چنین بخشی یافت نشد."),
    ("/tag/no-such-tag/", "چنین برچسبی یافت نشد."),
    ("/feeds/sector/no-such-sector/rss/", "چنین بخشی یافت نشد."),
    ("/archive/abcd/", "بایگانی چنین سالی وجود ندارد."),
    ("/archive/14040/", "بایگانی چنین سالی وجود ندارد."),
    ("/archive/1404/13/", "بایگانی چنین ماهی وجود ندارد."),
    ("/archive/1404/0/", "بایگانی چنین ماهی وجود ندارد."),
    ("/archive/1404/ab/", "بایگانی چنین ماهی وجود ندارد."),
    ("/archive/۱۴۰۴/۱۳/", "بایگانی چنین ماهی وجود ندارد."),
    ("/archive/9999/", "بایگانی چنین سالی وجود ندارد."),
    ("/no/such/page/", "صفحه‌ای که به دنبال آن هستید وجود ندارد"),
])
def test_unknown_things_are_404_with_a_persian_message(client, item, path, message):
    response = client.get(path, HTTP_HOST=HOST)
    assert_persian_message(response, 404, message)
    assert_no_latin_digits(response)


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1.5", "۱۲۳۴۵", "9" * 40, "%00"])
@pytest.mark.parametrize("path", ["/sector/جاده-ای/", "/archive/1405/", "/agency/راهداری/"])
def test_bad_page_numbers_are_404(client, item, path, page):
    response = client.get(path, {"page": page}, HTTP_HOST=HOST)
    assert_persian_message(response, 404, "شمارهٔ صفحه نادرست است.")


def test_page_past_the_end_is_404(client, item):
    response = client.get("/sector/جاده-ای/", {"page": "2"}, HTTP_HOST=HOST)
    assert_persian_message(response, 404, "این صفحه خبری ندارد.")


def test_persian_page_number_is_accepted(client, khz):
    for _ in range(21):
        factories.make_item(khz["A"], sectors=[khz["sectors"]["road"]])
    response = client.get("/sector/جاده-ای/", {"page": "۲"}, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "صفحهٔ ۲" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/sector/جاده-ای/", "/feeds/rss/", "/sitemap.xml"])
def test_overlong_query_string_is_400(client, item, path):
    response = client.get(f"{path}?q={'x' * 5000}", HTTP_HOST=HOST)
    assert_persian_message(response, 400, "نشانی درخواست بیش از اندازه طولانی است.")


@pytest.mark.parametrize("path", ["/archive/۱۴۰۴/۱۲/", "/archive/1404/12/", "/archive/۱۴۰۴/", "/archive/1404/"])
def test_valid_archive_in_either_digits(client, item, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert_no_latin_digits(response)
