"""Sending through the Bot API shape against the local fake: every outcome the platforms give."""

import re

import pytest
from django.core.files.storage import default_storage

from hamafza.distribution import worker
from hamafza.distribution.models import Delivery, TokenPause
from tests import factories
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)

from .conftest import add_gallery, make_channel, make_image

St = Delivery.State
pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


def publish(agency, **fields):
    return factories.make_item(agency, **fields)


def only_delivery(item) -> Delivery:
    return Delivery.objects.get(item=item)


def test_it_sends_text(world, bot, channel):
    item = publish(world["A"], title="افتتاح پل کارون")
    assert worker.send_due(10) == 1
    d = only_delivery(item)
    assert d.state == St.SENT and d.attempts == 1 and d.last_error == ""
    assert d.remote_ids == [bot.posted[0]["message_id"]]
    assert d.permalink == f"https://t.me/hz_test/{d.remote_ids[0]}"
    assert "<b>افتتاح پل کارون</b>" in bot.posted[0]["text"]
    assert "به گزارش روابط عمومی" in bot.posted[0]["text"]


def test_it_sends_a_photo_with_caption(world, bot, channel):
    item = publish(world["A"], main_image=make_image(world["A"]))
    worker.send_due(10)
    assert bot.posted[0]["method"] == "sendPhoto" and bot.posted[0]["files"] == ["photo"]
    assert only_delivery(item).state == St.SENT


def test_it_sends_an_album_and_keeps_every_message_id(world, bot, channel):
    item = factories.make_item(world["A"], published=False, main_image=make_image(world["A"]))
    add_gallery(item, world["A"], 2)
    factories.publish_item(item)
    worker.send_due(10)
    posted = bot.posted[0]
    assert posted["method"] == "sendMediaGroup" and len(posted["ids"]) == 3
    assert only_delivery(item).remote_ids == posted["ids"]


def test_429_pauses_the_token_for_retry_after_and_then_sends(world, bot, channel, clock):
    bot.script("sendMessage", "429:7")
    item = publish(world["A"])
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.PAUSED
    pause = TokenPause.objects.get(key=channel.rate_key)
    assert 6 <= (pause.until - d.updated_at).total_seconds() <= 8
    assert worker.send_due(10) == 0  # still paused, also for a restarted worker (in the database)
    clock.shift(8)
    assert worker.send_due(10) == 1
    assert only_delivery(item).state == St.SENT and len(bot.posted) == 1


def test_400_fails_at_once_with_the_platform_message(world, bot, channel):
    bot.script("sendMessage", "400:Bad Request: chat not found")
    item = publish(world["A"])
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.FAILED and d.attempts == 1
    assert "شناسهٔ کانال" in d.last_error and "chat not found" in d.last_error
    assert worker.send_due(10) == 0 and bot.posted == []


def test_500_then_success_retries_with_backoff(world, bot, channel, clock):
    bot.script("sendMessage", "500", "502")
    item = publish(world["A"])
    worker.send_due(10)
    assert only_delivery(item).state == St.RETRYING
    clock.shift(1)
    worker.send_due(10)
    assert only_delivery(item).state == St.RETRYING
    clock.shift(1)
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.SENT and d.attempts == 3 and len(bot.posted) == 1


def test_backoff_grows_and_has_jitter(settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "BACKOFF_BASE": 10.0, "BACKOFF_MAX": 3600.0}
    delays = [worker.backoff(n) for n in (1, 2, 3, 4)]
    assert 7.5 <= delays[0] <= 12.5 and 60 <= delays[3] <= 100
    assert len({round(worker.backoff(2), 6) for _ in range(5)}) > 1


def test_a_response_that_never_comes_is_unknown_and_never_retried(world, bot, channel, clock):
    bot.script("sendMessage", "hang")
    item = publish(world["A"])
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.UNKNOWN and "شاید پیام فرستاده شده باشد" in d.last_error
    clock.shift(3600)
    assert worker.send_due(10) == 0
    assert len([r for r in bot.requests if r["method"] == "sendMessage"]) == 1


def test_a_dead_worker_leaves_sending_which_becomes_unknown(world, bot, channel, clock):
    item = publish(world["A"])
    Delivery.objects.filter(item=item).update(state=St.SENDING, sending_started_at=only_delivery(item).created_at)
    clock.shift(5)
    assert worker.sweep_stale() == 1
    assert only_delivery(item).state == St.UNKNOWN
    assert worker.send_due(10) == 0 and bot.posted == []


