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


# ------------------------------------------------------------------ editing an event
def _edit_form(event, **changes) -> dict:
    form = {"title": event.title, "start_date": "۱۴۰۵/۰۹/۱۴", "start_time": "۰۸:۰۰", "end_date": "۱۴۰۵/۰۹/۱۸",
            "end_time": "۲۰:۰۰", "agencies": list(event.agencies.values_list("pk", flat=True)),
            "channels": list(event.channels.values_list("pk", flat=True)),
            "direct": list(event.direct_agencies.values_list("pk", flat=True))}
    form.update(changes)
    return form


def _foreign_council(personas):
    """Another council (Bushehr: agency D) with a channel of its own and of its agency."""
    from tests import factories
    from tests.distribution.conftest import make_channel

    bushehr = factories.make_council(personas.pending_supporting, [], hostname="bushehr.example.ir",
                                     short_name="شورای بوشهر", slug="bushehr")
    return bushehr, make_channel(personas.pending_supporting, name="کانال محرمانهٔ بنادر بوشهر", chat_id="@bsh")


def test_the_secretariat_edits_title_period_agencies_channels_and_direct_publishing(client, personas, event):
    from hamafza.audit.models import AuditEvent
    from hamafza.live.models import LiveStamp
    from tests.distribution.conftest import make_channel

    ours = make_channel(None, council=personas.council, name="کانال شورای خوزستان", chat_id="@khz")
    _as(client, personas.secretariat)
    page = client.get(f"/workspace/live/{event.pk}/edit/")
    body = page.content.decode()
    assert page.status_code == 200 and 'value="اربعین ۱۴۰۵"' in body and "کانال شورای خوزستان" in body
    assert "ویرایش رویداد" in client.get(f"/workspace/live/{event.pk}/").content.decode()
    def stamped():
        return LiveStamp.objects.get(council=personas.council).value

    before = stamped()
    r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(
        event, title="اربعین ۱۴۰۵ — مرزها", agencies=[personas.own.pk, personas.supporting.pk],
        channels=[ours.pk], direct=[personas.supporting.pk]))
    assert r.status_code == 302, r.content.decode()[:800]
    event.refresh_from_db()
    assert event.title == "اربعین ۱۴۰۵ — مرزها"
    assert set(event.agencies.values_list("pk", flat=True)) == {personas.own.pk, personas.supporting.pk}
    assert list(event.channels.all()) == [ours]
    assert list(event.direct_agencies.values_list("pk", flat=True)) == [personas.supporting.pk]
    assert event.ends_at > event.starts_at and (event.ends_at - event.starts_at).days == 4
    entry = AuditEvent.objects.filter(action="live.event_changed").latest("id")
    assert entry.council_id == personas.council.pk
    assert stamped() > before  # the live pages' ETag changes
    # the form shows the event as it now stands
    body = client.get(f"/workspace/live/{event.pk}/edit/").content.decode()
    assert f'name="direct" value="{personas.supporting.pk}" checked' in body
    assert "۱۴۰۵/۰۹/۱۸" in body and "۲۰:۰۰" in body


def test_tampered_channel_and_agency_ids_of_another_council_answer_like_missing_ones(client, personas, event):
    bushehr, theirs = _foreign_council(personas)
    _as(client, personas.secretariat)
    answers = {}
    for name, changes in {
        "foreign channel": {"channels": [theirs.pk]}, "missing channel": {"channels": [10**9]},
        "2^70 channel": {"channels": [2**70]},
    }.items():
        r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, **changes))
        body = r.content.decode()
        assert r.status_code == 400 and "بوشهر" not in body and "محرمانه" not in body, name
        answers[name] = "کانال برگزیده پیدا نشد" in body
    assert all(answers.values()), answers
    for name, changes in {
        "foreign agency": {"agencies": [personas.own.pk, personas.pending_supporting.pk]},
        "missing agency": {"agencies": [personas.own.pk, 10**9]},
        "foreign direct": {"direct": [personas.pending_supporting.pk]},
        "missing direct": {"direct": [10**9]},
        "non-participant direct": {"direct": [personas.supporting.pk]},
    }.items():
        r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, **changes))
        body = r.content.decode()
        assert r.status_code == 400 and "بنادر بوشهر" not in body and "بوشهر" not in body, name
    event.refresh_from_db()
    assert event.title == "اربعین ۱۴۰۵" and not event.channels.exists()
    assert set(event.agencies.values_list("pk", flat=True)) == {personas.own.pk, personas.other.pk}
    # the edit form offers only this council's channels
    assert "محرمانه" not in client.get(f"/workspace/live/{event.pk}/edit/").content.decode()


def test_who_may_edit_and_the_head_keeps_what_is_not_theirs(client, personas, event):
    from tests.distribution.conftest import make_channel

    theirs = make_channel(personas.other, name="کانال راهداری", chat_id="@rahdari")
    actions.do_edit_event(personas.other_head, event, title=event.title, starts_at=event.starts_at,
                          ends_at=event.ends_at, agency_ids=[personas.own.pk, personas.other.pk],
                          channel_ids=[theirs.pk], direct_agency_ids=[personas.other.pk])
    for who, status in (("own_staff", 403), ("observer", 403), ("supporting_staff", 403),
                        ("pending_supporting_staff", 404)):
        _as(client, getattr(personas, who))
        assert client.get(f"/workspace/live/{event.pk}/edit/").status_code == status, who
        assert client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, title="x")).status_code == status, who
    _as(client, personas.own_head)  # manages the event: may edit, but not the other agency's channel or setting
    body = client.get(f"/workspace/live/{event.pk}/edit/").content.decode()
    assert 'name="channels" value="%s"' % theirs.pk not in body and "کانال راهداری" in body
    assert f'name="direct" value="{personas.other.pk}"' not in body
    r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, title="اربعین", channels=[], direct=[personas.own.pk]))
    assert r.status_code == 302
    event.refresh_from_db()
    assert event.title == "اربعین" and list(event.channels.all()) == [theirs]
    assert set(event.direct_agencies.values_list("pk", flat=True)) == {personas.own.pk, personas.other.pk}
    # removing the other agency drops its channel and its direct publishing
    r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, agencies=[personas.own.pk], channels=[], direct=[]))
    assert r.status_code == 302
    assert not event.channels.exists() and not event.direct_agencies.exists()
    assert list(event.agencies.values_list("pk", flat=True)) == [personas.own.pk]


def test_bad_input_on_the_edit_page_is_a_persian_message(client, personas, event):
    _as(client, personas.secretariat)
    for changes, words in (({"title": ""}, "عنوان"), ({"title": "ب" * 2000}, "عنوان"),
                           ({"end_date": "۱۴۰۵/۰۹/۱۰"}, "پایان"), ({"start_date": "x\x00"}, "شمسی"),
                           ({"agencies": []}, "دستگاه")):
        r = client.post(f"/workspace/live/{event.pk}/edit/", _edit_form(event, **changes))
        assert r.status_code == 400 and words in r.content.decode(), changes
    assert client.get(f"/workspace/live/{2**70}/edit/").status_code == 404
