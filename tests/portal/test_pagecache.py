"""The page cache in front of the portal (hamafza/core/pagecache*.py): readers never see a stale
page after any kind of change, signed-in people never get or make stored pages, councils, query
strings and languages never share entries, HEAD is answered, and a stored page keeps its security
headers with a fresh CSP nonce on every answer.

Requests go through the product's WSGI stack (PageCacheApp around Django's WSGIHandler), not the
test client, since the cache stands in front of Django. Invalidation runs after commit: the
changes run inside django_capture_on_commit_callbacks(execute=True).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from dataclasses import dataclass

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from hamafza.core import pagecache
from hamafza.core.pagecache_app import PageCacheApp
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests import factories

from .helpers import HOST

OTHER = "bushehr.example.ir"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def hit(self) -> bool:
        return self.headers.get("x-page-cache") == "hit"


class Portal:
    """The WSGI application as gunicorn calls it; counts the requests that reached Django."""

    def __init__(self):
        self.django = WSGIHandler()
        self.rendered = 0

        def counting(environ, start_response):
            self.rendered += 1
            return self.django(environ, start_response)

        self.app = PageCacheApp(counting)

    def get(self, url: str, host: str = HOST, method: str = "GET", cookie: str = "", **headers) -> Answer:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path.encode().decode("latin-1"), "QUERY_STRING": query.encode().decode("latin-1"), "SCRIPT_NAME": "",
            "SERVER_NAME": host, "SERVER_PORT": "80", "HTTP_HOST": host, "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        }
        if cookie:
            environ["HTTP_COOKIE"] = cookie
        for name, value in headers.items():
            environ["HTTP_" + name.upper()] = value
        seen = {}

        def start_response(status, response_headers, exc_info=None):
            seen.update(status=status, headers=response_headers)

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return Answer(int(seen["status"][:3]), {k.lower(): v for k, v in seen["headers"]}, body)


@pytest.fixture
def portal(khz):
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    pagecache.reset_for_tests()
    try:
        yield Portal()
    finally:
        pagecache.reset_for_tests()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if committed: the invalidations it defers run."""
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)
    return run


def path_of(item: NewsItem) -> str:
    return f"/news/{item.pk}/{item.slug}/"


def twice(portal: Portal, url: str, **kwargs) -> Answer:
    first = portal.get(url, **kwargs)
    assert first.status == 200, (url, first.status)
    second = portal.get(url, **kwargs)
    assert second.hit, (url, second.headers)
    return second


# ------------------------------------------------------------------ stored once, served many times
def test_a_page_is_rendered_once_then_answered_from_the_store(portal, khz):
    factories.make_item(khz["A"], title="خبر نخست")
    first = portal.get("/")
    assert first.status == 200 and not first.hit and "خبر نخست" in first.text
    for _ in range(3):
        again = portal.get("/")
        assert again.hit and "خبر نخست" in again.text
    assert portal.rendered == 1
    assert pagecache.MARK_HEADER.lower() not in again.headers


NONCE = re.compile(rb'nonce="[^"]+"')


@pytest.mark.parametrize("url", ["/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/sitemap-news.xml",
                                 "sector", "/archive/1405/"])
def test_public_pages_and_feeds_are_stored(portal, khz, url):
    factories.make_item(khz["A"], sectors=[khz["sectors"]["road"]])
    if url == "sector":
        url = f"/sector/{khz['sectors']['road'].slug}/"
    first = portal.get(url)
    assert first.status == 200, (url, first.status)
    second = portal.get(url)
    assert second.hit and NONCE.sub(b"", second.body) == NONCE.sub(b"", first.body)


def test_a_stored_page_keeps_its_security_headers(portal, khz):
    first = portal.get("/")
    hits = [portal.get("/") for _ in range(2)]
    for answer in (first, *hits):
        for header in ("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy",
                       "content-language", "content-type"):
            assert header in answer.headers, (header, answer.headers)
        # The portal's pages need no nonce (the council colour is a style attribute): a hit is
        # the stored bytes as they are.
        assert "nonce-" not in answer.headers["content-security-policy"]
        assert int(answer.headers["content-length"]) == len(answer.body)
    assert hits[0].hit and hits[0].body == hits[1].body == first.body


@pytest.mark.urls("tests.portal.nonce_urls")
def test_a_stored_page_with_a_nonce_gets_a_fresh_one_each_time(portal, khz):
    first = portal.get("/nonced/")
    hits = [portal.get("/nonced/") for _ in range(2)]
    nonces = []
    for answer in (first, *hits):
        nonce = re.search(r"'nonce-([^']+)'", answer.headers["content-security-policy"]).group(1)
        assert f'nonce="{nonce}"' in answer.text
        assert int(answer.headers["content-length"]) == len(answer.body)
        nonces.append(nonce)
    assert hits[0].hit and len(set(nonces)) == 3


def test_head_is_answered_from_the_stored_get(portal, khz):
    get = twice(portal, "/")
    head = portal.get("/", method="HEAD")
    assert head.hit and head.status == 200 and head.body == b""
    assert head.headers["content-length"] == str(len(get.body))


