"""Sandbox channels: the exact message each platform would receive, through the same outbox,
worker, edits and deletes as a real channel, failing where the platform would fail."""

import pytest

from hamafza.distribution import sandbox, worker
from hamafza.distribution.adapters import sandbox_platform
from hamafza.distribution.models import Delivery, SandboxMessage
from tests import factories
from tests.distribution import workflow

from .conftest import add_gallery, make_channel, make_image
from .test_corrections import LONG_BODY, correct

pytestmark = pytest.mark.django_db
A, St = Delivery.Action, Delivery.State


def sandbox_channel(agency, platform):
    return make_channel(agency, kind="sandbox", chat_id="", token="", sandbox_platform=platform,
                        name=f"sandbox {platform}")


def messages(channel):
    return list(SandboxMessage.objects.filter(channel=channel).order_by("message_id"))


@pytest.mark.parametrize("platform", ["telegram", "bale", "eitaa", "rubika", "email"])
def test_each_platform_records_the_message_it_would_get(world, platform):
    ch = sandbox_channel(world["A"], platform)
    item = factories.make_item(world["A"], title="افتتاح پل کارون")
    assert worker.send_due(10) == 1
    d = Delivery.objects.get(item=item, channel=ch)
    assert d.state == St.SENT, d.last_error
    [m] = messages(ch)
    assert [str(m.message_id)] == [str(i) for i in d.remote_ids]
    assert "افتتاح پل کارون" in m.plain
    if platform in ("telegram", "bale"):
        assert m.format == "HTML" and "<b>افتتاح پل کارون</b>" in m.text
        assert {"type": "bold"} .items() <= m.entities[0].items()
        start, length = m.entities[0]["offset"], m.entities[0]["length"]
        units = m.plain.encode("utf-16-le")[start * 2:(start + length) * 2].decode("utf-16-le")
        assert units == "افتتاح پل کارون"
    elif platform == "email":
        assert m.method == "email" and m.subject
    else:
        assert m.format == "" and "<b>" not in m.text


def test_album_on_telegram_one_photo_on_eitaa_and_rubika(world):
    tg = sandbox_channel(world["A"], "telegram")
    ei = sandbox_channel(world["A"], "eitaa")
    ru = sandbox_channel(world["A"], "rubika")
    item = factories.make_item(world["A"], published=False, main_image=make_image(world["A"]))
    add_gallery(item, world["A"], 2)
    workflow.publish_item(item)
    worker.send_due(10)
    album = messages(tg)
    assert album[0].method == "sendMediaGroup" and len(album[0].photos) == 3 and len(album) == 3
    assert Delivery.objects.get(item=item, channel=tg).remote_ids == [m.message_id for m in album]
    assert [m.method for m in messages(ei)] == ["sendFile"] and len(messages(ei)[0].photos) == 1
    assert [m.method for m in messages(ru)] == ["sendFile"] and len(messages(ru)[0].photos) == 1


def test_a_caption_stays_within_the_platform_limit(world):
    ch = sandbox_channel(world["A"], "bale")
    factories.make_item(world["A"], body=LONG_BODY, main_image=make_image(world["A"]))
    worker.send_due(10)
    [m] = messages(ch)
    assert sandbox.utf16(m.plain) <= 1024 and "ادامه خبر" in m.plain


def test_the_sandbox_refuses_what_the_platform_refuses(world):
    ch = sandbox_channel(world["A"], "telegram")
    with pytest.raises(Exception) as exc:
        sandbox_platform.handle(ch, "sendMessage", {"text": "آ" * 4097})
    assert "بلندتر" in str(exc.value)
    with pytest.raises(Exception) as exc:
        sandbox_platform.handle(ch, "sendMessage", {"text": "<b>باز", "parse_mode": "HTML"})
    assert "قالب‌بندی" in str(exc.value)
    with pytest.raises(Exception):
        sandbox_platform.handle(ch, "sendMediaGroup", {"media": "[" + ",".join(['{"type":"photo"}'] * 11) + "]"})
    ru = sandbox_channel(world["A"], "rubika")
    with pytest.raises(Exception) as exc:
        sandbox_platform.handle(ru, "sendMessage", {"text": "آ" * 4097})
    assert "INVALID_INPUT" in str(exc.value)


def test_a_too_long_override_fails_the_delivery_like_the_platform(world, settings):
    ch = sandbox_channel(world["A"], "telegram")
    # The renderer cuts to the channel's limit; a channel whose stored limit is wrong is refused
    # by the sandbox exactly as the platform would refuse it.
    ch.__class__.objects.filter(pk=ch.pk).update(text_limit=9000)
    factories.make_item(world["A"], body=LONG_BODY * 3)
    worker.send_due(10)
    d = Delivery.objects.get(channel=ch)
    assert d.state == St.FAILED and "بلندتر" in d.last_error and not messages(ch)


def test_corrections_edit_and_unpublish_deletes_in_the_sandbox(world):
    tg = sandbox_channel(world["A"], "telegram")
    ei = sandbox_channel(world["A"], "eitaa")
    item = factories.make_item(world["A"], title="عنوان نخست")
    worker.send_due(10)
    correct(item, title="عنوان درست")
    worker.send_due(10)
    [m] = messages(tg)
    assert "عنوان درست" in m.plain and m.edits and "عنوان نخست" in m.edits[0]["text"]
    assert [x.reply_to for x in messages(ei)][1] == messages(ei)[0].message_id  # Eitaa: a reply
    workflow.unpublish_item(item, reason="نادرست")
    worker.send_due(10)
    m.refresh_from_db()
    assert m.deleted_at is not None
    assert Delivery.objects.get(item=item, channel=tg, action=A.DELETE).state == St.SENT


def test_visible_html_is_escaped_and_keeps_bold():
    m = SandboxMessage(plain="<script>ب</script> عنوان", entities=[{"type": "bold", "offset": 19, "length": 5}])
    out = sandbox.visible_html(m)
    assert "<script>" not in out and "<b>عنوان</b>" in out


# --- the workspace's preview --------------------------------------------------------------------

def test_staff_see_their_sandbox_as_the_platform_draws_it_and_not_anothers(client, personas):
    from django.urls import reverse

    from tests.personas import sign_in_verified

    own = sandbox_channel(personas.own, "bale")
    other = sandbox_channel(personas.other, "rubika")
    factories.make_item(personas.own, title="پل <کارون> & جاده")
    worker.send_due(10)
    sign_in_verified(client, personas.own_staff)
    page = client.get(reverse("workspace:distribution:sandbox", args=[own.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "sandbox-bale" in html
    assert "<b>پل &lt;کارون&gt; &amp; جاده</b>" in html  # the entity drawn, the text escaped
    d = Delivery.objects.get(channel=own)
    assert d.permalink.endswith(f"/sandbox/#m{d.remote_ids[0]}")
    assert client.get(reverse("workspace:distribution:sandbox", args=[other.pk])).status_code == 404
    real = make_channel(personas.own, chat_id="@hz_real")
    assert client.get(reverse("workspace:distribution:sandbox", args=[real.pk])).status_code == 404
    assert client.get("/workspace/distribution/channels/99999999999999999999/sandbox/").status_code == 404
