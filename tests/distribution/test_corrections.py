"""Corrections and withdrawals on the platform: edits within the limits of what they edit, a
change of kind (photo removed or added) replaces the post, a refused edit is never recorded as
sent, a correction racing the first send is not lost, an album deletion resumes where it failed."""

import pytest

from hamafza.distribution import worker
from hamafza.distribution.models import Delivery
from tests.distribution import workflow
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.signals import item_corrected
from tests import factories

from .conftest import add_gallery, make_image
from tests.fakes.messengers import visible_length

pytestmark = pytest.mark.django_db
A, St = Delivery.Action, Delivery.State
LONG_BODY = "".join(f"<p>بند {n}: جملهٔ آزمایشی دربارهٔ پیشرفت کار پل و جاده که خوانندگان کانال می‌خوانند.</p>" for n in range(55))


def correct(item, note="اصلاح", **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.revision += 1
    item.save()
    item_corrected.send(sender=NewsItem, item=item, note=note)


def original(item) -> Delivery:
    return Delivery.objects.get(item=item, action=A.CREATE)


def test_removing_the_photo_replaces_the_post_with_the_whole_text(world, bot, channel):
    item = factories.make_item(world["A"], title="پل کارون", body=LONG_BODY, main_image=make_image(world["A"]))
    worker.send_due(10)
    first = original(item)
    assert bot.posted[0]["method"] == "sendPhoto" and visible_length(bot.posted[0]["caption"]) <= 1024

    correct(item, main_image=None)
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=A.EDIT)
    assert bot.refused == []
    assert edit.state == St.SENT and edit.replaced_parent and "پاک" in edit.remark
    new_post = bot.posted[-1]
    assert new_post["method"] == "sendMessage" and visible_length(new_post["text"]) > 1024  # the whole text, not a caption
    assert [p["method"] for p in bot.posted[1:]] == ["deleteMessage", "sendMessage"]
    assert list(bot.messages) == [("@hz_test", new_post["message_id"])]  # the photo post is gone
    assert edit.remote_ids == [new_post["message_id"]] and first.remote_ids != edit.remote_ids

    # Follow-ups now act on the new post: a second correction edits it, unpublishing deletes it.
    correct(item, title="پل کارون (اصلاح دوم)")
    worker.send_due(10)
    assert bot.posted[-1]["method"] == "editMessageText" and bot.posted[-1]["message_id"] == new_post["message_id"]
    workflow.unpublish_item(item)
    worker.send_due(10)
    assert bot.messages == {} and bot.refused == []


def test_removing_the_photo_of_an_old_post_edits_its_caption_within_the_caption_limit(world, bot, channel, clock):
    item = factories.make_item(world["A"], body=LONG_BODY, main_image=make_image(world["A"]))
    worker.send_due(10)
    clock.shift(49 * 3600)  # too old to delete
    bot.messages[("@hz_test", original(item).remote_ids[0])]["old"] = True
    correct(item, main_image=None, title="عنوان اصلاح‌شده")
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=A.EDIT)
    assert bot.refused == []
    assert bot.posted[-1]["method"] == "editMessageCaption" and visible_length(bot.posted[-1]["caption"]) <= 1024
    assert "عنوان اصلاح‌شده" in bot.posted[-1]["caption"] and "ادامه خبر" in bot.posted[-1]["caption"]
    assert edit.state == St.SENT and not edit.replaced_parent and "تصویر ماند" in edit.remark


def test_adding_a_photo_replaces_a_text_post(world, bot, channel):
    item = factories.make_item(world["A"], title="خبر بی‌تصویر")
    worker.send_due(10)
    correct(item, main_image=make_image(world["A"]))
    worker.send_due(10)
    assert bot.refused == []
    assert [p["method"] for p in bot.posted] == ["sendMessage", "deleteMessage", "sendPhoto"]
    assert Delivery.objects.get(item=item, action=A.EDIT).replaced_parent


def test_a_correction_keeps_a_caption_a_caption(world, bot, channel):
    item = factories.make_item(world["A"], body=LONG_BODY, main_image=make_image(world["A"]))
    worker.send_due(10)
    correct(item, title="تیتر تازه")
    worker.send_due(10)
    assert bot.refused == []
    assert bot.posted[-1]["method"] == "editMessageCaption" and visible_length(bot.posted[-1]["caption"]) <= 1024


def test_a_refused_edit_is_recorded_as_failed_never_as_sent(world, bot, channel):
    item = factories.make_item(world["A"])
    worker.send_due(10)
    bot.script("editMessageText", "400:Bad Request: message can't be edited")
    correct(item, title="تیتر تازه")
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=A.EDIT)
    assert edit.state == St.FAILED and "message can't be edited" in edit.last_error
    assert [p["method"] for p in bot.posted] == ["sendMessage"]  # nothing else was posted in its name


# --- a correction racing the first send ------------------------------------------------------------

def test_a_correction_committed_between_the_read_and_the_claim_is_what_gets_sent(world, bot, channel):
    item = factories.make_item(world["A"], title="تیتر نخست")
    candidates = worker._due(worker.timezone.now(), 10)  # the sender has read the queued delivery
    correct(item, title="تیتر درست")  # … and the correction commits before it claims
    claimed, _blocked = worker._claim_next(worker.timezone.now(), candidates, {})
    assert claimed is None  # the claim made on the stale read is refused
    worker.send_due(10)
    d = original(item)
    assert d.state == St.SENT and "تیتر درست" in d.payload["text"] and d.revision == item.revision
    assert len(bot.posted) == 1 and "تیتر درست" in bot.posted[0]["text"] and "تیتر نخست" not in bot.posted[0]["text"]


def test_a_correction_committed_after_the_claim_follows_as_an_edit(world, bot, channel):
    item = factories.make_item(world["A"], title="تیتر نخست")
    claimed, _blocked = worker._claim_next(worker.timezone.now(), worker._due(worker.timezone.now(), 10), {})
    correct(item, title="تیتر درست")  # the original is `sending`: the correction waits for it
    worker.process(claimed)
    d = original(item)
    assert d.state == St.SENT and "تیتر نخست" in d.payload["text"]  # the record says what was sent
    worker.send_due(10)
    edit = Delivery.objects.get(item=item, action=A.EDIT)
    assert edit.state == St.SENT and edit.revision == item.revision
    assert bot.posted[-1]["method"] == "editMessageText" and "تیتر درست" in bot.posted[-1]["text"]
    assert bot.posted[-1]["message_id"] == d.remote_ids[0]


# --- album deletion ----------------------------------------------------------------------------

def test_a_failed_delete_in_an_album_resumes_from_the_message_that_failed(world, bot, channel, clock):
    item = factories.make_item(world["A"], published=False, main_image=make_image(world["A"]))
    add_gallery(item, world["A"], 2)
    workflow.publish_item(item)
    worker.send_due(10)
    ids = original(item).remote_ids
    assert len(ids) == 3
    bot.script("deleteMessage", "ok", "500")
    workflow.unpublish_item(item)
    worker.send_due(10)
    delete = Delivery.objects.get(item=item, action=A.DELETE)
    assert delete.state == St.RETRYING and delete.progress == {"deleted": ids[:1]}
    clock.shift(1)
    worker.send_due(10)
    delete.refresh_from_db()
    assert delete.state == St.SENT
    asked = [int(r["fields"]["message_id"]) for r in bot.requests if r["method"] == "deleteMessage"]
    assert asked == [ids[0], ids[1], ids[1], ids[2]]
    assert bot.messages == {} and bot.refused == []
