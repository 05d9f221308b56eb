"""A live event's channels through the distribution outbox: faster than a chat allows, updates
are coalesced into one message per free slot (never queued for an hour), the newest status
wins, and the platform never answers 429."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.distribution import worker
from hamafza.distribution.models import Delivery
from hamafza.live import actions
from hamafza.live.models import BoardEntity
from tests.distribution.conftest import GOOD_TOKEN, make_channel
from tests.fakes.messengers import FakeBotServer


@pytest.fixture
def limited_bot():
    server = FakeBotServer(tokens=(GOOD_TOKEN,), chat_limit=(20, 60.0)).start()
    yield server
    server.stop()


@pytest.fixture
def channel_settings(settings, limited_bot):
    """The real per-chat interval (3 s: 20 a minute), the sender driven by the test."""
    settings.DISTRIBUTION = {
        "TELEGRAM_BASE_URL": limited_bot.url, "BALE_BASE_URL": limited_bot.url, "EITAA_BASE_URL": limited_bot.url,
        "CONNECT_TIMEOUT": 1.0, "READ_TIMEOUT": 2.0, "CHAT_INTERVAL": 3.0, "TOKEN_INTERVAL": 1 / 30,
        "KICK_ON_COMMIT": False, "SEND_CONCURRENCY": 1,
    }


@pytest.fixture
def fed_event(personas, channel_settings):
    channel = make_channel(personas.own)
    now = timezone.now()
    event = actions.do_open_event(
        personas.own_head, personas.council.pk, title="اربعین ۱۴۰۵", kind="campaign",
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(days=3),
        agency_ids=[personas.own.pk, personas.other.pk], channel_ids=[channel.pk],
    )
    return event


def test_a_single_update_goes_out_at_once(personas, fed_event, limited_bot):
    actions.do_post_update(personas.own_head, fed_event, agency_id=personas.own.pk, kind="border",
                           text="مرز شلمچه باز است.", place="شلمچه")
    assert worker.send_due() == 1
    assert "مرز شلمچه باز است." in limited_bot.texts()[-1] and "/live/" in limited_bot.texts()[-1]


def test_100_updates_in_2_minutes_to_one_chat_no_429_and_the_newest_status_delivered(
        personas, fed_event, limited_bot, time_machine):
    crossing = actions.do_add_entity(personas.secretariat, personas.council.pk, kind=BoardEntity.Kind.CROSSING,
                                     name="مرز شلمچه", agency_id=personas.own.pk, event_id=fed_event.pk)
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    for n in range(100):  # one every 1.2 s, from two agencies, with the crossing's wait changing
        time_machine.shift(1.2)
        if n % 2:
            actions.do_set_status(personas.own_staff, crossing, state="open", wait_minutes=n)
        else:
            agency = personas.own if n % 4 == 0 else personas.other
            head = personas.own_head if agency == personas.own else personas.other_head
            actions.do_post_update(head, fed_event, agency_id=agency.pk, kind="traffic", text=f"به‌روزرسانی شمارهٔ {n}")
        worker.send_due()
    for _ in range(3):  # the last bulletin waits for the chat's next slot
        time_machine.shift(3.1)
        worker.send_due()

    texts = limited_bot.texts()
    assert limited_bot.throttled == [] and not any(r.get("behaviour", "").startswith("429") for r in limited_bot.requests)
    assert 20 <= len(texts) <= 41  # 120 s at one message per 3 s, not 100 messages
    assert not Delivery.objects.filter(state__in=Delivery.DUE_STATES).exists()
    assert "زمان انتظار حدود ۹۹ دقیقه" in texts[-1]  # the newest status wins
    assert all(text.count("وضعیت مرز شلمچه") <= 1 for text in texts)  # each bulletin names it once
    delivered = "\n".join(texts)
    assert all(f"به‌روزرسانی شمارهٔ {n}" in delivered for n in range(0, 100, 2))  # coalesced, none lost
    assert len(limited_bot.chat_sends["@hz_test"]) <= 20  # within the last minute, as the platform counts


def test_a_withdrawn_update_drops_out_of_the_waiting_bulletin(personas, fed_event, limited_bot):
    first = actions.do_post_update(personas.own_head, fed_event, agency_id=personas.own.pk, kind="border", text="نخستین")
    assert worker.send_due() == 1
    second = actions.do_post_update(personas.own_head, fed_event, agency_id=personas.own.pk, kind="border", text="دومی نادرست")
    actions.do_post_update(personas.own_head, fed_event, agency_id=personas.own.pk, kind="border", text="سومی")
    actions.do_withdraw_update(personas.own_head, second)
    actions.do_correct_update(personas.own_head, first, kind="border", text="نخستین اصلاح‌شده")
    waiting = Delivery.objects.get(state=Delivery.State.QUEUED)
    assert "دومی نادرست" not in waiting.payload["text"] and "سومی" in waiting.payload["text"]
    assert "نخستین اصلاح‌شده" in waiting.payload["text"] and "اصلاح‌شده" in waiting.payload["text"]


# ------------------------------------------------------------------ photos
def _photo_update(personas, event, text, photo=None):
    from tests.distribution.conftest import make_image

    image = make_image(personas.own, photo) if photo else None
    return actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="border", text=text,
                                  image_id=image.pk if image else None), image


def test_an_update_with_a_photo_goes_as_a_photo_with_the_bulletin_as_its_caption(personas, fed_event, limited_bot):
    _update, image = _photo_update(personas, fed_event, "صف خودروها در شلمچه", "queue.jpg")
    assert worker.send_due() == 1
    post = limited_bot.posted[-1]
    assert post["method"] == "sendPhoto" and "صف خودروها در شلمچه" in post["caption"] and "/live/" in post["caption"]
    assert Delivery.objects.get().payload["photos"] == [image.file.name]


def test_a_coalesced_bulletin_takes_the_newest_photo_and_a_withdrawn_one_drops_out(personas, fed_event, limited_bot):
    _photo_update(personas, fed_event, "نخستین")
    assert worker.send_due() == 1  # the chat's slot is taken: what follows waits and is coalesced
    _older, older_image = _photo_update(personas, fed_event, "عکس قدیمی‌تر", "old.jpg")
    newer, newer_image = _photo_update(personas, fed_event, "عکس تازه‌تر", "new.jpg")
    _photo_update(personas, fed_event, "بی‌عکس، تازه‌ترین")
    waiting = Delivery.objects.get(state__in=Delivery.DUE_STATES)
    assert waiting.payload["photos"] == [newer_image.file.name]  # the newest photo, one only
    assert "عکس قدیمی‌تر" in waiting.payload["text"] and "بی‌عکس، تازه‌ترین" in waiting.payload["text"]
    actions.do_withdraw_update(personas.own_head, newer)
    waiting.refresh_from_db()
    assert waiting.payload["photos"] == [older_image.file.name]  # a withdrawn update's photo never goes out


def test_a_bulletin_too_long_for_a_caption_goes_as_text_without_the_photo(personas, fed_event, limited_bot, time_machine):
    _photo_update(personas, fed_event, "نخستین")
    assert worker.send_due() == 1
    _photo_update(personas, fed_event, "عکس", "p.jpg")
    for n in range(8):  # eight long lines: more than a 1,024-character caption holds
        _photo_update(personas, fed_event, f"خط بلند شمارهٔ {n} " + "ترافیک سنگین در محور اهواز خرمشهر " * 4)
    waiting = Delivery.objects.get(state__in=Delivery.DUE_STATES)
    assert waiting.payload["photos"] == [] and "به‌روزرسانی دیگر" not in waiting.payload["text"]
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=4), tick=False)
    assert worker.send_due() == 1
    post = limited_bot.posted[-1]
    assert post["method"] == "sendMessage" and all(f"خط بلند شمارهٔ {n}" in post["text"] for n in range(8))
