"""The public live page and status board: only published updates, one glance per entity, no
JavaScript needed, and a poll with nothing new is a 304 after one cache read (no query)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamafza.live import actions
from tests import factories

from .conftest import HOST


def _get(client, path, **headers):
    return client.get(path, HTTP_HOST=HOST, **headers)


def test_live_page_shows_published_updates_only_and_the_pinned_summary(client, personas, event):
    actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="border", text="مرز شلمچه باز است.")
    actions.do_post_update(personas.own_staff, event, agency_id=personas.own.pk, kind="border", text="پیش‌نویس کارمند")
    withdrawn = actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="warning", text="هشدار پس‌گرفته")
    actions.do_withdraw_update(personas.own_head, withdrawn)
    actions.do_set_summary(personas.secretariat, event, "همهٔ مرزها باز است؛ از سفر با خودروی شخصی بپرهیزید.")
    body = _get(client, f"/live/{event.pk}/").content.decode()
    assert "مرز شلمچه باز است." in body and "همهٔ مرزها باز است" in body
    assert "پیش‌نویس کارمند" not in body and "هشدار پس‌گرفته" not in body


def test_a_poll_with_nothing_new_is_a_304_without_a_query(client, personas, event, django_capture_on_commit_callbacks):
    first = _get(client, f"/live/{event.pk}/poll/")
    tag = first["ETag"]
    assert first.status_code == 200 and tag
    with CaptureQueriesContext(connection) as queries:
        again = _get(client, f"/live/{event.pk}/poll/", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and not again.content
    assert len(queries) == 0, [q["sql"] for q in queries]
    with django_capture_on_commit_callbacks(execute=True):  # the cache learns of a change at its commit
        actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="traffic", text="ترافیک سنگین در محور اهواز-خرمشهر")
    fresh = _get(client, f"/live/{event.pk}/poll/", HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200 and fresh["ETag"] != tag
    assert "ترافیک سنگین در محور اهواز-خرمشهر" in fresh.content.decode()


@pytest.mark.parametrize("change", ["publish", "correct", "withdraw", "status"])
def test_every_kind_of_change_gives_the_next_poll_new_content(client, personas, event, crossing, change,
                                                              django_capture_on_commit_callbacks):
    update = actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="border", text="متن نخست")
    pending = actions.do_post_update(personas.own_staff, event, agency_id=personas.own.pk, kind="border", text="متن در انتظار")
    tag = _get(client, f"/live/{event.pk}/poll/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        expect, gone = _change(personas, change, update, pending, crossing)
    fresh = _get(client, f"/live/{event.pk}/poll/", HTTP_IF_NONE_MATCH=tag)
    assert fresh.status_code == 200
    body = fresh.content.decode()
    assert expect is None or expect in body
    assert gone is None or gone not in body


def _change(personas, change, update, pending, crossing):
    if change == "publish":
        actions.do_publish_update(personas.own_head, pending)
        expect, gone = "متن در انتظار", None
    elif change == "correct":
        actions.do_correct_update(personas.own_head, update, kind="border", text="متن اصلاح‌شده")
        expect, gone = "متن اصلاح‌شده", "متن نخست"
    elif change == "withdraw":
        actions.do_withdraw_update(personas.own_head, update)
        expect, gone = None, "متن نخست"
    else:
        actions.do_set_status(personas.own_staff, crossing, state="closed", note="بسته به دلیل ازدحام")
        expect, gone = "state-closed", None
    return expect, gone


def test_board_reads_with_no_javascript_and_in_text_json_and_atom(client, personas, crossing):
    actions.do_set_status(personas.own_staff, crossing, state="open", wait_minutes=40)
    page = _get(client, "/board/").content.decode()
    assert "مرز شلمچه" in page and "<script" not in page.split("</head>")[1] and "انتظار حدود ۴۰ دقیقه" in page
    text = _get(client, "/board/text/").content.decode()
    assert "وضعیت مرز شلمچه: باز، زمان انتظار حدود ۴۰ دقیقه" in text and "stylesheet" not in text
    data = json.loads(_get(client, "/board.json").content)
    assert data["entities"][0]["state"] == "open" and data["entities"][0]["wait_minutes"] == 40
    atom = _get(client, "/board/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "وضعیت مرز شلمچه: باز" in atom.content.decode()
    history = _get(client, f"/board/{crossing.pk}/").content.decode()
    assert "تاریخچه" in history


def test_another_councils_host_does_not_show_the_event_nor_the_board(client, personas, event, crossing):
    factories.make_council(personas.pending_supporting, [], hostname="bushehr.example.ir")
    assert client.get(f"/live/{event.pk}/", HTTP_HOST="bushehr.example.ir").status_code == 404
    assert client.get(f"/live/{event.pk}/poll/", HTTP_HOST="bushehr.example.ir").status_code == 404
    assert client.get(f"/board/{crossing.pk}/", HTTP_HOST="bushehr.example.ir").status_code == 404
    assert "مرز شلمچه" not in client.get("/board/", HTTP_HOST="bushehr.example.ir").content.decode()


def test_bad_ids_are_404(client, personas, event):
    assert _get(client, f"/live/{2**70}/").status_code == 404
    assert _get(client, f"/board/{2**70}/").status_code == 404


def test_the_wsgi_door_answers_a_current_etag_with_304_before_anything_else(client, personas, event,
                                                                            django_capture_on_commit_callbacks):
    """hamafza/wsgi.py puts FastPollApp outermost: a poll with nothing new never reaches the page
    cache nor Django; anything else goes on untouched."""
    import io
    import sys

    from hamafza.agencies.registry import get_registry
    from hamafza.portal.fastpoll import FastPollApp

    factories.make_council(personas.pending_supporting, [], hostname="bushehr.example.ir")
    tag = _get(client, f"/live/{event.pk}/poll/")["ETag"]
    get_registry()
    reached = []

    def inner(environ, start_response):
        reached.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"django"]

    app = FastPollApp(inner)

    def call(path, host=HOST, etag=tag, method="GET"):
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host, "HTTP_IF_NONE_MATCH": etag,
                   "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}
        seen = {}
        body = b"".join(app(environ, lambda status, headers, exc=None: seen.update(status=status, headers=dict(headers))))
        return seen["status"], seen["headers"], body

    with CaptureQueriesContext(connection) as queries:
        status, headers, body = call(f"/live/{event.pk}/poll/")
    assert status.startswith("304") and headers["ETag"] == tag and body == b"" and reached == [] and not queries
    assert call("/board.json")[0].startswith("304")
    assert call(f"/live/{event.pk}/poll/", host="bushehr.example.ir")[0].startswith("200")  # another council's host
    assert call(f"/live/{event.pk}/", etag=tag)[0].startswith("200")  # not a poll path
    assert call(f"/live/{event.pk}/poll/", method="POST")[0].startswith("200")
    assert call(f"/live/{event.pk}/poll/", etag='"live-1-99999"')[0].startswith("200")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="traffic", text="تازه")
    assert call(f"/live/{event.pk}/poll/")[0].startswith("200")  # a change: the reader gets the fragment
    assert len(reached) == 5
    # A stamp the cache does not hold is not read from the database outside Django's request
    # cycle (which manages the connection): the poll goes on to Django, which reads and caches it.
    from django.core.cache import cache

    cache.clear()
    tag = _get(client, f"/live/{event.pk}/poll/")["ETag"]
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert call(f"/live/{event.pk}/poll/", etag=tag)[0].startswith("200")
    assert not queries and len(reached) == 6
