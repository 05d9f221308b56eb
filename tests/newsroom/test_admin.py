"""The admin changes no item behind the workflow's back: items are read-only there, and its
publish and unpublish actions are the workspace's actions, run as the signed-in person."""

from io import BytesIO

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage

from hamafza.audit.models import AuditEvent
from hamafza.newsroom.models import Image, NewsItem, Placement
from hamafza.notifications.models import Notification
from tests import factories
from tests.personas import sign_in_verified

CHANGELIST = reverse("admin:newsroom_newsitem_changelist")


def _submitted(personas) -> NewsItem:
    item = factories.make_item(personas.own, published=False, created_by=personas.own_staff)
    NewsItem.objects.filter(pk=item.pk).update(status=NewsItem.Status.SUBMITTED)
    return NewsItem.objects.get(pk=item.pk)


def test_the_item_admin_has_no_add_form_and_refuses_a_change(client, personas):
    item = factories.make_item(personas.own, published=False)
    sign_in_verified(client, personas.admin)
    assert client.get(reverse("admin:newsroom_newsitem_add")).status_code == 403
    change = reverse("admin:newsroom_newsitem_change", args=[item.pk])
    assert client.get(change).status_code == 200  # a view-only page
    response = client.post(change, {"title": "تیتر دیگر", "status": "published", "published_at_0": "2026-01-01"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT and item.title != "تیتر دیگر"
    assert not Placement.objects.filter(item=item).exists()


def test_publishing_in_the_admin_is_the_workflows_publish_with_audit_and_notice(client, personas):
    item = _submitted(personas)
    sign_in_verified(client, personas.admin)
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [item.pk]}, follow=True)
    assert "۱ خبر منتشر شد." in response.content.decode()
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED
    assert Placement.objects.filter(item=item, council=personas.council).exists()
    event = AuditEvent.objects.get(action="item.approved_published", object_id=item.pk)
    assert event.actor == personas.admin
    assert Notification.objects.filter(user=personas.own_staff, kind="published", item=item).exists()


def test_a_staff_member_who_may_not_publish_is_refused_in_the_admin_too(client, personas):
    item = _submitted(personas)
    user = personas.own_staff
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    sign_in_verified(client, user)
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [item.pk]}, follow=True)
    assert response.status_code == 200
    assert "اجازهٔ انتشار این خبر را ندارید" in response.content.decode()
    item.refresh_from_db()
    assert item.status == NewsItem.Status.SUBMITTED
    assert not AuditEvent.objects.filter(action__startswith="item.", object_id=item.pk).exists()


def test_unpublishing_in_the_admin_asks_for_the_reason_and_keeps_it(client, personas):
    item = factories.make_item(personas.own)
    sign_in_verified(client, personas.admin)
    form = client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [item.pk]})
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED  # nothing happens before the reason is given
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [item.pk],
                             "reason": "آمار نادرست بود", "mode": "withdrawn"})
    item.refresh_from_db()
    assert (item.status, item.unpublish_reason, item.unpublish_mode) == (
        NewsItem.Status.UNPUBLISHED, "آمار نادرست بود", "withdrawn")
    assert AuditEvent.objects.get(action="item.unpublished", object_id=item.pk).actor == personas.admin


def test_unpublishing_a_draft_in_the_admin_is_refused_with_the_actions_message(client, personas):
    item = factories.make_item(personas.own, published=False)
    sign_in_verified(client, personas.admin)
    response = client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [item.pk],
                                        "reason": "آزمایش", "mode": "gone"}, follow=True)
    assert "اجازهٔ لغو انتشار این خبر را ندارید" in response.content.decode()
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_the_image_admin_keeps_owner_sharing_and_file_read_only(client, personas):
    photo = BytesIO()
    PILImage.new("RGB", (8, 8)).save(photo, "JPEG")
    image = Image.objects.create(agency=personas.own, file=ContentFile(photo.getvalue(), name="x.jpg"), caption="پل")
    sign_in_verified(client, personas.admin)
    assert client.get(reverse("admin:newsroom_image_add")).status_code == 403
    response = client.post(reverse("admin:newsroom_image_change", args=[image.pk]), {
        "agency": personas.other.pk, "shared": "on", "file": "", "caption": "پل کارون", "credit": "", "alt": "",
        "taken_on": "", "place": "", "keywords": "",
    })
    assert response.status_code == 302, response.content.decode()[:1500]
    image.refresh_from_db()
    assert (image.agency, image.shared, image.caption) == (personas.own, False, "پل کارون")
