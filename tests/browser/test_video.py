"""A news item with a video, in a real browser: the editor shows the uploaded video and its
poster; the portal's article plays it (<video preload="none"> with the poster, nothing loaded
before the reader presses play), on a desktop and on a phone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.newsroom.models import NewsItem
from tests import factories
from tests.videos import clip

from .conftest import act_as

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db):
    from hamafza.accounts.models import Membership
    from tests.personas import make_user

    sectors = factories.make_sectors()
    head = factories.make_agency("اداره کل راه و شهرسازی خوزستان", short_name="راه و شهرسازی", slug="راه-و-شهرسازی")
    road = factories.make_agency("اداره کل راهداری و حمل و نقل جاده‌ای خوزستان", short_name="راهداری خوزستان", slug="راهداری")
    factories.make_council(head, [road])
    item = factories.make_item(
        head, published=False, kind="video_report", sectors=[sectors["road"]],
        kicker="پایان شش ماه بهسازی", title="بازگشایی پل معلق اهواز پس از بهسازی",
        lead="پل معلق اهواز پس از شش ماه بهسازی سازه و روکش عرشه، امروز به روی خودروهای سبک بازگشایی شد.",
        body="<p>مدیرکل راه و شهرسازی خوزستان در آیین بازگشایی گفت: بهسازی پل با همکاری راهداری استان انجام شد.</p>",
    )
    factories.store_video(item, SimpleUploadedFile("clip.mp4", clip(4, size="640x360", rate=12)))
    staff = make_user("video_staff")
    Membership.objects.create(user=staff, agency=head, role=Membership.Role.STAFF)
    return NewsItem.objects.get(pk=item.pk), staff


def test_the_editor_shows_the_video(page, live_server, story, screenshot):
    item, staff = story
    act_as(page, live_server, staff)
    page.goto(f"/workspace/news/{item.pk}/")
    video = page.locator("#video video")
    assert video.get_attribute("preload") == "none" and video.get_attribute("poster")
    assert page.locator("select[name=kind]").input_value() == "video_report"
    page.locator("#video").scroll_into_view_if_needed()
    screenshot(page, "video-editor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#video").scroll_into_view_if_needed()
    screenshot(page, "video-editor-phone", full_page=False)


def test_the_portal_plays_it_with_its_poster(page, story, screenshot):
    item, _staff = story
    factories.publish_item(item)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(item.get_absolute_url())
    video = page.locator("article video")
    assert video.get_attribute("preload") == "none" and video.get_attribute("controls") is not None
    poster = video.get_attribute("poster")
    assert poster and poster.endswith(".poster.jpg")
    assert not any(u.endswith(".mp4") for u in requested)  # lazy: nothing of the video before play
    assert page.evaluate("(src) => fetch(src).then(r => r.status)", poster) == 200
    page.wait_for_timeout(300)
    screenshot(page, "video-portal")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "video-portal-phone", full_page=False)
    # It plays: the browser reads it (with byte ranges) and time moves on.
    page.evaluate("() => { const v = document.querySelector('article video'); v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('article video').currentTime > 0.3")
    page.evaluate("() => document.querySelector('article video').pause()")
    assert any(u.endswith(".mp4") for u in requested)
