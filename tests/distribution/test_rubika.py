"""Rubika through its Bot API, against the local fake (tests/fakes/messengers.py,
FakeRubikaServer): the same outbox, retries, limits, corrections (edit), withdrawals (delete) and per-channel state as the others."""

import pytest

from hamafza.distribution import actions, worker
from hamafza.distribution.adapters import Permanent
from hamafza.distribution.adapters.rubika import RubikaAdapter
from hamafza.distribution.formatting import Message
from hamafza.distribution.models import Delivery, TokenPause
from tests import factories
from tests.distribution import workflow

from .conftest import RUBIKA_TOKEN, make_channel, make_image
from .test_corrections import LONG_BODY, correct

pytestmark = pytest.mark.django_db
A, St = Delivery.Action, Delivery.State


@pytest.fixture
def channel(world):
    return make_channel(world["A"], kind="rubika", chat_id="c0hzrubika", token=RUBIKA_TOKEN)


def only(item, action=A.CREATE) -> Delivery:
    return Delivery.objects.get(item=item, action=action)


def test_a_text_item_is_sent_as_plain_text(world, rubika, channel):
    item = factories.make_item(world["A"], title="افتتاح پل کارون")
    assert worker.send_due(10) == 1
    d = only(item)
    assert d.state == St.SENT and d.attempts == 1
    [post] = rubika.posted
    assert post["method"] == "sendMessage" and "افتتاح پل کارون" in post["text"] and "<b>" not in post["text"]
    assert d.remote_ids == [str(post["message_id"])]
    assert rubika.requests[0]["platform"] == "rubika"


def test_a_photo_goes_request_upload_send_with_the_text_within_the_file_limit(world, rubika, channel):
    item = factories.make_item(world["A"], body=LONG_BODY, main_image=make_image(world["A"]))
    worker.send_due(10)
    assert [r["method"] for r in rubika.requests] == ["requestSendFile", "sendFile"]
    [post] = rubika.posted
    assert post["method"] == "sendFile" and post["files"][0] in rubika.uploads
    assert len(post["text"].encode("utf-16-le")) // 2 <= 1024 and "ادامه خبر" in post["text"]
    assert only(item).state == St.SENT and rubika.refused == []


def test_a_correction_edits_and_an_unpublish_deletes(world, rubika, channel):
    item = factories.make_item(world["A"], title="عنوان نخست")
    worker.send_due(10)
    correct(item, title="عنوان درست")
    worker.send_due(10)
    assert only(item, A.EDIT).state == St.SENT
    live = list(rubika.messages.values())
    assert len(live) == 1 and "عنوان درست" in live[0]["text"]
    workflow.unpublish_item(item, reason="نادرست")
    worker.send_due(10)
    assert only(item, A.DELETE).state == St.SENT and rubika.messages == {}
    assert [t["method"] for t in rubika.touched] == ["editMessageText", "deleteMessage"]


def test_removing_the_photo_replaces_the_post(world, rubika, channel):
    item = factories.make_item(world["A"], title="پل", main_image=make_image(world["A"]))
    worker.send_due(10)
    correct(item, main_image=None)
    worker.send_due(10)
    edit = only(item, A.EDIT)
    assert edit.state == St.SENT and edit.replaced_parent
    [m] = rubika.messages.values()
    assert not m["photo"] and rubika.refused == []


def test_a_wrong_token_fails_the_channel_with_a_persian_message(world, rubika):
    ch = make_channel(world["A"], kind="rubika", chat_id="c0hzrubika", token="WRONGTOKEN0123456789abcdefgh")
    item = factories.make_item(world["A"])
    worker.send_due(10)
    d = only(item)
    assert d.state == St.FAILED and "توکن" in d.last_error and "INVALID_ACCESS" in d.last_error
    ch.refresh_from_db()
    assert ch.failures_in_row == 1 and rubika.posted == []


def test_429_pauses_the_token_and_500_is_retried(world, rubika, channel):
    rubika.script("sendMessage", "429")
    item = factories.make_item(world["A"])
    worker.send_due(10)
    assert only(item).state == St.PAUSED and TokenPause.objects.filter(key=channel.rate_key).exists()
    TokenPause.objects.all().delete()
    Delivery.objects.filter(pk=only(item).pk).update(next_attempt_at=None, state=St.RETRYING)
    Delivery.objects.filter(pk=only(item).pk).update(next_attempt_at=only(item).created_at)
    rubika.script("sendMessage", "502")
    worker.send_due(10)
    assert only(item).state == St.RETRYING and "خطای سرور روبیکا" in only(item).last_error


def test_a_hung_request_is_unknown_never_retried_blindly(world, rubika, channel, settings):
    rubika.script("sendMessage", "hang")
    item = factories.make_item(world["A"])
    worker.send_due(10)
    assert only(item).state == St.UNKNOWN and rubika.posted == []


def test_the_adapter_refuses_what_rubika_refuses(world, rubika, channel, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "READ_TIMEOUT": 10.0}  # a loaded machine: no false hang
    adapter = RubikaAdapter.for_channel(channel)
    with pytest.raises(Permanent) as exc:
        adapter.send(Message(format="plain", text="آ" * 4097))
    assert exc.value.description == "INVALID_INPUT"
    member = make_channel(world["A"], kind="rubika", chat_id="c0notadmin", token=RUBIKA_TOKEN, default=False)
    with pytest.raises(Permanent) as exc:
        RubikaAdapter.for_channel(member).send(Message(format="plain", text="سلام"))
    assert "مدیر" in exc.value.message
    assert len(rubika.refused) == 1  # the long text; the other was refused for the chat


def test_the_connection_test_reads_get_me(world, rubika, channel, personas=None):
    from tests.personas import make_user
    from hamafza.accounts.models import Membership

    head = make_user("rubika_head")
    Membership.objects.create(user=head, agency=world["A"], role=Membership.Role.HEAD)
    ok, message = actions.do_test_channel(head, channel, post=True)
    assert ok and "hz_bot" in message and rubika.posted[0]["method"] == "sendMessage"


def test_an_unknown_send_marked_sent_with_a_link_keeps_the_link_and_corrections_come_as_new_posts(world, rubika, channel):
    from tests.personas import make_user
    from hamafza.accounts.models import Membership

    head = make_user("rubika_head2")
    Membership.objects.create(user=head, agency=world["A"], role=Membership.Role.HEAD)
    rubika.script("sendMessage", "late")
    item = factories.make_item(world["A"], title="خبر دیرآمده")
    worker.send_due(10)
    d = only(item)
    assert d.state == St.UNKNOWN
    actions.do_mark(head, d, actions.SENT, link="https://rubika.ir/hz_channel/ABCDEF")
    d.refresh_from_db()
    assert d.state == St.SENT and d.permalink == "https://rubika.ir/hz_channel/ABCDEF" and d.remote_ids == []
    correct(item, title="خبر دیرآمده (اصلاح)")
    worker.send_due(10)
    assert only(item, A.EDIT).state == St.SENT
    assert rubika.posted[-1]["text"].startswith("اصلاحیه")


def test_if_rubika_refuses_the_image_the_text_goes_with_its_link_and_the_record_says_so(world, rubika, channel):
    rubika.script("requestSendFile", "400:INVALID_INPUT")
    item = factories.make_item(world["A"], main_image=make_image(world["A"]))
    worker.send_due(10)
    d = only(item)
    assert d.state == St.SENT and "بی‌تصویر" in d.remark
    [post] = rubika.posted
    assert post["method"] == "sendMessage" and f"/n/{item.pk}" in post["text"]
