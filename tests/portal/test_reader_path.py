"""The reader's path (hamafza/portal/readers.py): a public page for someone who is not signed in
is answered without the signed-in part of the middleware; the same page, with the same bytes, as
a signed-in person gets through all of it."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import ResolverMatch

from hamafza.core.limits import TooLong
from hamafza.portal.readers import ReaderPathMiddleware
from tests import factories
from tests.personas import sign_in_verified

from .helpers import HOST, assert_persian_message


def test_a_reader_gets_the_public_pages_without_a_session(client, personas):
    item = factories.make_item(personas.own, title="خبر مسیر خواننده")
    for path in ["/", item.get_absolute_url(), "/feeds/rss/", "/search/?q=خبر", "/board/"]:
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        request = response.wsgi_request
        assert not hasattr(request, "session"), path  # SessionMiddleware did not run
        assert isinstance(request.user, AnonymousUser)
        assert "Set-Cookie" not in response.headers and not response.cookies


def test_a_signed_in_person_sees_the_same_page_through_the_whole_middleware(client, personas):
    item = factories.make_item(personas.own, title="خبر مسیر خواننده")
    paths = ["/", item.get_absolute_url(), "/feeds/atom/"]
    as_reader = {path: client.get(path, HTTP_HOST=HOST) for path in paths}
    sign_in_verified(client, personas.own_staff)
    for path in paths:
        response = client.get(path, HTTP_HOST=HOST)
        assert response.wsgi_request.session.session_key  # the usual path
        assert response.wsgi_request.user == personas.own_staff
        assert response.content == as_reader[path].content, path
        for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options", "Content-Language"):
            assert response.headers.get(header) == as_reader[path].headers.get(header), header


def test_the_newsletter_form_takes_the_usual_path_and_gets_its_csrf_cookie(client, world):
    response = client.get("/newsletter/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert hasattr(response.wsgi_request, "session")
    assert "csrftoken" in response.cookies
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_post_and_an_unknown_path_take_the_usual_path(client, world):
    post = client.post("/search/", {"q": "خبر"}, HTTP_HOST=HOST)
    assert hasattr(post.wsgi_request, "session")
    missing = client.get("/no-such-page/", HTTP_HOST=HOST)
    assert_persian_message(missing, 404)
    assert hasattr(missing.wsgi_request, "session")
    redirected = client.get("/search", HTTP_HOST=HOST)  # the usual path appends the slash
    assert redirected.status_code == 301 and redirected["Location"].endswith("/search/")


def test_a_404_raised_on_the_readers_path_is_the_persian_page(client, world):
    response = client.get("/news/987654321/no-such-story/", HTTP_HOST=HOST)
    assert_persian_message(response, 404)
    assert not hasattr(response.wsgi_request, "session")


def test_an_over_long_value_on_the_readers_path_is_a_persian_400_not_a_500(world):
    """LimitsMiddleware turns a TooLong into a 400 through the handler's process_exception, which
    the reader's path does not reach: it answers the same 400 itself."""
    def view(request):
        raise TooLong("متن بیش از ۲۰۰ نویسه است.", "title")

    request = RequestFactory().get("/", HTTP_HOST=HOST)
    response = ReaderPathMiddleware.answer(request, ResolverMatch(view, (), {}))
    assert response.status_code == 400
    assert "متن بیش از ۲۰۰ نویسه است." in response.content.decode()
