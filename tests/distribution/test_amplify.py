"""Amplifying (another agency republishes an item on its own channels), as the cooperation app
calls it: per-channel text of the republishing agency, a send time, and corrections/unpublishing
of the item reaching the copies."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.distribution import actions, worker
from hamafza.distribution.models import Delivery
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected
from tests import factories

from .conftest import make_channel, make_image
from tests.fakes.messengers import visible_length

St, A = Delivery.State, Delivery.Action
pytestmark = pytest.mark.django_db


@pytest.fixture
def other(world):
    """A channel of agency B, not a default of B (so publishing B's own items does not use it)."""
    return make_channel(world["B"], chat_id="-1001234567890", default=False)


def test_amplify_with_its_own_text_sends_that_text_with_the_quote(world, bot, channel, other, personas):
    item = factories.make_item(world["A"], title="افتتاح پل", lead="لید اصلی خبر.")
    own = "اداره کل ما هم در این افتتاح <همراه> بود & از مردم سپاسگزار است."
    (copy,) = actions.do_amplify(item, [other], personas.other_staff, texts={other.pk: own})
    worker.send_due(10)
    copy.refresh_from_db()
    assert copy.state == St.SENT
    text = next(p["text"] for p in bot.posted if p["chat_id"] == other.chat_id)
    assert "&lt;همراه&gt; بود &amp; از مردم" in text  # escaped, so Telegram accepted it
    assert f"به نقل از روابط عمومی {world['A'].name}،" in text
    assert "<b>افتتاح پل</b>" in text and "لید اصلی خبر" not in text
    # The lead agency's own channel got the item's own text.
    mine = next(p["text"] for p in bot.posted if p["chat_id"] == channel.chat_id)
    assert "لید اصلی خبر" in mine and "به گزارش روابط عمومی" in mine


def test_a_blank_text_means_the_items_own_text_quoted(world, bot, other, personas):
    item = factories.make_item(world["A"], lead="لید اصلی خبر.")
    actions.do_amplify(item, [other], personas.other_staff, texts={other.pk: "   "})
    worker.send_due(10)
    (text,) = [p["text"] for p in bot.posted if p["chat_id"] == other.chat_id]
    assert f"به نقل از روابط عمومی {world['A'].name}، لید اصلی خبر." in text


def test_an_overlong_own_text_is_cut_to_the_caption_limit(world, bot, other, personas):
    item = factories.make_item(world["A"], main_image=make_image(world["A"]))
    own = "این جمله را چند بار می‌نویسیم تا از اندازه بگذرد. " * 80
    actions.do_amplify(item, [other], personas.other_staff, texts={other.pk: own})
    worker.send_due(10)
    (post,) = [p for p in bot.posted if p["chat_id"] == other.chat_id]
    assert post["method"] == "sendPhoto"
    assert visible_length(post["caption"]) <= 1024
    assert "«ادامه خبر»" in post["caption"] and "به نقل از روابط عمومی" in post["caption"]


def test_amplify_at_a_later_time_is_not_sent_before_then(world, bot, other, personas, clock):
    item = factories.make_item(world["A"])
    at = timezone.now() + dt.timedelta(minutes=30)
    (copy,) = actions.do_amplify(item, [other], personas.other_staff, at=at)
    assert copy.next_attempt_at == at
    assert worker.send_due(10) == 0
    clock.shift(dt.timedelta(minutes=29))
    assert worker.send_due(10) == 0 and not [p for p in bot.posted if p["chat_id"] == other.chat_id]
    clock.shift(dt.timedelta(minutes=1, seconds=1))
    assert worker.send_due(10) == 1
    copy.refresh_from_db()
    assert copy.state == St.SENT


def test_a_time_in_the_past_means_now(world, bot, other, personas):
    item = factories.make_item(world["A"])
    (copy,) = actions.do_amplify(item, [other], personas.other_staff, at=timezone.now() - dt.timedelta(hours=1))
    assert worker.send_due(10) == 1 and Delivery.objects.get(pk=copy.pk).state == St.SENT


def test_a_correction_edits_the_copy_keeping_its_own_text_and_the_quote(world, bot, other, personas):
    item = factories.make_item(world["A"], title="عنوان نخست")
    actions.do_amplify(item, [other], personas.other_staff, texts={other.pk: "متن ویژهٔ اداره کل ما."})
    worker.send_due(10)
    item.title = "عنوان درست"
    item.save()
    item_corrected.send(sender=NewsItem, item=item, note="")
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, channel=other, action=A.EDIT)
    assert edit.state == St.SENT
    (edited,) = [p for p in bot.posted if p["chat_id"] == other.chat_id and p["method"] == "editMessageText"]
    assert "<b>عنوان درست</b>" in edited["text"] and "متن ویژهٔ اداره کل ما." in edited["text"]
    assert f"به نقل از روابط عمومی {world['A'].name}،" in edited["text"]


def test_unpublishing_before_a_later_copy_is_due_cancels_it(world, bot, other, personas, clock):
    item = factories.make_item(world["A"])
    (copy,) = actions.do_amplify(item, [other], personas.other_staff, at=timezone.now() + dt.timedelta(minutes=5))
    item_corrected.send(sender=NewsItem, item=item, note="")  # a correction before it is due …
    copy.refresh_from_db()
    assert "به نقل از روابط عمومی" in copy.payload["text"]  # … rewrites it, still quoted
    factories.unpublish_item(item)
    clock.shift(dt.timedelta(minutes=6))
    worker.send_due(10)
    copy.refresh_from_db()
    assert copy.state == St.CANCELLED
    assert not [p for p in bot.posted if p["chat_id"] == other.chat_id]
