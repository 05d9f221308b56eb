"""A news item's video: upload → checks (container by bytes and ffprobe, size and duration per
council) → poster (ffmpeg, after commit) → the portal's <video>, private until published; or an
Aparat link shown as Aparat's embed with frame-src allowed on that page only. A refused file
stores nothing and the item's text stays."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions, video
from hamafza.newsroom.models import NewsItem, Video
from tests import factories
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified
from tests.portal.helpers import HOST
from tests.videos import audio_only_mp4, clip, padded

HX = {"HX-Request": "true"}
MB = 1024 * 1024
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_copy")]  # every test: its own savepoint and copy


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {"title": "بازدید از پل کارون", "lead": "لید ذخیره‌شده"})


def post_video(client, item, data: bytes, name="clip.mp4"):
    return client.post(f"/workspace/news/{item.pk}/video/", {"file": SimpleUploadedFile(name, data)}, headers=HX)


def upload_as(client, user, item, data, name="clip.mp4", *, run_on_commit=None):
    sign_in_verified(client, user)
    if run_on_commit is None:
        return post_video(client, item, data, name)
    with run_on_commit(execute=True):
        return post_video(client, item, data, name)


@pytest.fixture
def no_new_files():
    """Asserts (after the test) that no file was left under videos/."""
    before = set(stored_names())
    yield
    assert set(stored_names()) == before


def stored_names() -> list[str]:
    names = []
    for folder in ("videos",):
        try:
            years, _ = default_storage.listdir(folder)
        except FileNotFoundError:
            return []
        for year in years:
            for month in default_storage.listdir(f"{folder}/{year}")[0]:
                names += default_storage.listdir(f"{folder}/{year}/{month}")[1]
    return names


# --- Upload → poster → portal ---------------------------------------------------------------------

def test_upload_makes_a_poster_and_the_portal_plays_it_once_published(client, personas, draft, django_capture_on_commit_callbacks):
    response = upload_as(client, personas.own_staff, draft, clip(3), run_on_commit=django_capture_on_commit_callbacks)
    assert response.status_code == 200, response.content.decode()
    v = Video.objects.get(item=draft)
    assert (v.kind, round(v.duration), v.width, v.height) == ("mp4", 3, 160, 120)
    assert v.file.name.startswith("videos/") and v.file.name.endswith(".mp4")
    assert v.state == Video.State.READY and v.poster.name.endswith(".poster.jpg")
    with default_storage.open(v.poster.name, "rb") as fh:
        assert fh.read(3) == b"\xff\xd8\xff"  # a JPEG frame made by ffmpeg
    assert AuditEvent.objects.filter(action="item.video_added", object_id=draft.pk).exists()
    editor = client.get(f"/workspace/news/{draft.pk}/").content.decode()
    assert '<video controls preload="none"' in editor and v.file.url in editor

    # Private until published: nobody outside the item's people sees the file or the poster.
    client.logout()
    assert client.get(v.file.url).status_code == 404
    assert client.get(v.poster.url).status_code == 404

    factories.publish_item(NewsItem.objects.get(pk=draft.pk))
    item = NewsItem.objects.get(pk=draft.pk)
    page = client.get(item.get_absolute_url(), HTTP_HOST=HOST).content.decode()
    tag = re.search(r"<video [^>]*>", page).group(0)
    assert 'controls' in tag and 'preload="none"' in tag and f'poster="{v.poster.url}"' in tag
    assert f'<source src="{v.file.url}" type="video/mp4">' in page
    played = client.get(v.file.url, HTTP_RANGE="bytes=0-99")
    assert played.status_code == 206 and played["Content-Range"] == f"bytes 0-99/{v.size}"
    assert b"".join(played.streaming_content) == clip(3)[:100]
    whole = client.get(v.file.url)
    assert whole.status_code == 200 and whole["Content-Type"] == "video/mp4" and whole["Accept-Ranges"] == "bytes"
    assert "attachment" not in whole.get("Content-Disposition", "")


def test_webm_is_accepted_too(client, personas, draft):
    response = upload_as(client, personas.own_staff, draft, clip(2, "webm"), "clip.webm")
    assert response.status_code == 200, response.content.decode()
    assert Video.objects.get(item=draft).kind == "webm"


def test_a_new_upload_replaces_the_old_video_and_its_files(client, personas, draft, django_capture_on_commit_callbacks):
    upload_as(client, personas.own_staff, draft, clip(2), run_on_commit=django_capture_on_commit_callbacks)
    first = Video.objects.get(item=draft)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_video(client, draft, clip(3)).status_code == 200
    second = Video.objects.get(item=draft)
    assert second.pk != first.pk
    assert not default_storage.exists(first.file.name) and not default_storage.exists(first.poster.name)


# --- Refusals: nothing stored, the text stays ----------------------------------------------------

def test_an_over_limit_file_gets_a_persian_message_and_nothing_is_lost(client, personas, draft, no_new_files):
    council = personas.council
    council.video_max_mb = 1
    council.save()
    # Just over the limit (the request still fits the Content-Length allowance): the validator says so.
    response = upload_as(client, personas.own_staff, draft, padded(clip(2), MB + 10))
    assert response.status_code == 400
    assert "بیش از ۱ مگابایت" in response.content.decode()
    # Far over: refused from Content-Length before the body is read.
    response = post_video(client, draft, padded(clip(2), 3 * MB))
    assert response.status_code == 413
    body = response.content.decode()
    assert "۱ مگابایت" in body and "متن خبر سر جایش است" in body
    assert not Video.objects.exists()
    draft.refresh_from_db()
    assert (draft.title, draft.lead) == ("بازدید از پل کارون", "لید ذخیره‌شده")


def test_the_strictest_council_of_the_lead_agency_sets_the_limits(personas, world, draft):
    other = factories.make_council(world["A"], [], hostname="other.example.ir", short_name="شورای دیگر", slug="other")
    other.video_max_mb, other.video_max_minutes = 50, 3
    other.save()
    assert video.limits_for(draft) == (50 * MB, 180)
    assert video.limits_for(factories.make_item(world["D"], published=False)) == (200 * MB, 600)  # the defaults


def test_an_over_long_video_is_refused(client, personas, draft, no_new_files):
    council = personas.council
    council.video_max_minutes = 1
    council.save()
    response = upload_as(client, personas.own_staff, draft, clip(65, size="64x48", rate=2))
    assert response.status_code == 400
    assert "بیش از ۱ دقیقه" in response.content.decode() and "۱:۰۵" in response.content.decode()
    assert not Video.objects.exists()


@pytest.mark.parametrize("data, name, message", [
    (lambda: clip(2, "mkv"), "clip.mp4", "فقط MP4 یا WebM"),  # Matroska that is not WebM, named .mp4
    (lambda: b"just text, named like a video " * 40, "clip.mp4", "فقط MP4 یا WebM"),
    (lambda: b'<html><script>alert(1)</script></html>' * 20, "clip.webm", "فقط MP4 یا WebM"),
    (lambda: audio_only_mp4(), "clip.mp4", "تصویر متحرکی ندارد"),
    (lambda: clip(3)[:300], "clip.mp4", "تصویر متحرکی ندارد"),  # cut inside its header: no stream left
    (lambda: b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4000, "clip.mp4", "سالم"),  # the magic bytes alone
])
def test_wrong_containers_are_refused_by_their_bytes(client, personas, draft, data, name, message, no_new_files):
    response = upload_as(client, personas.own_staff, draft, data(), name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Video.objects.exists()


# --- Who may -------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["other_staff", "other_head", "secretariat", "observer"])
def test_other_agencies_and_council_roles_cannot_put_a_video_on_a_draft(client, personas, draft, who):
    response = upload_as(client, getattr(personas, who), draft, clip(2))
    assert response.status_code == 404
    assert client.post(f"/workspace/news/{draft.pk}/video/delete/", headers=HX).status_code == 404
    assert not Video.objects.exists()


def test_an_unpublished_video_is_404_to_other_agencies_and_councils(client, personas, world, draft, django_capture_on_commit_callbacks):
    upload_as(client, personas.own_staff, draft, clip(2), run_on_commit=django_capture_on_commit_callbacks)
    v = Video.objects.get(item=draft)
    for who in ("other_staff", "other_head", "secretariat", "observer"):
        sign_in_verified(client, getattr(personas, who))
        assert client.get(v.file.url).status_code == 404, who
        assert client.get(v.poster.url).status_code == 404, who
        assert client.get(v.file.url, HTTP_RANGE="bytes=0-10").status_code == 404, who
    # Another council's portal host does not show it either, nor an unknown name under videos/.
    sign_in_verified(client, personas.own_staff)
    assert client.get(v.file.url).status_code == 200
    assert client.get("/media/videos/2026/01/0123456789abcdef.mp4").status_code == 404


def test_a_published_items_video_is_not_changed_in_place(client, personas, draft, django_capture_on_commit_callbacks):
    upload_as(client, personas.own_staff, draft, clip(2), run_on_commit=django_capture_on_commit_callbacks)
    factories.publish_item(NewsItem.objects.get(pk=draft.pk))
    sign_in_verified(client, personas.own_head)
    response = post_video(client, draft, clip(3))
    assert response.status_code == 400 and "منتشرشده" in response.content.decode()
    assert round(Video.objects.get(item=draft).duration) == 2


def test_remove_takes_the_video_and_its_files_away(client, personas, draft, django_capture_on_commit_callbacks):
    upload_as(client, personas.own_staff, draft, clip(2), run_on_commit=django_capture_on_commit_callbacks)
    v = Video.objects.get(item=draft)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/workspace/news/{draft.pk}/video/delete/", headers=HX).status_code == 200
    assert not Video.objects.exists()
    assert not default_storage.exists(v.file.name) and not default_storage.exists(v.poster.name)
    assert AuditEvent.objects.filter(action="item.video_removed", object_id=draft.pk).exists()


# --- Aparat and item types ------------------------------------------------------------------------

def save(client, item, **fields):
    return client.post(f"/workspace/news/{item.pk}/save/", {"base_revision": item.revision, **fields}, headers=HX)


@pytest.mark.parametrize("typed, stored", [
    ("https://www.aparat.com/v/abc12", "abc12"), ("aparat.com/v/Xy9Zq/", "Xy9Zq"),
    ("https://www.aparat.com/v/Qw3rT?playlist=1", "Qw3rT"), ("", ""),
])
def test_aparat_links_are_kept_as_their_hash(typed, stored):
    assert video.aparat_hash(typed) == stored


@pytest.mark.parametrize("typed", [
    "https://evil.example/v/abc12", "javascript:alert(1)", "https://www.aparat.com/v/abc12/../../x",
    "https://www.aparat.com.evil.ir/v/abc12", "https://www.aparat.com/v/" + "a" * 40,
])
def test_other_links_are_refused_with_a_persian_message(client, personas, draft, typed):
    sign_in_verified(client, personas.own_staff)
    response = save(client, draft, aparat=typed, lead="لید تازه")
    assert "پیوند آپارات" in response.content.decode()
    draft.refresh_from_db()
    assert draft.aparat == "" and draft.lead == "لید تازه"  # the rest of the save went through


def test_an_aparat_video_is_embedded_and_frame_src_allows_it_only_there(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    assert save(client, draft, aparat="https://www.aparat.com/v/abc12", kind="video_report").status_code == 200
    draft.refresh_from_db()
    assert (draft.aparat, draft.kind) == ("abc12", "video_report")
    factories.publish_item(draft)
    plain = factories.make_item(personas.own, title="خبر بی‌ویدیو")
    client.logout()
    page = client.get(draft.get_absolute_url(), HTTP_HOST=HOST)
    html = page.content.decode()
    assert '<iframe src="https://www.aparat.com/video/video/embed/videohash/abc12/vt/frame"' in html
    assert 'loading="lazy"' in html and "گزارش ویدیویی" in html
    csp = page["Content-Security-Policy"]
    assert "frame-src https://www.aparat.com" in csp
    other = client.get(plain.get_absolute_url(), HTTP_HOST=HOST)
    assert "aparat" not in other["Content-Security-Policy"] and "<iframe" not in other.content.decode()


def test_a_video_report_needs_a_video_and_a_photo_report_three_photos(personas, draft):
    from django.core.exceptions import ValidationError

    sign = personas.own_staff
    actions.do_save_draft(sign, draft, {"kind": "video_report"}, None)
    with pytest.raises(ValidationError) as refused:
        actions.do_submit(sign, draft)
    assert "گزارش ویدیویی باید ویدیو داشته باشد" in refused.value.messages[0]
    actions.do_save_draft(sign, draft, {"kind": "photo_report"}, None)
    with pytest.raises(ValidationError) as refused:
        actions.do_submit(sign, draft)
    assert "دست‌کم ۳ عکس" in refused.value.messages[0]
    actions.do_save_draft(sign, draft, {"kind": "news", "aparat": "https://www.aparat.com/v/abc12"}, None)
    actions.do_submit(sign, draft)


def test_an_unknown_kind_is_refused(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = save(client, draft, kind="podcast")
    assert "نوع خبر نامعتبر" in response.content.decode()
    draft.refresh_from_db()
    assert draft.kind == "news"


def test_a_photo_report_shows_its_gallery_first(client, personas):
    from tests.distribution.conftest import add_gallery

    item = factories.make_item(personas.own, published=False, title="گزارش تصویری بازدید", kind="photo_report")
    add_gallery(item, personas.own, 3)
    factories.publish_item(item)
    html = client.get(item.get_absolute_url(), HTTP_HOST=HOST).content.decode()
    assert "gallery--first" in html
    assert html.index("gallery--first") < html.index("article__body")
    assert "گزارش تصویری" in html


def test_a_video_report_shows_its_video_before_the_body(client, personas, draft, django_capture_on_commit_callbacks):
    upload_as(client, personas.own_staff, draft, clip(2), run_on_commit=django_capture_on_commit_callbacks)
    actions.do_save_draft(personas.own_staff, draft, {"kind": "video_report"}, None)
    factories.publish_item(NewsItem.objects.get(pk=draft.pk))
    html = client.get(draft.get_absolute_url(), HTTP_HOST=HOST).content.decode()
    assert html.index("<video") < html.index("article__body")