def test_head_before_any_get_goes_to_django_and_stores_nothing(portal, khz):
    head = portal.get("/", method="HEAD")
    assert head.status == 200 and not head.hit
    assert not portal.get("/").hit


# ------------------------------------------------------------------ no stale page after a change
def test_publication_shows_at_once(portal, khz, committed):
    twice(portal, "/")
    committed(factories.make_item, khz["B"], title="خبر تازهٔ راهداری")
    assert "خبر تازهٔ راهداری" in portal.get("/").text
    assert "خبر تازهٔ راهداری" in portal.get("/feeds/rss/").text
    assert "خبر تازهٔ راهداری" in portal.get(f"/agency/{khz['B'].slug}/").text


def test_correction_shows_at_once(portal, khz, personas, committed):
    item = factories.make_item(khz["A"], title="عنوان نادرست")
    twice(portal, path_of(item))
    twice(portal, "/")
    item.refresh_from_db()
    committed(actions.do_correct, personas.own_head, item, {"title": "عنوان درست"}, "عنوان اصلاح شد.")
    assert "عنوان درست" in portal.get(path_of(item)).text
    home = portal.get("/").text
    assert "عنوان درست" in home and "عنوان نادرست" not in home


def test_withdrawal_shows_at_once(portal, khz, personas, committed):
    item = factories.make_item(khz["A"], title="خبری که پس گرفته می‌شود")
    twice(portal, path_of(item))
    twice(portal, "/")
    committed(actions.do_unpublish, personas.own_head, item, "اشتباه در آمار", mode="withdrawn")
    notice = portal.get(path_of(item))
    assert notice.status == 200 and "اشتباه در آمار" in notice.text
    assert "خبری که پس گرفته می‌شود" not in portal.get("/").text


def test_unpublishing_as_gone_shows_at_once(portal, khz, personas, committed):
    item = factories.make_item(khz["A"])
    twice(portal, path_of(item))
    committed(actions.do_unpublish, personas.own_head, item, "حذف به درخواست ناشر", mode="gone")
    assert portal.get(path_of(item)).status == 410
    assert portal.get(path_of(item)).status == 410  # a 410 is never stored either
    assert portal.rendered == 3


def test_a_scheduled_item_shows_when_it_becomes_due(portal, khz, committed):
    item = factories.make_item(khz["C"], title="خبر زمان‌بندی‌شده", published=False)
    NewsItem.objects.filter(pk=item.pk).update(status=NewsItem.Status.SCHEDULED,
                                               published_at=timezone.now() - dt.timedelta(seconds=1))
    twice(portal, "/")
    assert "خبر زمان‌بندی‌شده" not in portal.get("/").text
    assert committed(actions.do_publish_scheduled, item.pk)
    assert "خبر زمان‌بندی‌شده" in portal.get("/").text


@pytest.mark.parametrize("what", ["agency", "sector", "council"])
def test_renames_show_at_once(portal, khz, committed, what):
    factories.make_item(khz["B"], sectors=[khz["sectors"]["road"]])
    twice(portal, "/")
    twice(portal, f"/agency/{khz['B'].slug}/")
    target = {"agency": khz["B"], "sector": khz["sectors"]["road"], "council": khz["council"]}[what]
    field = "portal_title" if what == "council" else "name"
    setattr(target, field, "نام تازهٔ آزمایشی")
    committed(target.save)
    assert "نام تازهٔ آزمایشی" in portal.get("/").text
    assert "نام تازهٔ آزمایشی" in portal.get(f"/agency/{khz['B'].slug}/").text


def test_an_agency_page_change_shows_at_once(portal, khz, committed):
    url = f"/agency/{khz['A'].slug}/"
    factories.make_item(khz["A"])
    twice(portal, url)
    khz["A"].about = "دربارهٔ دستگاه: متن تازه"
    committed(khz["A"].save)
    assert "دربارهٔ دستگاه: متن تازه" in portal.get(url).text


def test_the_newsletter_page_is_never_stored(portal, khz):
    for _ in range(2):
        answer = portal.get("/newsletter/")
        assert answer.status == 200 and not answer.hit
    assert portal.rendered == 2


def test_the_newsletter_scopes_follow_an_agency_rename(portal, khz, committed):
    portal.get("/newsletter/")
    khz["C"].name = "راه‌آهن با نام تازه"
    committed(khz["C"].save)
    assert "راه‌آهن با نام تازه" in portal.get("/newsletter/").text


def test_search_pages_follow_the_index(portal, khz, committed):
    committed(factories.make_item, khz["A"], title="بازگشایی جادهٔ آزمایشی")
    url = "/search/?q=" + "بازگشایی"
    first = twice(portal, url)
    assert "جادهٔ آزمایشی" in first.text  # the word found is highlighted
    committed(factories.make_item, khz["B"], title="بازگشایی پل آزمایشی")
    assert "پل آزمایشی" in portal.get(url).text


def test_invalidate_council_is_the_public_interface(portal, khz, committed):
    twice(portal, "/")
    committed(pagecache.invalidate_council, khz["council"].pk)
    assert not portal.get("/").hit


