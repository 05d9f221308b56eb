"""Error pages are Persian, and the 500 page renders without the database (no `db` fixture
here: pytest-django fails any test that touches it)."""

from django.test import RequestFactory

from hamafza.agencies.registry import CouncilInfo
from hamafza.portal.views import errors

from .helpers import assert_no_latin_digits, assert_persian_message

COUNCIL = CouncilInfo(
    id=1, name="شورای هماهنگی", short_name="شورا", slug="khz", region="خوزستان", hostname=None,
    portal_title="درگاه خبری شورا", portal_tagline="", color="#123456", head_agency_id=1,
    member_ids=(1,), observer_ids=(),
)


def _request(council=None):
    request = RequestFactory().get("/")
    request.council = council
    return request


def test_server_error_page_is_persian_and_needs_no_database():
    for council in (None, COUNCIL):
        response = errors.server_error(_request(council))
        assert_persian_message(response, 500, "مشکلی در سامانه پیش آمد.")
        assert_no_latin_digits(response)
        assert '<html lang="fa" dir="rtl"' in response.content.decode()
    assert "درگاه خبری شورا" in errors.server_error(_request(COUNCIL)).content.decode()


def test_a_colour_cannot_break_out_of_the_style_element():
    council = COUNCIL.__class__(**{**COUNCIL.__dict__, "color": "</style"})
    assert "</style<" not in errors.server_error(_request(council)).content.decode()


def test_framework_messages_in_english_are_replaced_by_persian():
    response = errors.page_not_found(_request(COUNCIL), Exception("No NewsItem matches the given query."))
    assert_persian_message(response, 404, "صفحه‌ای که به دنبال آن هستید وجود ندارد")
    assert "No NewsItem" not in response.content.decode()


def test_bad_request_and_forbidden_are_persian():
    assert_persian_message(errors.bad_request(_request()), 400, "درخواست شما قابل پردازش نیست.")
    assert_persian_message(errors.permission_denied(_request()), 403, "اجازهٔ دیدن این صفحه را ندارید.")
