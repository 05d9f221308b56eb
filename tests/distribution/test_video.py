"""An item's video on the channels, against the fake Bot API / Eitaayar server: sent as a video
(sendVideo, Eitaayar's sendFile) within each platform's size limit, else its poster with a link
to watch it on the portal; an Aparat link is a line of the text; corrections edit the caption."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.distribution import worker
from hamafza.distribution.formatting import render
from hamafza.distribution.models import Delivery
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected
from tests import factories
from tests.videos import clip

from .conftest import make_channel, make_image
from tests.fakes.messengers import visible_length

pytestmark = pytest.mark.django_db
A, St = Delivery.Action, Delivery.State
LONG_BODY = "".join(f"<p>بند {n}: جملهٔ آزمایشی دربارهٔ پیشرفت کار پل و جاده که خوانندگان کانال می‌خوانند.</p>" for n in range(55))


def video_item(agency, data=None, name="clip.mp4", **fields):
    item = factories.make_item(agency, published=False, title="افتتاح پل کارون", **fields)
    video = factories.store_video(item, SimpleUploadedFile(name, data or clip(3)))
    factories.publish_item(NewsItem.objects.get(pk=item.pk))
    return NewsItem.objects.get(pk=item.pk), video


def limit(settings, **bytes_by_kind):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, **{f"{k.upper()}_MAX_VIDEO_BYTES": v for k, v in bytes_by_kind.items()}}


def test_a_video_within_the_limit_goes_as_a_video_with_its_caption(world, bot, channel):
    item, video = video_item(world["A"], body=LONG_BODY)
    assert video.state == "ready" and video.poster.name.endswith(".poster.jpg")
    assert worker.send_due(10) == 1
    posted = bot.posted[0]
    assert posted["method"] == "sendVideo" and posted["files"] == ["video"]
    assert posted["sizes"]["video"] == video.size
    assert posted["video"] == {"duration": "3", "width": "160", "height": "120", "supports_streaming": "true"}
    assert "<b>افتتاح پل کارون</b>" in posted["caption"] and visible_length(posted["caption"]) <= 1024
    assert bot.refused == []
    d = Delivery.objects.get(item=item)
    assert d.state == St.SENT and d.payload["video"] == video.file.name and d.payload["photos"] == []


def test_bale_sends_it_as_a_video_too(world, bot):
    make_channel(world["A"], kind="bale", chat_id="@hz_test")
    video_item(world["A"])
    worker.send_due(10)
    assert bot.posted[0]["method"] == "sendVideo"


def test_a_video_over_the_platform_limit_goes_as_its_poster_with_a_link(world, bot, channel, settings):
    limit(settings, telegram=5 * 1024)  # smaller than the clip
    item, video = video_item(world["A"])
    assert video.size > 5 * 1024
    worker.send_due(10)
    posted = bot.posted[0]
    assert posted["method"] == "sendPhoto" and posted["files"] == ["photo"]
    assert "تماشای ویدیو و متن کامل" in posted["caption"] and f"/n/{item.pk}" in posted["caption"]
    assert Delivery.objects.get(item=item).payload["photos"] == [video.poster.name]
    assert bot.refused == [] and all(p["method"] != "sendVideo" for p in bot.posted)


def test_the_fake_refuses_what_is_over_its_limit(world, channel, settings):
    """The fake enforces the platform's limit: a product that sent past it would fail here."""
    from tests.fakes.messengers import FakeBotServer

    server = FakeBotServer(tokens=("123:GOOD",), max_video_bytes=5 * 1024).start()
    try:
        settings.DISTRIBUTION = {**settings.DISTRIBUTION, "TELEGRAM_BASE_URL": server.url}
        item, _video = video_item(world["A"])
        worker.send_due(10)
        d = Delivery.objects.get(item=item)
        assert d.state != St.SENT and server.posted == []
        assert server.requests[0]["method"] == "sendVideo"
    finally:
        server.stop()


def test_a_webm_video_goes_as_its_poster(world, bot, channel):
    item, video = video_item(world["A"], clip(2, "webm"), "clip.webm")
    worker.send_due(10)
    assert bot.posted[0]["method"] == "sendPhoto"
    assert Delivery.objects.get(item=item).payload["photos"] == [video.poster.name]


def test_eitaa_gets_the_video_through_send_file(world, bot):
    make_channel(world["A"], kind="eitaa", chat_id="@hz_test")
    item, video = video_item(world["A"])
    worker.send_due(10)
    posted = bot.posted[0]
    assert posted["method"] == "sendFile" and posted["files"] == ["file"] and posted["sizes"]["file"] == video.size
    assert Delivery.objects.get(item=item).state == St.SENT


def test_an_aparat_link_is_a_line_of_the_text(world, bot, channel):
    item = factories.make_item(world["A"], aparat="abc12", main_image=make_image(world["A"]))
    worker.send_due(10)
    assert "ویدیو در آپارات: https://www.aparat.com/v/abc12" in bot.posted[0]["caption"]


def test_email_channels_get_no_video_file(world):
    from hamafza.distribution.models import Channel

    item, _video = video_item(world["A"])
    message = render(item, Channel(kind=Channel.Kind.EMAIL, name="خبرنامه"))
    assert message.video == "" and message.photos == []


def test_a_correction_edits_the_videos_caption(world, bot, channel):
    item, _video = video_item(world["A"])
    worker.send_due(10)
    item.title = "افتتاح پل کارون (اصلاح‌شده)"
    item.revision += 1
    item.save()
    item_corrected.send(sender=NewsItem, item=item, note="اصلاح تیتر")
    worker.send_due(10)
    assert bot.refused == []
    assert bot.posted[-1]["method"] == "editMessageCaption" and "اصلاح‌شده" in bot.posted[-1]["caption"]
    assert Delivery.objects.get(item=item, action=A.EDIT).state == St.SENT