def test_a_correction_edits_the_message(world, bot, channel):
    item = publish(world["A"], title="عنوان نخست")
    worker.send_due(10)
    item.title = "عنوان درست"
    item.save()
    from hamafza.newsroom.signals import item_corrected
    from hamafza.newsroom.models import NewsItem

    item_corrected.send(sender=NewsItem, item=item, note="نام پل")
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=Delivery.Action.EDIT)
    assert edit.state == St.SENT
    assert bot.posted[-1]["method"] == "editMessageText" and "عنوان درست" in bot.posted[-1]["text"]


def test_message_not_modified_counts_as_success(world, bot, channel):
    from hamafza.newsroom.models import NewsItem
    from hamafza.newsroom.signals import item_corrected

    item = publish(world["A"])
    worker.send_due(10)
    item_corrected.send(sender=NewsItem, item=item, note="")  # nothing actually changed
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=Delivery.Action.EDIT)
    assert edit.state == St.SENT and edit.last_error == ""
    assert bot.requests[-1]["method"] == "editMessageText"
    assert [p["method"] for p in bot.posted] == ["sendMessage"]  # the server refused the no-op edit


def test_unpublishing_deletes_a_fresh_message(world, bot, channel):
    item = publish(world["A"])
    worker.send_due(10)
    factories.unpublish_item(item, reason="اشتباه در آمار")
    worker.send_due(10)
    d = Delivery.objects.get(item=item, action=Delivery.Action.DELETE)
    assert d.state == St.SENT and bot.posted[-1]["method"] == "deleteMessage"
    assert bot.messages == {}


def test_unpublishing_an_old_message_edits_it_into_a_withdrawal_notice(world, bot, channel, clock):
    item = publish(world["A"])
    worker.send_due(10)
    clock.shift(49 * 3600)
    factories.unpublish_item(item, reason="اشتباه در آمار")
    d = Delivery.objects.get(item=item, action=Delivery.Action.WITHDRAW)
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.SENT
    assert bot.posted[-1]["method"] == "editMessageText" and "از انتشار خارج شد" in bot.posted[-1]["text"]


def test_when_delete_is_refused_it_edits_instead(world, bot, channel):
    item = publish(world["A"])
    worker.send_due(10)
    sent = Delivery.objects.get(item=item)
    bot.messages[("@hz_test", sent.remote_ids[0])]["old"] = True
    factories.unpublish_item(item)
    worker.send_due(10)
    assert Delivery.objects.get(item=item, action=Delivery.Action.DELETE).state == St.SENT
    assert bot.posted[-1]["method"] == "editMessageText"


def test_unpublishing_before_sending_cancels(world, bot, channel):
    item = publish(world["A"])
    factories.unpublish_item(item)
    assert worker.send_due(10) == 0
    assert only_delivery(item).state == St.CANCELLED and bot.posted == []


# --- bad input ---------------------------------------------------------------------------------

def test_a_wrong_token_fails_with_a_persian_message(world, bot):
    make_channel(world["A"], token="999:WRONG")
    item = publish(world["A"])
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.FAILED and "توکن ربات نادرست" in d.last_error and "401" in d.last_error


def test_a_chat_the_bot_is_not_admin_of_fails_with_a_persian_message(world, bot):
    make_channel(world["A"], chat_id="@someone_elses")
    item = publish(world["A"])
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.FAILED and "مدیر کانال" in d.last_error and "403" in d.last_error


def test_an_image_over_10_mb_is_refused_before_sending(world, bot, channel):
    image = make_image(world["A"])
    with default_storage.open(image.file.name, "wb") as fh:
        fh.write(b"\0" * (10 * 1024 * 1024 + 1))
    item = publish(world["A"], main_image=image)
    worker.send_due(10)
    d = only_delivery(item)
    assert d.state == St.FAILED and "۱۰ مگابایت" in d.last_error and not re.search("[0-9]", d.last_error.replace(image.file.name.rsplit("/", 1)[-1], ""))
    assert bot.requests == []
    # Nothing lost: the item is still published and the delivery can be retried after a fix.
    item.refresh_from_db()
    assert item.is_public


def test_a_caption_with_markup_characters_is_escaped(world, bot, channel):
    item = publish(world["A"], title="سود <بیش> از ۲۰٪ & <b>رشد", lead="متن <i>نیمه‌باز و & علامت",
                   main_image=make_image(world["A"]))
    worker.send_due(10)
    assert only_delivery(item).state == St.SENT
    caption = bot.posted[0]["caption"]
    assert "&lt;b&gt;رشد" in caption and "&amp;" in caption


