"""In-app notifications with an unread count, and their e-mails, sent after commit."""

from django.core import mail

from hamafza.newsroom import actions
from hamafza.notifications import notify
from hamafza.notifications.models import Notification
from tests.personas import sign_in_verified


def make_submitted(personas, django_capture_on_commit_callbacks):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر اعلان", "lead": "لید"})
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_submit(personas.own_staff, item)
    return item


def test_submit_notifies_the_head_in_app_and_by_mail_after_commit(personas, django_capture_on_commit_callbacks):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر اعلان", "lead": "لید"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.do_submit(personas.own_staff, item)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.own_head.email]
    assert "خبر اعلان" in message.subject and "برای تأیید" in message.subject
    assert message.alternatives and "text/html" == message.alternatives[0][1]
    note = Notification.objects.get(user=personas.own_head)
    assert note.kind == "submitted" and note.actor == personas.own_staff


def test_the_actor_is_never_notified(personas):
    assert notify([personas.own_staff, personas.own_staff.pk], "commented", actor=personas.own_staff) == 0


def test_the_desk_shows_notifications_and_the_count(client, personas, django_capture_on_commit_callbacks):
    make_submitted(personas, django_capture_on_commit_callbacks)
    sign_in_verified(client, personas.own_head)
    html = client.get("/workspace/notifications/").content.decode()
    assert "خبر اعلان" in html
    assert 'class="count">۱<' in html  # the navigation's unread count, in Persian digits


def test_opening_marks_read_and_goes_to_the_item(client, personas, django_capture_on_commit_callbacks):
    item = make_submitted(personas, django_capture_on_commit_callbacks)
    note = Notification.objects.get(user=personas.own_head)
    sign_in_verified(client, personas.own_head)
    response = client.post(f"/workspace/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == f"/workspace/items/{item.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_one_cannot_open_someone_elses_notification(client, personas, django_capture_on_commit_callbacks):
    make_submitted(personas, django_capture_on_commit_callbacks)
    note = Notification.objects.get(user=personas.own_head)
    sign_in_verified(client, personas.other_head)
    assert client.post(f"/workspace/notifications/{note.pk}/open/").status_code == 404
    assert client.get(f"/workspace/notifications/{note.pk}/open/").status_code == 405


def test_read_all(client, personas, django_capture_on_commit_callbacks):
    make_submitted(personas, django_capture_on_commit_callbacks)
    sign_in_verified(client, personas.own_head)
    response = client.post("/workspace/notifications/read-all/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="section-notifications"' in response.content.decode()
    assert not Notification.objects.filter(user=personas.own_head, read_at__isnull=True).exists()


def test_the_section_partial_renders_for_the_desk(rf, personas, django_capture_on_commit_callbacks):
    from django.template import Context, Template

    make_submitted(personas, django_capture_on_commit_callbacks)
    request = rf.get("/workspace/")
    request.user = personas.own_head
    html = Template("{% load workflow_nav %}{% notifications_section %}").render(Context({"request": request}))
    assert "خبر اعلان" in html and "اعلان‌ها" in html
