"""The workspace pages of live events and the board: every write view refuses outsiders (404
for what they may not see, 403 for what they may only read) and takes bad input as a Persian
message, never a 500."""

import pytest

from hamafza.live import actions
from hamafza.live.models import BoardEntity, LiveEvent, LiveUpdate
from tests.personas import sign_in_verified


def _as(client, user):
    sign_in_verified(client, user)
    return client


def test_staff_posts_an_update_which_waits_for_the_head(client, personas, event):
    _as(client, personas.own_staff)
    page = client.get(f"/workspace/live/{event.pk}/")
    assert page.status_code == 200 and "به‌روزرسانی تازه" in page.content.decode()
    r = client.post(f"/workspace/live/{event.pk}/post/", {"agency": personas.own.pk, "kind": "border", "text": "صف کوتاه شد", "place": "شلمچه"})
    assert r.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.status == LiveUpdate.Status.PENDING
    r = client.post(f"/workspace/live/updates/{update.pk}/", {"action": "publish"})
    assert r.status_code == 403
    _as(client, personas.own_head)
    assert client.post(f"/workspace/live/updates/{update.pk}/", {"action": "publish"}).status_code == 302
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.PUBLISHED


def test_outsiders_are_refused_and_bad_input_is_a_persian_message(client, personas, event, crossing):
    pending = actions.do_post_update(personas.own_staff, event, agency_id=personas.own.pk, kind="border", text="در انتظار")
    _as(client, personas.supporting_staff)  # on the council, not in the event
    assert client.post(f"/workspace/live/{event.pk}/post/", {"agency": personas.supporting.pk, "kind": "border", "text": "x"}).status_code == 403
    assert client.post(f"/workspace/live/{event.pk}/post/", {"agency": personas.own.pk, "kind": "border", "text": "x"}).status_code == 403
    assert client.post(f"/workspace/live/updates/{pending.pk}/", {"action": "withdraw"}).status_code == 404
    assert client.post(f"/workspace/live/board/{crossing.pk}/", {"state": "closed"}).status_code == 403
    assert client.post(f"/workspace/live/{event.pk}/summary/", {"summary": "x"}).status_code == 403
    assert client.post(f"/workspace/live/{event.pk}/direct/", {"agency": personas.own.pk, "allowed": "1"}).status_code == 403
    _as(client, personas.pending_supporting_staff)  # on no council
    assert client.get(f"/workspace/live/{event.pk}/").status_code == 404
    assert client.post(f"/workspace/live/board/{crossing.pk}/", {"state": "closed"}).status_code == 404
    _as(client, personas.own_head)
    r = client.post(f"/workspace/live/{event.pk}/post/", {"agency": personas.own.pk, "kind": "border", "text": ""})
    assert r.status_code == 400 and "متن را وارد کنید" in r.content.decode()
    r = client.post(f"/workspace/live/board/{crossing.pk}/", {"state": "open", "wait_minutes": "2" * 25})
    assert r.status_code == 400 and "زمان انتظار" in r.content.decode()
    assert client.post(f"/workspace/live/{2**70}/post/", {"agency": "1"}).status_code == 404
    assert BoardEntity.objects.get().state == "unknown"


def test_the_secretariat_opens_an_event_and_adds_to_the_board(client, personas):
    _as(client, personas.secretariat)
    assert client.get("/workspace/live/new/").status_code == 200
    r = client.post("/workspace/live/new/", {
        "title": "سیلاب کرخه", "kind": "emergency", "start_date": "۱۴۰۵/۰۹/۱۴", "start_time": "۰۸:۰۰",
        "end_date": "۱۴۰۵/۰۹/۱۸", "end_time": "۲۰:۰۰", "agencies": [personas.own.pk, personas.other.pk],
    })
    assert r.status_code == 302, r.content.decode()[:500]
    event = LiveEvent.objects.get(title="سیلاب کرخه")
    r = client.post("/workspace/live/board/", {"kind": "road", "name": "محور اهواز – اندیمشک", "agency": personas.other.pk,
                                               "event": event.pk})
    assert r.status_code == 302 and BoardEntity.objects.get().event == event
    r = client.post("/workspace/live/new/", {"title": "x", "kind": "emergency", "start_date": "نامعلوم", "agencies": [personas.own.pk]})
    assert r.status_code == 400 and "شمسی" in r.content.decode()


@pytest.mark.parametrize("who", ["own_staff", "observer"])
def test_nobody_but_the_secretariat_and_heads_opens_events(client, personas, who):
    _as(client, getattr(personas, who))
    assert client.get("/workspace/live/new/").status_code == 403
