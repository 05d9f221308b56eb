"""A person's verdict on an `unknown` delivery: «sent» (with the post's link, or without),
«not sent, don't send», and «not sent, send again» — offered only once the platform can no
longer deliver the hung request, and never for an item that is no longer published."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hamafza.audit.models import AuditEvent
from hamafza.distribution import actions, links, worker
from hamafza.distribution.models import Channel, Delivery
from tests.distribution import workflow
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected
from tests import factories
from tests.personas import sign_in_verified

from .conftest import make_channel

pytestmark = pytest.mark.django_db
A, St = Delivery.Action, Delivery.State


@pytest.fixture
def own_channel(personas):
    return make_channel(personas.own, name="کانال تلگرام راه")


def hung_send(bot, item) -> Delivery:
    """The first send's answer never comes, but the platform posts it (as it did at 60 s)."""
    bot.script("sendMessage", "hang")
    worker.send_due(10)
    d = Delivery.objects.get(item=item, action=A.CREATE)
    assert d.state == St.UNKNOWN
    return d


def late_post(bot, text="پیام دیرهنگام") -> int:
    """What the platform finally posted for the hung request (the fake logs only answered ones)."""
    mid = bot._new_id()
    bot.messages[("@hz_test", mid)] = {"text": text, "photo": False}
    return mid


def correct(item, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.revision += 1
    item.save()
    item_corrected.send(sender=NewsItem, item=item, note="")


def test_marked_sent_with_the_posts_link_corrections_and_withdrawal_reach_that_post(personas, bot, own_channel):
    item = factories.make_item(personas.own, title="تیتر نخست")
    d = hung_send(bot, item)
    mid = late_post(bot)
    reply = actions.do_mark(personas.own_staff, d, actions.SENT, link=f"https://t.me/hz_test/{mid}")
    d.refresh_from_db()
    assert d.state == St.SENT and d.remote_ids == [mid] and "پیام تازه" not in reply
    correct(item, title="تیتر درست")
    worker.send_due(10)
    assert bot.posted[-1]["method"] == "editMessageText" and bot.posted[-1]["message_id"] == mid
    workflow.unpublish_item(item)
    worker.send_due(10)
    assert Delivery.objects.get(item=item, action=A.DELETE).state == St.SENT
    assert bot.messages == {}  # the withdrawn item is gone from the channel


def test_marked_sent_without_a_link_corrections_come_as_new_posts_as_the_person_was_told(personas, bot, own_channel):
    item = factories.make_item(personas.own, title="تیتر نخست")
    d = hung_send(bot, item)
    reply = actions.do_mark(personas.own_staff, d, actions.SENT)
    assert "پیام تازه" in reply
    correct(item, title="تیتر درست")
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=A.EDIT)
    assert edit.state == St.SENT and "پیام تازه" in edit.remark
    assert bot.posted[-1]["method"] == "sendMessage" and "اصلاحیه" in bot.posted[-1]["text"]
    assert bot.posted[-1]["reply_to"] is None
    workflow.unpublish_item(item, reason="تکراری")
    worker.send_due(10)
    assert Delivery.objects.get(item=item, action=A.DELETE).state == St.SENT
    assert "از انتشار خارج شد" in bot.posted[-1]["text"]


def test_a_link_of_another_channel_is_refused_in_persian(personas, bot, own_channel):
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    with pytest.raises(actions.DistributionError, match="کانال دیگری"):
        actions.do_mark(personas.own_staff, d, actions.SENT, link="https://t.me/someone_else/5")
    with pytest.raises(actions.DistributionError, match="تلگرام"):
        actions.do_mark(personas.own_staff, d, actions.SENT, link="https://ble.ir/hz_test/5")
    d.refresh_from_db()
    assert d.state == St.UNKNOWN


@pytest.mark.parametrize("kind,chat,link,expected", [
    ("telegram", "@hz_test", "https://t.me/hz_test/42", 42),
    ("telegram", "@hz_test", "https://telegram.me/HZ_TEST/43/", 43),
    ("telegram", "-1001234567890", "https://t.me/c/1234567890/44", 44),
    ("bale", "@hz_test", "https://ble.ir/hz_test/45", 45),
    ("eitaa", "@hz_test", "https://eitaa.com/hz_test/46", 46),
])
def test_post_links_of_every_platform_give_the_message_id(kind, chat, link, expected):
    channel = Channel(kind=kind, chat_id=chat, name="x", public_username=chat.lstrip("@") if chat.startswith("@") else "")
    assert links.message_id(channel, link) == expected