def test_eitaa_sends_and_withdraws_with_a_reply(world, bot):
    make_channel(world["A"], kind="eitaa", chat_id="@hz_test")
    item = publish(world["A"], title="خبر ایتا")
    worker.send_due(10)
    first = only_delivery(item)
    assert first.state == St.SENT and bot.posted[0]["method"] == "sendMessage"
    assert "<b>" not in bot.posted[0]["text"]  # plain text on Eitaa
    assert first.permalink.startswith("https://eitaa.com/hz_test/")
    factories.unpublish_item(item, reason="تکراری")
    worker.send_due(10)
    withdraw = Delivery.objects.get(item=item, action=Delivery.Action.WITHDRAW)
    assert withdraw.state == St.SENT
    assert bot.posted[-1]["reply_to"] == str(first.remote_ids[0]) and "از انتشار خارج شد" in bot.posted[-1]["text"]


def test_a_failure_notifies_the_items_agency(world, bot, personas, settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_channel(world["A"], token="999:WRONG")
    item = publish(world["A"], title="خبری که نرسید")
    worker.send_due(10)
    recipients = {addr for m in mailoutbox for addr in m.to}
    assert {"own_staff@example.ir", "own_head@example.ir"} <= recipients
    assert "other_staff@example.ir" not in recipients
    assert "توکن ربات نادرست" in mailoutbox[0].body and "خبری که نرسید" in mailoutbox[0].body


def test_the_scheduler_job_sweeps_stale_sends_and_enqueues_due_work(world, bot, channel, clock,
                                                                     django_capture_on_commit_callbacks):
    from hamafza.distribution import jobs

    bot.script("sendMessage", "500")
    stale_item, due_item = publish(world["A"]), publish(world["A"])
    Delivery.objects.filter(item=stale_item).update(state=St.SENDING, sending_started_at=only_delivery(stale_item).created_at)
    worker.send_due(10)
    assert only_delivery(due_item).state == St.RETRYING
    clock.shift(5)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.enqueue_due() == "stale=1 due=1"
    assert only_delivery(stale_item).state == St.UNKNOWN
    assert only_delivery(due_item).state == St.SENT  # the enqueued task sent it


def test_the_per_chat_limit_spaces_messages(world, bot, channel, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "CHAT_INTERVAL": 0.3}
    for _ in range(3):
        publish(world["A"])
    assert worker.drain(seconds=5) == 3
    times = [p["at"] for p in bot.posted]
    assert all(b - a >= 0.3 for a, b in zip(times, times[1:]))


def test_amplified_copies_are_corrected_and_withdrawn_with_the_item(world, bot, channel, personas):
    from hamafza.distribution import actions
    from hamafza.newsroom.models import NewsItem
    from hamafza.newsroom.signals import item_corrected

    other = make_channel(world["B"], chat_id="-1001234567890", default=False)
    item = publish(world["A"], title="خبر بازنشری")
    made = actions.do_amplify(item, [other, channel], personas.other_staff)
    assert [d.channel for d in made] == [other]  # B may use only its own channel
    worker.send_due(10)
    copy = Delivery.objects.get(item=item, channel=other)
    assert copy.state == St.SENT and "به نقل از روابط عمومی" in bot.posted[-1]["text"]
    assert copy.permalink == f"https://t.me/c/1234567890/{copy.remote_ids[0]}"
    item.title = "خبر بازنشری (اصلاح‌شده)"
    item.save()
    item_corrected.send(sender=NewsItem, item=item, note="")
    worker.send_due(10)
    assert Delivery.objects.filter(item=item, action=Delivery.Action.EDIT, state=St.SENT).count() == 2
    factories.unpublish_item(item)
    worker.send_due(10)
    assert Delivery.objects.filter(item=item, action=Delivery.Action.DELETE, state=St.SENT).count() == 2
    assert bot.messages == {}


def test_a_busy_chat_does_not_hold_back_other_chats_of_the_same_bot(world, bot, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "CHAT_INTERVAL": 2.0, "TOKEN_INTERVAL": 0.05}
    bot.admin_chats |= {"@hz_a", "@hz_b", "@hz_c"}
    for chat in ("@hz_a", "@hz_b", "@hz_c"):
        make_channel(world["A"], chat_id=chat)
    publish(world["A"])
    assert worker.drain(seconds=1.5) == 3  # three chats, one token: all within a second
    assert sorted(p["chat_id"] for p in bot.posted) == ["@hz_a", "@hz_b", "@hz_c"]
