"""Press releases and invitations: one e-mail per journalist with consent, sent after the commit
only, replies to the office, no tracking; the embargo holds the item off the portal, the API and
the feeds until its moment and the scheduler publishes it then; a journalist's preview link works
before it (with the banner), redirects after it, and refuses when revoked or tampered; an
invitation carries an iCal file that parses."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from icalendar import Calendar

from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions as newsroom_actions
from hamafza.newsroom import jobs
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali
from hamafza.press import actions, sending
from hamafza.press.errors import CouncilError
from hamafza.press.models import Recipient
from tests import factories
from tests.personas import sign_in_verified

HOST = "khz.example.ir"
S = NewsItem.Status


@pytest.fixture
def office_email(press):
    press["p"].own.email = "pr@rahshahr.example.org"
    press["p"].own.save()
    return press["p"].own.email


def embargo_fields(when: dt.datetime) -> dict:
    local = jalali.to_tehran(when)
    return {"embargo_date": jalali.format_numeric(local.date()), "embargo_time": local.strftime("%H:%M")}


def submitted_item(press):
    p = press["p"]
    item = newsroom_actions.do_create_draft(p.own_staff, p.own, {"title": "افتتاح پل آزمایشی", "lead": "لید",
                                                                 "body": "<p>متن کامل خبر پل.</p>"})
    return newsroom_actions.do_submit(p.own_staff, NewsItem.objects.get(pk=item.pk))


def test_a_release_is_mailed_after_the_commit_one_message_per_journalist(press, office_email,
                                                                         django_capture_on_commit_callbacks):
    p = press["p"]
    item = factories.make_item(p.own, title="خبر منتشرشدهٔ آزمایشی")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = actions.do_send_release(p.own_staff, press["council"], p.own.pk, item,
                                          {"lists": [press["list"].pk], "note": "کارشناس پاسخ‌گو: آقای نمونه"})
    assert mail.outbox == [] and callbacks  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    # Two of the list's three have consent; the one without is not even a recipient.
    assert sorted(m.to[0] for m in mail.outbox) == ["reporter1@example.org", "reporter2@example.org"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    message = mail.outbox[0]
    assert message.reply_to == [office_email]
    assert "خبر منتشرشدهٔ آزمایشی" in message.body and "کارشناس پاسخ‌گو" in message.body
    assert not getattr(message, "alternatives", None) and "<img" not in message.body
    assert set(release.recipients.values_list("status", flat=True)) == {Recipient.Status.SENT}
    event = AuditEvent.objects.get(action="press.release_sent")
    assert event.council_id == press["council"] and event.after["recipients"] == 2


def test_a_rolled_back_release_sends_nothing(press, django_capture_on_commit_callbacks):
    p = press["p"]
    item = factories.make_item(p.own)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(CouncilError):
            actions.do_send_release(p.own_staff, press["council"], p.own.pk, item, {"lists": [2**70]})
    assert mail.outbox == []


def test_an_unpublished_item_needs_an_embargo_set_by_who_may_schedule(press):
    p = press["p"]
    item = submitted_item(press)
    with pytest.raises(CouncilError) as refused:
        actions.do_send_release(p.own_head, press["council"], p.own.pk, item, {"lists": [press["list"].pk]})
    assert refused.value.field == "embargo_date"
    soon = timezone.now() + dt.timedelta(hours=3)
    with pytest.raises(PermissionDenied):  # staff may not schedule
        actions.do_send_release(p.own_staff, press["council"], p.own.pk, item,
                                {"lists": [press["list"].pk], **embargo_fields(soon)})
    with pytest.raises(CouncilError):  # in the past
        actions.do_send_release(p.own_head, press["council"], p.own.pk, item,
                                {"lists": [press["list"].pk], **embargo_fields(timezone.now() - dt.timedelta(hours=1))})
    # Another agency cannot release our item, even naming our agency.
    from django.http import Http404
    with pytest.raises(Http404):
        actions.do_send_release(p.other_head, press["council"], p.own.pk, item, {"lists": [press["list"].pk]})


def test_the_embargo_holds_until_its_moment_and_the_scheduler_publishes_then(client, press,
                                                                            django_capture_on_commit_callbacks):
    p = press["p"]
    item = submitted_item(press)
    start = timezone.now().replace(second=0, microsecond=0)
    embargo = start + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        release = actions.do_send_release(p.own_head, press["council"], p.own.pk, item,
                                          {"lists": [press["list"].pk], **embargo_fields(embargo)})
    item.refresh_from_db()
    assert item.status == S.SCHEDULED and item.published_at == embargo
    message = next(m for m in mail.outbox if m.to == ["reporter1@example.org"])
    assert "منتشر نشود پیش از" in message.subject and jalali.format_datetime(embargo) in message.body
    assert not re.search(r"[0-9]", jalali.format_datetime(embargo))
    # Before the moment: not on the portal, its feed, or the public API.
    with time_machine.travel(embargo - dt.timedelta(seconds=1), tick=False):
        assert jobs.publish_due() == 0
        assert client.get(f"/n/{item.pk}", HTTP_HOST=HOST).status_code == 404
        assert "افتتاح پل آزمایشی" not in client.get("/feeds/rss/", HTTP_HOST=HOST).content.decode()
        assert client.get(f"/api/v1/news/{item.pk}", HTTP_HOST=HOST).status_code == 404
    with time_machine.travel(embargo + dt.timedelta(seconds=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs.publish_due() == 1
    item.refresh_from_db()
    assert item.status == S.PUBLISHED
    assert client.get(f"/n/{item.pk}", HTTP_HOST=HOST).status_code == 301
    scheduled = AuditEvent.objects.get(action="item.scheduled", object_id=item.pk)
    assert scheduled.actor == p.own_head  # the person who set the embargo
    assert release.embargo_at == embargo


def test_the_preview_link_before_after_revoked_and_tampered(client, press, django_capture_on_commit_callbacks):
    p = press["p"]
    item = submitted_item(press)
    embargo = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        release = actions.do_send_release(p.own_head, press["council"], p.own.pk, item,
                                          {"lists": [press["list"].pk], **embargo_fields(embargo)})
    first, second = release.recipients.order_by("id")
    link = sending.preview_url(first)
    path = link.split(HOST, 1)[1]
    assert next(m for m in mail.outbox if m.to == [first.email]).body.count(link) == 1
    assert link not in next(m for m in mail.outbox if m.to == [second.email]).body
    response = client.get(path, HTTP_HOST=HOST)
    body = response.content.decode()
    assert response.status_code == 200 and "منتشر نشود پیش از" in body and "افتتاح پل آزمایشی" in body
    assert response.headers["X-Robots-Tag"] == "noindex" and "no-store" in response.headers["Cache-Control"]
    # Another journalist's id with this one's secret, a forged token, garbage: all 404.
    forged = signing.dumps({"r": second.pk, "n": first.nonce}, salt=sending.SALT, compress=False)
    unsigned = signing.dumps({"r": first.pk, "n": first.nonce}, salt="another", compress=False)
    for token in (forged, unsigned, "x" * 500, str(2**70)):
        assert client.get(f"/press/preview/{token}/", HTTP_HOST=HOST).status_code == 404
    assert client.get(sending.preview_url(second).split(HOST, 1)[1], HTTP_HOST=HOST).status_code == 200
    # Revoked by the office: refused; the other journalist's still works.
    actions.do_revoke_preview(p.own_staff, first)
    assert client.get(path, HTTP_HOST=HOST).status_code == 404
    assert AuditEvent.objects.filter(action="press.preview_revoked").count() == 1
    # After publication: the public article.
    with time_machine.travel(embargo + dt.timedelta(seconds=5), tick=False):
        newsroom_actions.do_publish_scheduled(item.pk)
    response = client.get(sending.preview_url(second).split(HOST, 1)[1], HTTP_HOST=HOST)
    assert response.status_code == 302 and response.headers["Location"].startswith(f"/news/{item.pk}/")


def test_revoking_is_the_sending_agencys(client, press, django_capture_on_commit_callbacks):
    p = press["p"]
    item = submitted_item(press)
    embargo = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        release = actions.do_send_release(p.own_head, press["council"], p.own.pk, item,
                                          {"lists": [press["list"].pk], **embargo_fields(embargo)})
    recipient = release.recipients.first()
    sign_in_verified(client, p.other_staff)
    c = press["council"]
    for agency in (p.other.pk, p.own.pk):
        url = f"/workspace/press/releases/{release.pk}/revoke/{recipient.pk}/?council={c}&agency={agency}"
        assert client.post(url).status_code == 404
        assert client.get(f"/workspace/press/releases/{release.pk}/?council={c}&agency={agency}").status_code == 404
    recipient.refresh_from_db()
    assert recipient.revoked_at is None
    sign_in_verified(client, p.own_staff)
    page = client.get(f"/workspace/press/releases/{release.pk}/?council={c}&agency={p.own.pk}").content.decode()
    assert recipient.name in page and "ابطال پیوند" in page


def test_an_invitation_carries_an_ical_file_that_parses(press, office_email, django_capture_on_commit_callbacks):
    from hamafza.council import actions as council_actions

    p = press["p"]
    starts = (timezone.now() + dt.timedelta(days=3)).astimezone(jalali.TEHRAN).replace(hour=10, minute=30, second=0,
                                                                                        microsecond=0)
    meeting = council_actions.create_meeting(p.secretariat, council=p.council, title="نشست خبری هفتهٔ حمل‌ونقل",
                                             starts_at=starts, place="سالن همایش‌ها", invited=[p.own])
    events = actions.invitation_events(p.own_staff, press["council"])
    assert [e.uid for e in events] == [f"meeting-{meeting.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_invitation(p.own_staff, press["council"], p.own.pk,
                                   {"event": f"meeting-{meeting.pk}", "lists": [press["list"].pk]})
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.reply_to == [office_email] and "نشست خبری هفتهٔ حمل‌ونقل" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    cal = Calendar.from_ical(content)
    event = next(c for c in cal.walk("VEVENT"))
    assert str(event["summary"]) == "نشست خبری هفتهٔ حمل‌ونقل" and str(event["location"]) == "سالن همایش‌ها"
    assert event.decoded("dtstart") == starts
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=120)
    # An event of a meeting our agency is not invited to, or a made-up one, is refused.
    with pytest.raises(CouncilError):
        actions.do_send_invitation(p.own_staff, press["council"], p.own.pk, {"event": "meeting-999999", "lists": [press["list"].pk]})


def test_the_composer_page_sends_and_shows_the_history(client, press, django_capture_on_commit_callbacks):
    p = press["p"]
    c = press["council"]
    item = factories.make_item(p.own, title="خبر برای خبرنامه")
    sign_in_verified(client, p.own_staff)
    card = client.get(f"/workspace/press/items/{item.pk}/card/").content.decode()
    assert f"/workspace/press/items/{item.pk}/release/" in card
    page = client.get(f"/workspace/press/items/{item.pk}/release/")
    assert page.status_code == 200 and "حوزهٔ راه" in page.content.decode()
    assert "منتشر نشود پیش از" not in page.content.decode()  # published: no embargo to set
    response = client.post(f"/workspace/press/items/{item.pk}/release/", {"subject": "", "lists": []})
    assert response.status_code == 400 and "فهرست" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/workspace/press/items/{item.pk}/release/",
                               {"subject": "خبرنامه", "note": "", "lists": [press["list"].pk]})
    assert response.status_code == 302
    history = client.get(f"/workspace/press/releases/?council={c}&agency={p.own.pk}").content.decode()
    assert "خبرنامه" in history
    detail = client.get(response.headers["Location"]).content.decode()
    assert "فرستاده شد" in detail and "خبرنگار آزمایشی 1" in detail
    # Another agency's people: no card, no composer.
    sign_in_verified(client, p.other_staff)
    assert client.get(f"/workspace/press/items/{item.pk}/card/").content == b""
    assert client.get(f"/workspace/press/items/{item.pk}/release/").status_code == 404
    assert client.post(f"/workspace/press/items/{item.pk}/release/?council={c}&agency={p.own.pk}",
                       {"subject": "x", "lists": [press["list"].pk]}).status_code == 404


def test_a_refused_address_is_marked_and_the_others_still_go(press, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.press.failing_mail.RefusingBackend"
    p = press["p"]
    item = factories.make_item(p.own)
    with django_capture_on_commit_callbacks(execute=True):
        release = actions.do_send_release(p.own_staff, press["council"], p.own.pk, item, {"lists": [press["list"].pk]})
    statuses = dict(release.recipients.values_list("email", "status"))
    assert statuses == {"reporter1@example.org": Recipient.Status.SENT, "reporter2@example.org": Recipient.Status.FAILED}
    assert [m.to for m in mail.outbox] == [["reporter1@example.org"]]
    assert "550" in release.recipients.get(email="reporter2@example.org").error


def test_the_invitation_page_offers_only_this_councils_events(client, press):
    from hamafza.council import actions as council_actions

    p = press["p"]
    starts = timezone.now() + dt.timedelta(days=2)
    council_actions.create_meeting(p.secretariat, council=p.council, title="نشست خبری آزمایشی", starts_at=starts,
                                   place="سالن", invited=[p.own])
    sign_in_verified(client, p.own_staff)
    body = client.get(f"/workspace/press/invite/?council={press['council']}&agency={p.own.pk}").content.decode()
    assert "نشست خبری آزمایشی" in body
    response = client.post(f"/workspace/press/invite/?council={press['council']}&agency={p.own.pk}",
                           {"event": "meeting-" + str(2**70), "lists": [press["list"].pk]})
    assert response.status_code == 400 and "پیدا نشد" in response.content.decode()
