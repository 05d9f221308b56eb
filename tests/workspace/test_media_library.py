"""The media library and uploads in the editor: bad files get a Persian message and the draft
stays saved; libraries are private to their agency unless shared with the council."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.newsroom import actions, media
from hamafza.newsroom.models import Attachment, Image
from tests.newsroom.test_media import huge_png_header, jpeg_bytes
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

HX = {"HX-Request": "true"}


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {"title": "تیتر پیش‌نویس", "lead": "لید ذخیره‌شده"})


def post_image(client, data: bytes, name="photo.jpg", agency=None, **fields):
    payload = {"file": SimpleUploadedFile(name, data), "caption": "بازدید از محور", "credit": "عکاس دستگاه", **fields}
    if agency is not None:
        payload["agency"] = agency.pk
    return client.post("/workspace/media/upload/", payload, headers=HX)


def test_a_photo_uploaded_in_the_library_gets_its_metadata(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = post_image(client, jpeg_bytes(), taken_on="۱۴۰۵/۰۹/۰۵", place="اهواز", keywords="جاده، ایمنی", shared="1")
    assert response.status_code == 200, response.content.decode()
    image = Image.objects.get()
    assert (image.agency, image.caption, image.credit, image.place, image.shared) == (personas.own, "بازدید از محور", "عکاس دستگاه", "اهواز", True)
    assert str(image.taken_on) == "2026-11-26"
    assert image.uploaded_by == personas.own_staff
    html = client.get("/workspace/media/").content.decode()
    assert "بازدید از محور" in html and "عکاس دستگاه" in html


@pytest.mark.parametrize("data, name, message", [
    (jpeg_bytes(exif=False)[:3000], "cut.jpg", "ناقص"),
    (huge_png_header(), "huge.png", "مگاپیکسل"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg", "SVG"),
    (b"MZ\x90\x00\x03" + b"\x00" * 500, "setup.jpg", "تصویر نیست"),
])
def test_bad_images_get_a_persian_message_and_the_draft_stays(client, personas, draft, data, name, message):
    sign_in_verified(client, personas.own_staff)
    response = post_image(client, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Image.objects.exists()
    draft.refresh_from_db()
    assert (draft.title, draft.lead) == ("تیتر پیش‌نویس", "لید ذخیره‌شده")


def test_an_impossible_photo_date_is_refused(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = post_image(client, jpeg_bytes(), taken_on="۱۴۰۴/۱۲/۳۰")
    assert response.status_code == 400
    assert "۱۴۰۴/۱۲/۳۰" in response.content.decode()
    assert not Image.objects.exists()


def test_a_60_mb_file_is_refused_from_its_content_length(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    big = SimpleUploadedFile("video.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (60 * media.MB))
    response = client.post(f"/workspace/news/{draft.pk}/attachments/", {"file": big}, headers=HX)
    assert response.status_code == 413
    assert "مگابایت" in response.content.decode()
    assert not Attachment.objects.exists()
    big.seek(0)
    response = client.post("/workspace/media/upload/", {"file": big}, headers=HX)
    assert response.status_code == 413
    draft.refresh_from_db()
    assert draft.lead == "لید ذخیره‌شده"


def test_the_size_check_happens_before_the_body_is_read(client, personas, draft, monkeypatch):
    """Content-Length alone decides: a request announcing 60 MB is refused before parsing."""
    from django.http import HttpRequest

    def boom(self):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(HttpRequest, "_load_post_and_files", boom)
    sign_in_verified(client, personas.own_staff)
    response = client.generic("POST", f"/workspace/news/{draft.pk}/attachments/", b"x" * 10,
                              content_type="multipart/form-data; boundary=zz", CONTENT_LENGTH=str(60 * media.MB))
    assert response.status_code == 413


def test_attachments_by_content(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    ok = client.post(f"/workspace/news/{draft.pk}/attachments/", {"file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 x"), "title": "گزارش"}, headers=HX)
    assert ok.status_code == 200 and "گزارش" in ok.content.decode()
    bad = client.post(f"/workspace/news/{draft.pk}/attachments/", {"file": SimpleUploadedFile("r.pdf", b"MZ\x90\x00" + b"\x00" * 64)}, headers=HX)
    assert bad.status_code == 400 and "پذیرفته نمی‌شود" in bad.content.decode()
    assert Attachment.objects.count() == 1


def test_another_agency_cannot_attach_to_a_draft(client, personas, draft):
    sign_in_verified(client, personas.other_staff)
    response = client.post(f"/workspace/news/{draft.pk}/attachments/", {"file": SimpleUploadedFile("r.pdf", b"%PDF-1.4 x")}, headers=HX)
    assert response.status_code == 404
    assert not Attachment.objects.exists()


def own_image(personas, shared=False):
    from io import BytesIO

    return media.ingest_image(personas.own_staff, personas.own, BytesIO(jpeg_bytes(600, 400)),
                              meta=media.ImageMeta(caption="عکس دستگاه ما", credit="عکاس ما", shared=shared))


def test_a_private_photo_is_invisible_to_other_agencies(client, personas):
    image = own_image(personas)
    sign_in_verified(client, personas.other_staff)
    assert client.get(f"/workspace/media/{image.pk}/").status_code == 404
    assert "عکس دستگاه ما" not in client.get("/workspace/media/").content.decode()
    assert client.get(image.file.url).status_code == 404
    assert client.get("/media/" + image.renditions[0]["name"]).status_code == 404
    sign_in_verified(client, personas.own_staff)
    assert client.get(image.file.url).status_code == 200
    assert client.get("/media/" + image.renditions[0]["name"]).status_code == 200


def test_a_shared_photo_is_reused_with_its_credit_but_not_edited(client, personas):
    image = own_image(personas, shared=True)
    sign_in_verified(client, personas.other_staff)
    html = client.get("/workspace/media/?scope=shared").content.decode()
    assert "عکس دستگاه ما" in html and "عکاس ما" in html
    assert client.get(f"/workspace/media/{image.pk}/").status_code == 200
    assert client.post(f"/workspace/media/{image.pk}/", {"caption": "تغییر"}).status_code == 403
    assert client.get("/media/" + image.renditions[0]["name"]).status_code == 200
    # Agency D sits on no council with A: it does not see the shared photo.
    sign_in_verified(client, personas.pending_supporting_staff)
    assert client.get(f"/workspace/media/{image.pk}/").status_code == 404


def test_the_editor_puts_a_library_photo_on_the_item(client, personas, draft):
    image = own_image(personas)
    sign_in_verified(client, personas.own_staff)
    picker = client.get(f"/workspace/media/picker/?agency={personas.own.pk}&target=main")
    assert f'data-pick="{image.pk}"' in picker.content.decode()
    client.post(f"/workspace/news/{draft.pk}/save/", {"base_revision": draft.revision, "main_image": image.pk,
                                                      "gallery_present": "1", "gallery": [image.pk]}, headers=HX)
    draft.refresh_from_db()
    assert draft.main_image == image
    assert list(draft.gallery.values_list("image_id", flat=True)) == [image.pk]


def test_another_agencys_private_photo_cannot_be_put_on_an_item(client, personas, draft):
    from io import BytesIO

    theirs = media.ingest_image(personas.other_staff, personas.other, BytesIO(jpeg_bytes(600, 400)))
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/news/{draft.pk}/save/", {"base_revision": draft.revision, "main_image": theirs.pk,
                                                                 "lead": "لید تازه"}, headers=HX)
    assert "در دسترس این دستگاه نیست" in response.content.decode()
    draft.refresh_from_db()
    assert draft.main_image is None and draft.lead == "لید تازه"


def test_observers_have_no_library(client, personas):
    sign_in_verified(client, personas.observer)
    assert client.get("/workspace/media/").status_code == 403
    assert post_image(client, jpeg_bytes()).status_code == 400
    assert not Image.objects.exists()
