"""Staff API tokens: per person, hashed at rest, revocable; drafts created, saved and submitted
through the same actions; 401/403/404/409 in Persian JSON."""

import hashlib

import pytest

from hamafza.apitokens.actions import do_create_token, do_revoke_token
from hamafza.apitokens.models import ApiToken
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests.personas import sign_in_verified

BASE = "/api/v1/staff"


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def staff_key(personas):
    return do_create_token(personas.own_staff, "سامانهٔ استانی")[1]


def test_the_key_is_hashed_at_rest(personas, staff_key):
    token = ApiToken.objects.get()
    assert staff_key not in (token.token_hash, token.prefix)
    assert token.token_hash == hashlib.sha256(staff_key.encode()).hexdigest()


def test_create_save_and_submit_a_draft(client, personas, staff_key):
    response = client.post(f"{BASE}/items", {"agency": personas.own.pk, "title": "خبر از API", "lead": "لید"},
                           content_type="application/json", **auth(staff_key))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["revision"] == 1
    item = NewsItem.objects.get(pk=body["id"])
    assert item.created_by == personas.own_staff

    saved = client.put(f"{BASE}/items/{item.pk}", {"body": "<p>متن</p>", "base_revision": 1},
                       content_type="application/json", **auth(staff_key))
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    head_key = do_create_token(personas.own_head, "مدیر")[1]
    stale = client.put(f"{BASE}/items/{item.pk}", {"title": "دیر رسید", "base_revision": 1},
                       content_type="application/json", **auth(head_key))
    assert stale.status_code == 409 and stale.json()["current_revision"] == 2
    assert "ذخیره نشد" in stale.json()["detail"]

    submitted = client.post(f"{BASE}/items/{item.pk}/submit", **auth(staff_key))
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.get(f"{BASE}/items/{item.pk}", **auth(staff_key)).status_code == 200


def test_bad_input_is_a_persian_400(client, personas, staff_key):
    response = client.post(f"{BASE}/items", {"agency": personas.own.pk, "title": "ت" * 300},
                           content_type="application/json", **auth(staff_key))
    assert response.status_code == 400
    assert "تیتر" in response.json()["errors"]["title"][0]


def test_without_a_token_it_is_401_in_persian(client, personas):
    response = client.get(f"{BASE}/me")
    assert response.status_code == 401 and "کلید" in response.json()["detail"]
    response = client.get(f"{BASE}/me", **auth("hz_not-a-real-key"))
    assert response.status_code == 401 and "نامعتبر" in response.json()["detail"]


def test_a_session_does_not_replace_a_token(client, personas):
    sign_in_verified(client, personas.own_staff)
    assert client.get(f"{BASE}/me").status_code == 401


def test_a_revoked_token_stops_working(client, personas, staff_key):
    assert client.get(f"{BASE}/me", **auth(staff_key)).status_code == 200
    do_revoke_token(personas.own_staff, ApiToken.objects.get())
    assert client.get(f"{BASE}/me", **auth(staff_key)).status_code == 401


def test_another_agency_is_403_and_its_drafts_404(client, personas):
    other_key = do_create_token(personas.other_staff, "دیگری")[1]
    response = client.post(f"{BASE}/items", {"agency": personas.own.pk, "title": "نفوذ"},
                           content_type="application/json", **auth(other_key))
    assert response.status_code == 403 and "عضو این دستگاه نیستید" in response.json()["detail"]
    draft = actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس ما", "lead": "لید"})
    for method, path in (("get", ""), ("post", "/submit")):
        response = getattr(client, method)(f"{BASE}/items/{draft.pk}{path}", **auth(other_key))
        assert response.status_code == 404 and response.json()["detail"] == "پیدا نشد."
    response = client.put(f"{BASE}/items/{draft.pk}", {"title": "x", "base_revision": 1},
                          content_type="application/json", **auth(other_key))
    assert response.status_code == 404


def test_an_observer_reads_a_submitted_item_but_cannot_change_it(client, personas):
    key = do_create_token(personas.observer, "ناظر")[1]
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "ارسالی", "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    assert client.get(f"{BASE}/items/{item.pk}", **auth(key)).status_code == 200
    response = client.put(f"{BASE}/items/{item.pk}", {"title": "x", "base_revision": 1},
                          content_type="application/json", **auth(key))
    assert response.status_code == 403 and "اجازه" in response.json()["detail"]


def test_the_tokens_page_shows_a_new_key_once_and_revokes(client, personas):
    sign_in_verified(client, personas.own_staff)
    page = client.post("/workspace/tokens/", {"name": "یکپارچه‌سازی"})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=personas.own_staff)
    assert "hz_" in page.content.decode()
    assert "hz_" + "" not in client.get("/workspace/tokens/").content.decode().replace(f"{token.prefix}…", "")
    assert client.post("/workspace/tokens/", {"name": ""}).status_code == 400
    sign_in_verified(client, personas.other_staff)
    assert client.post(f"/workspace/tokens/{token.pk}/revoke/").status_code == 404
    sign_in_verified(client, personas.own_staff)
    assert client.post(f"/workspace/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