def test_an_expired_page_is_rendered_again(portal, khz, settings):
    settings.PAGE_CACHE_SECONDS = -1
    portal = Portal()
    portal.get("/")
    assert not portal.get("/").hit


# ------------------------------------------------------------------ who gets stored pages
def test_signed_in_people_never_get_or_make_stored_pages(portal, khz, personas, client):
    client.force_login(personas.own_staff)
    session = f"sessionid={client.cookies['sessionid'].value}"
    for _ in range(2):
        assert not portal.get("/", cookie=session).hit
    assert not portal.get("/").hit  # what the signed-in person saw was not stored
    assert portal.get("/").hit
    assert not portal.get("/", cookie=f"csrftoken=x; {session}").hit
    assert not portal.get("/", AUTHORIZATION="Bearer x").hit


def test_other_cookies_still_get_stored_pages(portal, khz):
    twice(portal, "/")
    assert portal.get("/", cookie="csrftoken=abc; theme=dark").hit


def test_councils_never_share_entries_and_invalidate_alone(portal, khz, committed):
    factories.make_council(khz["D"], [], hostname=OTHER, portal_title="درگاه شورای بوشهر")
    committed(factories.make_item, khz["D"], title="خبر بنادر بوشهر")
    khz_home, bsh_home = twice(portal, "/"), twice(portal, "/", host=OTHER)
    assert "درگاه شورای بوشهر" in bsh_home.text and "درگاه شورای بوشهر" not in khz_home.text
    committed(factories.make_item, khz["D"], title="خبر دوم بنادر بوشهر")
    assert portal.get("/").hit  # Khuzestan's portal does not show D's news: its pages stay
    assert "خبر دوم بنادر بوشهر" in portal.get("/", host=OTHER).text


def test_query_strings_and_pages_are_distinct(portal, khz, settings):
    settings.PORTAL_PAGE_SIZE = 2
    names = ["نخستین", "دومین", "سومین", "چهارمین", "پنجمین"]  # the first is the newest
    for name in names:
        factories.make_item(khz["A"], title=f"خبر فهرست {name}")
    url = f"/agency/{khz['A'].slug}/"
    one, two = twice(portal, url), twice(portal, url + "?page=2")
    assert "خبر فهرست نخستین" in one.text and "خبر فهرست نخستین" not in two.text
    assert "خبر فهرست سومین" in two.text and "خبر فهرست سومین" not in one.text
    assert portal.get(url + "?page=99").status == 404


def test_languages_and_htmx_requests_are_distinct(portal, khz):
    fa = twice(portal, "/")
    en = portal.get("/", cookie="django_language=en")
    assert not en.hit and en.headers["content-language"] == "en" and fa.headers["content-language"] == "fa"
    assert portal.get("/", cookie="django_language=xx").hit  # an unknown language is the default
    assert not portal.get("/", HX_REQUEST="true").hit


def test_posts_and_workspace_pages_are_never_stored(portal, khz):
    assert portal.get("/accounts/sign-in/").status in (200, 302)
    assert not portal.get("/accounts/sign-in/").hit
    assert portal.get("/", method="POST").status in (403, 405)
    assert portal.rendered == 3


def test_an_entry_stored_by_an_earlier_version_is_a_miss_not_an_error():
    from django.core.cache import cache

    from hamafza.core import pagecache

    old = object.__new__(pagecache.Entry)  # as unpickled from before `parts`: body, no parts
    old.__dict__.update(council_id=1, generation=(0, 0), expires=9e9, status="200 OK", headers=(), body=b"x", nonce="")
    cache.set(pagecache._shared_key("k"), old)
    assert pagecache.shared_get("k") is None


# ------------------------------------------------------------------ a note for every answer (reach)
class Noting:
    """A layer between the page cache and Django that notes the home page it sees rendered."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] == "/":
            environ[pagecache.NOTE_ENV] = "home"
        return self.app(environ, start_response)


def test_a_note_left_on_a_rendered_page_reaches_on_hit_on_every_answer_from_the_store(portal, khz):
    seen = []
    portal.app = PageCacheApp(Noting(portal.app.app), on_hit=lambda environ, note: seen.append((environ["PATH_INFO"], note)))
    assert portal.get("/").status == 200 and seen == []  # rendered: the layer itself saw it
    for _ in range(3):
        assert portal.get("/").hit
    assert seen == [("/", "home")] * 3
    assert twice(portal, "/feeds/rss/") and len(seen) == 3  # a page without a note: no call
    # Another process finds the page in the shared store, note and all.
    pagecache.local_store().clear()
    assert portal.get("/").hit and seen[-1] == ("/", "home")


def test_a_failing_on_hit_never_costs_the_reader_the_page(portal, khz, caplog):
    def broken(environ, note):
        raise RuntimeError("counter away")

    portal.app = PageCacheApp(Noting(portal.app.app), on_hit=broken)
    portal.get("/")
    again = portal.get("/")
    assert again.hit and again.status == 200 and "on_hit failed" in caplog.text