def test_resend_waits_out_the_platforms_late_delivery_window(personas, bot, own_channel, clock, client, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "TELEGRAM_LATE_DELIVERY": 180.0}
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    sign_in_verified(client, personas.own_staff)
    page = client.get(reverse("workspace:distribution:item", args=[item.pk])).content.decode()
    assert "ارسال نشد؛ نفرست" in page and "ارسال نشد؛ دوباره بفرست" not in page
    assert "در دسترس است" in page  # and when it will be
    clock.shift(54)  # the probe pressed it at 54 s and the platform delivered at 60 s
    with pytest.raises(actions.DistributionError, match="پیام تکراری"):
        actions.do_mark(personas.own_staff, d, actions.RESEND)
    clock.shift(130)
    page = client.get(reverse("workspace:distribution:item", args=[item.pk])).content.decode()
    assert "ارسال نشد؛ دوباره بفرست" in page
    actions.do_mark(personas.own_staff, d, actions.RESEND)
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.SENT


def test_not_sent_dont_send_cancels_it_and_its_follow_ups(personas, bot, own_channel):
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    workflow.unpublish_item(item)
    actions.do_mark(personas.own_staff, d, actions.DROP)
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.CANCELLED
    assert Delivery.objects.get(item=item, action=A.DELETE).state == St.CANCELLED
    assert bot.posted == []


def test_an_unpublished_item_is_never_resent(personas, bot, own_channel, clock):
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    workflow.unpublish_item(item)
    clock.shift(3600)
    with pytest.raises(actions.DistributionError, match="منتشرشده نیست"):
        actions.do_mark(personas.own_staff, d, actions.RESEND)
    # Even a send put back in the queue by other means is checked when the sender takes it.
    Delivery.objects.filter(pk=d.pk).update(state=St.QUEUED, next_attempt_at=d.created_at)
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.CANCELLED and bot.posted == []


def test_verdicts_check_the_policy_and_are_audited_with_the_council(personas, bot, own_channel):
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    with pytest.raises(PermissionDenied):
        actions.do_mark(personas.other_head, d, actions.SENT)
    with pytest.raises(PermissionDenied):
        actions.do_retry(personas.observer, d)
    actions.do_mark(personas.own_head, d, actions.DROP)
    event = AuditEvent.objects.get(action="delivery.marked_not_sent_drop")
    assert event.council_id == personas.council.pk and event.agency_id == personas.own.pk


def test_the_verdict_forms_keep_what_was_typed_out_of_a_500(personas, bot, own_channel, client):
    item = factories.make_item(personas.own)
    d = hung_send(bot, item)
    sign_in_verified(client, personas.own_staff)
    url = reverse("workspace:distribution:mark", args=[d.pk])
    for data in ({"verdict": "sent", "link": "https://t.me/hz_test/" + "9" * 40}, {"verdict": "what"},
                 {"verdict": "sent", "link": "x" * 600}):
        assert client.post(url, data).status_code == 302
    d.refresh_from_db()
    assert d.state == St.UNKNOWN


def test_late_window_is_per_adapter(personas, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "TELEGRAM_LATE_DELIVERY": 100.0, "EITAA_LATE_DELIVERY": 400.0}
    telegram = make_channel(personas.own, chat_id="@a_chan")
    eitaa = make_channel(personas.own, kind="eitaa", chat_id="@b_chan")
    item = factories.make_item(personas.own)
    now = worker.timezone.now()
    rows = {d.channel_id: d for d in Delivery.objects.filter(item=item)}
    Delivery.objects.filter(item=item).update(state=St.UNKNOWN, sending_started_at=now)
    for d in rows.values():
        d.refresh_from_db()
    assert actions.resend_available_at(rows[telegram.pk]) == now + dt.timedelta(seconds=100)
    assert actions.resend_available_at(rows[eitaa.pk]) == now + dt.timedelta(seconds=400)
