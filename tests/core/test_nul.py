"""NUL characters never reach a view (hamafza/core/nul.py): removed from the query, the form, file
names, JSON bodies, cookies and headers; a path holding one names nothing. On PostgreSQL each of
these used to answer 500 (text with U+0000 cannot be stored or compared)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from hamafza.core.nul import NulMiddleware, strip_nul
from hamafza.newsroom import actions
from hamafza.newsroom.models import Comment, NewsItem
from tests.personas import sign_in_verified

NUL = "\x00"


def seen_by_view(request):
    """The request as the view gets it, after the middleware."""
    captured = {}

    def view(req):
        captured["request"] = req
        return "ok"

    NulMiddleware(view)(request)
    return captured["request"]


def test_it_strips_the_query_and_the_form():
    request = seen_by_view(RequestFactory().post("/workspace/x/?q=a%00b&page=1", {"title": "تیتر\x00", "tags": ["a\x00", "b"]}))
    assert request.GET["q"] == "ab" and request.GET["page"] == "1"
    assert request.POST["title"] == "تیتر" and request.POST.getlist("tags") == ["a", "b"]


def test_it_strips_uploaded_file_names():
    upload = SimpleUploadedFile("photo\x00.png", b"x", content_type="image/png")
    request = seen_by_view(RequestFactory().post("/workspace/media/upload/", {"file": upload, "caption": "ع\x00"}))
    assert request.FILES["file"].name == "photo.png" and request.POST["caption"] == "ع"


def test_it_strips_json_bodies_and_keeps_the_rest():
    body = json.dumps({"title": "تیتر\u0000", "tags": ["x\u0000y"], "n": 3})
    request = seen_by_view(RequestFactory().put("/api/v1/staff/items/1", body, content_type="application/json"))
    assert json.loads(request.body) == {"title": "تیتر", "tags": ["xy"], "n": 3}


def test_json_without_a_nul_is_left_byte_for_byte():
    body = '{"title": "a\\\\u0000"}'  # an escaped backslash followed by «u0000»: not a NUL
    request = seen_by_view(RequestFactory().put("/api/x", body, content_type="application/json"))
    assert request.body == body.encode()


def test_it_strips_cookies_and_headers():
    factory = RequestFactory(HTTP_AUTHORIZATION="Bearer hz_\x00abc")
    factory.cookies["sessionid"] = "abc\x00def"
    request = seen_by_view(factory.get("/workspace/"))
    assert request.COOKIES["sessionid"] == "abcdef" and request.META["HTTP_AUTHORIZATION"] == "Bearer hz_abc"


def test_it_reads_no_body_before_the_view_does():
    """Upload views refuse an oversized body from its Content-Length before it is parsed."""
    upload = SimpleUploadedFile("big.png", b"x" * 1000, content_type="image/png")
    request = seen_by_view(RequestFactory().post("/workspace/media/upload/", {"file": upload}))
    assert not hasattr(request, "_post") and not hasattr(request, "_body")


def test_strip_nul_walks_lists_and_dicts():
    assert strip_nul({"a\x00": ["b\x00", 1, {"c": "d\x00"}]}) == {"a": ["b", 1, {"c": "d"}]}


# --- Over HTTP, on both databases ----------------------------------------------------------------

@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس", "lead": "لید", "body": "<p>متن</p>"})


def test_a_comment_with_a_nul_is_saved_without_it(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/news/{draft.pk}/comments/", {"body": "نظر\x00 من"})
    assert response.status_code < 400
    assert Comment.objects.get(item=draft).body == "نظر من"


def test_searches_and_filters_with_a_nul_answer(client, personas, draft):
    sign_in_verified(client, personas.own_head)
    for url in ("/workspace/news/?q=%00", "/workspace/search/?q=a%00", "/workspace/media/?q=%00", "/search/?q=%00"):
        assert client.get(url).status_code == 200, url


def test_the_audit_log_filters_with_a_nul_answer(client, personas):
    sign_in_verified(client, personas.admin)
    response = client.get("/workspace/audit/", {"q": "x\x00", "actor": "\x00", "action": "\x00"})
    assert response.status_code == 200


def test_a_path_with_a_nul_is_not_found(client, personas):
    sign_in_verified(client, personas.secretariat)
    response = client.get("/workspace/council/ical/a%00b.ics")
    assert response.status_code == 404 and "وجود ندارد" in response.content.decode()


def test_the_staff_api_saves_a_title_with_a_nul_without_it(client, personas, draft):
    from hamafza.apitokens.actions import do_create_token

    key = do_create_token(personas.own_staff, "nul")[1]
    response = client.put(f"/api/v1/staff/items/{draft.pk}", json.dumps({"title": "تیتر\u0000 تازه", "base_revision": 1}),
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert NewsItem.objects.get(pk=draft.pk).title == "تیتر تازه"


def test_a_token_named_with_a_nul(client, personas):
    from hamafza.apitokens.models import ApiToken

    sign_in_verified(client, personas.own_staff)
    assert client.post("/workspace/tokens/", {"name": "کلید\x00 من"}).status_code < 500
    assert ApiToken.objects.get(user=personas.own_staff).name == "کلید من"
