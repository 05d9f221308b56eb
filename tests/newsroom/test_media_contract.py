"""The media actions keep the one contract: they take the acting person, ask the policy, and
write the audit entry. Another agency's staff, an observer and the secretariat are refused (and
nothing is stored); the people of the agency are recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions, media
from hamafza.newsroom.models import Attachment, Image
from tests import factories
from tests.newsroom.test_media import jpeg_bytes
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy
OUTSIDERS = ["other_staff", "other_head", "observer", "secretariat"]
HX = {"HX-Request": "true"}


def photo():
    return SimpleUploadedFile("p.jpg", jpeg_bytes(300, 200, exif=False))


def pdf(name="گزارش.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 x")


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {"title": "تیتر پیش‌نویس", "lead": "لید"})


def events(action):
    return list(AuditEvent.objects.filter(action=action))


# --- ingest_image → policy.can_add_image ----------------------------------------------------------

@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_the_agencys_people_add_to_its_library(personas, who):
    with pytest.raises(PermissionDenied):
        media.ingest_image(getattr(personas, who), personas.own, photo())
    assert not Image.objects.exists() and not events("image.added")


def test_adding_a_photo_is_recorded_for_the_agency_only(personas):
    image = media.ingest_image(personas.own_staff, personas.own, photo(), media.ImageMeta(caption="بازدید"))
    [event] = events("image.added")
    assert (event.actor, event.object_id, event.agency_id, event.agency_only) == (personas.own_staff, image.pk, personas.own.pk, True)
    assert image.uploaded_by == personas.own_staff
    # The admin adds to any agency; the entry is theirs.
    media.ingest_image(personas.admin, personas.other, photo())
    assert AuditEvent.objects.filter(action="image.added", actor=personas.admin, agency_id=personas.other.pk).exists()


def test_uploading_into_another_agencys_library_is_403_and_stores_nothing(client, personas):
    sign_in_verified(client, personas.other_staff)
    response = client.post("/workspace/media/upload/", {"file": photo(), "agency": personas.own.pk}, headers=HX)
    assert response.status_code == 403
    assert "اجازهٔ افزودن تصویر" in response.content.decode()
    assert not Image.objects.exists() and not events("image.added")


# --- update_image → policy.can_edit_image --------------------------------------------------------

@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_the_agencys_people_change_a_photo(personas, who):
    image = factories.make_image(personas.own, photo(), media.ImageMeta(caption="اصل", shared=True))
    with pytest.raises(PermissionDenied):
        media.update_image(getattr(personas, who), image, media.ImageMeta(caption="دست‌کاری"))
    image.refresh_from_db()
    assert image.caption == "اصل" and not events("image.changed")


def test_changing_a_photo_is_recorded_with_what_changed(personas):
    image = factories.make_image(personas.own, photo(), media.ImageMeta(caption="اصل", credit="عکاس"))
    media.update_image(personas.own_head, image, media.ImageMeta(caption="تازه", credit="عکاس", shared=True))
    [event] = events("image.changed")
    assert (event.actor, event.object_id, event.agency_id, event.agency_only) == (personas.own_head, image.pk, personas.own.pk, True)
    # The caption is not the alt text (issue 13, defect 17): changing one leaves the other.
    assert event.before == {"caption": "اصل", "shared": False}
    assert event.after == {"caption": "تازه", "shared": True}


# --- attach_file / remove_attachment → policy.can_edit_item --------------------------------------

@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_who_may_edit_the_item_attaches(personas, draft, who):
    with pytest.raises(PermissionDenied):
        media.attach_file(getattr(personas, who), draft, pdf())
    assert not Attachment.objects.exists() and not events("item.attached")


@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_who_may_edit_the_item_detaches(personas, draft, who):
    attachment = factories.make_attachment(draft, pdf())
    with pytest.raises(PermissionDenied):
        media.remove_attachment(getattr(personas, who), attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists() and not events("item.detached")


def test_staff_no_longer_attach_once_the_item_is_submitted(personas, draft):
    actions.do_submit(personas.own_staff, draft)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        media.attach_file(personas.own_staff, draft, pdf())
    media.attach_file(personas.own_head, draft, pdf())  # the head edits a submitted item
    assert Attachment.objects.count() == 1


def test_attaching_and_detaching_are_recorded_on_the_item(personas, draft, django_capture_on_commit_callbacks):
    attachment = media.attach_file(personas.own_staff, draft, pdf("بخشنامه.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        media.remove_attachment(personas.own_staff, attachment)
    [attached], [detached] = events("item.attached"), events("item.detached")
    for event in (attached, detached):
        assert (event.actor, event.object_type, event.object_id, event.agency_id) == (
            personas.own_staff, "newsroom.newsitem", draft.pk, personas.own.pk)
        assert event.agency_only  # a draft's entries stay with its agency
    assert attached.after["attachment"] == "بخشنامه" and detached.before == {"attachment": "بخشنامه"}
    assert not Attachment.objects.exists()
