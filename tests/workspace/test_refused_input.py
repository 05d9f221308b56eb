"""A refused workflow button never loses what was typed (issue 12): a head correcting a published
item who leaves the note empty, hits a stale revision or types an invalid field gets the editor
back with the message and every edit; so does a refused return, schedule or unpublish. The
published item's editor carries the unsaved-changes guard (data-correcting)."""

import pytest

from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests.personas import sign_in_verified

TITLE = "بازگشایی محور اهواز–خرمشهر"
NEW_LEAD = "لید تازه‌ای که مدیر نوشت و نباید گم شود"
NEW_BODY = "متن اصلاح‌شدهٔ بلندی که نباید از دست برود"


@pytest.fixture
def published(personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": TITLE, "lead": "لید نخست", "body": "<p>متن نخست</p>"})
    actions.do_submit(personas.own_staff, item)
    actions.do_publish(personas.own_head, NewsItem.objects.get(pk=item.pk))
    return NewsItem.objects.get(pk=item.pk)


def correct(client, item, base=None, **fields):
    data = {"base_revision": item.revision if base is None else base, "title": item.title, "lead": NEW_LEAD,
            "body": f"<p>{NEW_BODY}</p>", "tags": "ایمنی جاده، هفتهٔ حمل و نقل", **fields}
    return client.post(f"/workspace/news/{item.pk}/do/correct/", data)


def assert_kept(html: str) -> None:
    assert NEW_LEAD in html and NEW_BODY in html and "هفتهٔ حمل و نقل" in html
    assert 'data-unsaved="1"' in html and 'data-correcting="1"' in html


def test_an_empty_note_shows_the_edits_again(client, personas, published):
    sign_in_verified(client, personas.own_head)
    response = correct(client, published, note="  ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "متن اصلاحیه را بنویسید" in html
    assert_kept(html)
    item = NewsItem.objects.get(pk=published.pk)
    assert item.lead == "لید نخست" and item.revision == published.revision


def test_an_invalid_field_shows_the_edits_and_the_note_again(client, personas, published):
    sign_in_verified(client, personas.own_head)
    response = correct(client, published, title="ت" * 300, note="یادداشت اصلاحیه")
    assert response.status_code == 400
    html = response.content.decode()
    assert "۲۵۰" in html and "ت" * 300 in html and "یادداشت اصلاحیه" in html
    assert_kept(html)
    assert NewsItem.objects.get(pk=published.pk).lead == "لید نخست"


def test_a_stale_revision_shows_both_versions_and_a_second_send_applies(client, personas, published):
    stale = published.revision
    # Somebody else corrected in between.
    actions.do_correct(personas.own_head, NewsItem.objects.get(pk=published.pk), {"kicker": "روتیتر همکار"},
                       "اصلاح همکار", stale)
    sign_in_verified(client, personas.own_head)
    response = correct(client, published, base=stale, note="اصلاح من")
    assert response.status_code == 409
    html = response.content.decode()
    assert_kept(html)
    assert "روتیتر همکار" in html and "اصلاح من" in html
    current = NewsItem.objects.get(pk=published.pk)
    assert current.lead == "لید نخست"
    # The page now carries the current revision: sending again is a deliberate choice.
    assert f'name="base_revision" value="{current.revision}"' in html
    again = correct(client, current, note="اصلاح من")
    assert again.status_code == 302
    assert NewsItem.objects.get(pk=published.pk).lead == NEW_LEAD


def test_another_agencys_photo_typed_into_a_correction_is_not_shown(client, personas, published):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hamafza.newsroom import media
    from tests.newsroom.test_media import jpeg_bytes

    foreign = media.ingest_image(personas.pending_supporting_staff, personas.pending_supporting,
                                 SimpleUploadedFile("p.jpg", jpeg_bytes(300, 200, exif=False)),
                                 meta=media.ImageMeta(shared=True))
    sign_in_verified(client, personas.own_head)
    response = correct(client, published, note="", main_image=str(foreign.pk))
    assert response.status_code == 400 and foreign.file.name not in response.content.decode()


@pytest.mark.parametrize("action, fields, message, kept", [
    ("unpublish", {"reason": "", "mode": "gone"}, "دلیل لغو انتشار", 'value="gone" checked'),
    ("unpublish", {"reason": "د" * 2001, "mode": "withdrawn"}, "۲۰۰۰", "د" * 2001),
])
def test_a_refused_unpublish_keeps_the_reason(client, personas, published, action, fields, message, kept):
    sign_in_verified(client, personas.own_head)
    response = client.post(f"/workspace/news/{published.pk}/do/{action}/", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and kept in html
    assert NewsItem.objects.get(pk=published.pk).status == NewsItem.Status.PUBLISHED


def test_a_refused_return_and_schedule_keep_what_was_typed(client, personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": TITLE, "lead": "لید"})
    actions.do_submit(personas.own_staff, item)
    sign_in_verified(client, personas.own_head)
    long_comment = "ک" * 4001
    response = client.post(f"/workspace/news/{item.pk}/do/return/", {"comment": long_comment})
    assert response.status_code == 400 and long_comment in response.content.decode()
    response = client.post(f"/workspace/news/{item.pk}/do/schedule/", {"date": "۱۴۰۴/۱۲/۳۰", "time": "۱۰:۳۰"})
    html = response.content.decode()
    assert response.status_code == 400 and 'value="۱۴۰۴/۱۲/۳۰"' in html and 'value="۱۰:۳۰"' in html
    assert NewsItem.objects.get(pk=item.pk).status == NewsItem.Status.SUBMITTED


def test_the_published_editor_has_the_unsaved_changes_guard(client, personas, published):
    sign_in_verified(client, personas.own_head)
    html = client.get(f"/workspace/news/{published.pk}/").content.decode()
    assert 'data-correcting="1"' in html and 'data-unsaved=""' in html


def test_a_correction_carries_the_gallery(client, personas, published):
    """The gallery goes through the correction like every other field (it used to be dropped)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hamafza.newsroom import media
    from tests.newsroom.test_media import jpeg_bytes

    own = media.ingest_image(personas.own_staff, personas.own, SimpleUploadedFile("p.jpg", jpeg_bytes(300, 200, exif=False)))
    sign_in_verified(client, personas.own_head)
    response = correct(client, published, note="عکس افزوده شد", gallery_present="1", gallery=[str(own.pk)])
    assert response.status_code == 302
    assert list(NewsItem.objects.get(pk=published.pk).gallery.values_list("image_id", flat=True)) == [own.pk]
