"""Workspace pages of distribution: channels (list, edit, test), the deliveries of an item and
the channel choice; every one checks agency and role on the server."""

import datetime as dt

import pytest
from django.urls import reverse

from hamafza.distribution import worker
from hamafza.distribution.models import Channel, Delivery, ItemChannelChoice
from tests import factories
from tests.personas import sign_in_verified

from .conftest import GOOD_TOKEN, make_channel

pytestmark = pytest.mark.django_db
St = Delivery.State


@pytest.fixture
def own_channel(personas):
    return make_channel(personas.own, name="کانال تلگرام راه و شهرسازی")


@pytest.fixture
def other_channel(personas):
    return make_channel(personas.other, chat_id="@hz_other", token="555:OTHERSECRETTOKEN", name="کانال راهداری")


def as_(client, user):
    sign_in_verified(client, user)
    return client


# --- channels ----------------------------------------------------------------------------------

def test_the_list_shows_own_channels_only_and_never_a_token(client, personas, own_channel, other_channel):
    html = as_(client, personas.own_staff).get(reverse("workspace:distribution:channels")).content.decode()
    assert "کانال تلگرام راه و شهرسازی" in html
    assert "کانال راهداری" not in html and "hz_other" not in html
    assert GOOD_TOKEN not in html and "GOOD" not in html
    assert own_channel.token_hint in html


def test_the_token_is_stored_encrypted(own_channel):
    raw = Channel.objects.filter(pk=own_channel.pk).values_list("token_encrypted", flat=True).get()
    assert GOOD_TOKEN not in raw and own_channel.get_token() == GOOD_TOKEN


def test_another_agencys_channel_is_404(client, personas, other_channel):
    c = as_(client, personas.own_head)
    assert c.get(reverse("workspace:distribution:channel", args=[other_channel.pk])).status_code == 404
    assert c.post(reverse("workspace:distribution:channel_test", args=[other_channel.pk])).status_code == 404


def test_staff_may_not_edit_their_agencys_channel(client, personas, own_channel):
    c = as_(client, personas.own_staff)
    assert c.get(reverse("workspace:distribution:channel", args=[own_channel.pk])).status_code == 403
    assert c.post(reverse("workspace:distribution:channel_test", args=[own_channel.pk])).status_code == 403


def test_a_head_cannot_add_a_channel_to_another_agency(client, personas):
    r = as_(client, personas.own_head).get(reverse("workspace:distribution:channel_new") + f"?agency={personas.other.pk}")
    assert r.status_code == 403


def test_the_head_replaces_the_token_and_a_blank_keeps_it(client, personas, own_channel):
    c = as_(client, personas.own_head)
    url = reverse("workspace:distribution:channel", args=[own_channel.pk])
    form = {"kind": "telegram", "name": "کانال", "chat_id": "@hz_test", "enabled": "on", "token": ""}
    assert c.post(url, form).status_code == 302
    own_channel.refresh_from_db()
    assert own_channel.get_token() == GOOD_TOKEN
    c.post(url, {**form, "token": "777:NEWTOKENVALUE123"})
    own_channel.refresh_from_db()
    assert own_channel.get_token() == "777:NEWTOKENVALUE123"
    html = c.get(url).content.decode()
    assert "NEWTOKENVALUE" not in html and "…E123" in html


def test_bad_channel_input_gets_persian_messages_and_keeps_the_form(client, personas):
    c = as_(client, personas.own_head)
    url = reverse("workspace:distribution:channel_new") + f"?agency={personas.own.pk}"
    r = c.post(url, {"kind": "bale", "name": "کانال نو", "chat_id": "not a chat", "token": "bad"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "شناسهٔ کانال درستی نیست" in html and "بازوی مادر" in html and "کانال نو" in html
    assert not Channel.objects.exists()


def test_test_connection_reports_the_bot(client, personas, own_channel, bot):
    r = as_(client, personas.own_head).post(
        reverse("workspace:distribution:channel_test", args=[own_channel.pk]), {"post": "1"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "hz_bot" in html and "پیام آزمایشی فرستاده شد" in html
    assert bot.posted[0]["chat_id"] == "@hz_test"


def test_test_connection_with_a_wrong_token_says_so(client, personas, bot):
    channel = make_channel(personas.own, token="999:WRONGTOKEN123")
    r = as_(client, personas.own_head).post(reverse("workspace:distribution:channel_test", args=[channel.pk]),
                                            HTTP_HX_REQUEST="true")
    assert "توکن ربات نادرست" in r.content.decode()
    channel.refresh_from_db()
    assert channel.last_test_ok is False


# --- deliveries --------------------------------------------------------------------------------

def test_deliveries_of_an_item_with_retry_and_unknown_verdicts(client, personas, own_channel, bot):
    bot.script("sendMessage", "400:Bad Request: chat not found")
    item = factories.make_item(personas.own)
    worker.send_due(10)
    d = Delivery.objects.get(item=item)
    c = as_(client, personas.own_staff)
    html = c.get(reverse("workspace:distribution:item", args=[item.pk])).content.decode()
    assert "ناموفق" in html and "chat not found" in html
    assert c.post(reverse("workspace:distribution:retry", args=[d.pk])).status_code == 302
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.SENT and len(bot.posted) == 1
    # An unknown one, past the platform's late-delivery window: a person says it did not arrive →
    # sent again, for that channel only.
    Delivery.objects.filter(pk=d.pk).update(state=St.UNKNOWN, sending_started_at=d.created_at - dt.timedelta(hours=1))
    c.post(reverse("workspace:distribution:mark", args=[d.pk]), {"verdict": "not_sent"})
    worker.send_due(10)
    d.refresh_from_db()
    assert d.state == St.SENT and len(bot.posted) == 2


def test_marking_unknown_as_sent_keeps_the_link(client, personas, own_channel):
    item = factories.make_item(personas.own)
    d = Delivery.objects.get(item=item)
    Delivery.objects.filter(pk=d.pk).update(state=St.UNKNOWN)
    c = as_(client, personas.own_staff)
    bad = c.post(reverse("workspace:distribution:mark", args=[d.pk]), {"verdict": "sent", "link": "javascript:alert(1)"})
    assert bad.status_code == 302
    d.refresh_from_db()
    assert d.state == St.UNKNOWN
    c.post(reverse("workspace:distribution:mark", args=[d.pk]), {"verdict": "sent", "link": "https://t.me/hz_test/5"})
    d.refresh_from_db()
    assert d.state == St.SENT and d.permalink == "https://t.me/hz_test/5"


def test_another_agency_cannot_touch_a_delivery(client, personas, own_channel):
    item = factories.make_item(personas.own)
    d = Delivery.objects.get(item=item)
    Delivery.objects.filter(pk=d.pk).update(state=St.FAILED)
    c = as_(client, personas.other_head)
    assert c.post(reverse("workspace:distribution:retry", args=[d.pk])).status_code == 404
    assert c.post(reverse("workspace:distribution:mark", args=[d.pk]), {"verdict": "sent"}).status_code == 404
    html = c.get(reverse("workspace:distribution:item", args=[item.pk])).content.decode()
    assert own_channel.name not in html  # a published item is public, its channels are not
    d.refresh_from_db()
    assert d.state == St.FAILED


def test_observer_sees_nothing_to_change(client, personas, own_channel):
    item = factories.make_item(personas.own)
    d = Delivery.objects.get(item=item)
    assert as_(client, personas.observer).post(reverse("workspace:distribution:retry", args=[d.pk])).status_code == 404


def test_write_views_refuse_get(client, personas, own_channel):
    item = factories.make_item(personas.own)
    d = Delivery.objects.get(item=item)
    c = as_(client, personas.own_head)
    assert c.get(reverse("workspace:distribution:retry", args=[d.pk])).status_code == 405
    assert c.get(reverse("workspace:distribution:channel_test", args=[own_channel.pk])).status_code == 405


def test_anonymous_is_sent_to_sign_in(client, own_channel):
    assert client.get(reverse("workspace:distribution:channels")).status_code == 302


# --- manual channels ---------------------------------------------------------------------------

def test_a_manual_channel_gets_a_kit_and_is_recorded_when_posted(client, personas):
    make_channel(personas.own, kind="manual", chat_id="", token="", name="اینستاگرام", manual_platform="اینستاگرام")
    item = factories.make_item(personas.own, title="خبر دستی")
    assert worker.send_due(10) == 0
    d = Delivery.objects.get(item=item)
    c = as_(client, personas.own_staff)
    html = c.get(reverse("workspace:distribution:item", args=[item.pk])).content.decode()
    assert "بستهٔ آماده برای اینستاگرام" in html and "خبر دستی" in html
    c.post(reverse("workspace:distribution:mark", args=[d.pk]),
           {"verdict": "sent", "link": "https://instagram.com/p/abc"})
    d.refresh_from_db()
    assert d.state == St.SENT and d.permalink == "https://instagram.com/p/abc"


# --- channel choice and preview ----------------------------------------------------------------

def test_the_editor_partial_previews_and_saves_choices(client, personas, own_channel, other_channel):
    item = factories.make_item(personas.own, published=False, title="پیش‌نمایش <آزمون> & ادامه")
    c = as_(client, personas.own_staff)
    url = reverse("workspace:distribution:item_channels", args=[item.pk])
    r = c.get(url, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html
    assert "&lt;آزمون&gt; &amp; ادامه" in html and "کانال راهداری" not in html
    r = c.post(url, {f"override-{own_channel.pk}": "متن ویژه <b>", f"channel-{own_channel.pk}": "1",
                     f"channel-{other_channel.pk}": "1"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    assert list(ItemChannelChoice.objects.filter(item=item).values_list("channel_id", "override_text")) == [
        (own_channel.pk, "متن ویژه <b>")
    ]


def test_another_agency_cannot_choose_channels_of_a_draft(client, personas, own_channel):
    item = factories.make_item(personas.own, published=False)
    url = reverse("workspace:distribution:item_channels", args=[item.pk])
    assert as_(client, personas.other_staff).get(url).status_code == 404


def test_the_secretariat_adds_a_council_channel_and_an_agency_head_cannot(client, personas):
    url = reverse("workspace:distribution:channel_new") + f"?council={personas.council.pk}"
    assert as_(client, personas.own_head).get(url).status_code == 403
    c = as_(client, personas.secretariat)
    r = c.post(url, {"kind": "bale", "name": "کانال بله شورا", "chat_id": "@khz_council", "enabled": "on",
                     "token": "123456:ABCDEFGHIJKLMNOP"})
    assert r.status_code == 302
    channel = Channel.objects.get()
    assert channel.council_id == personas.council.pk and channel.agency_id is None
    assert "کانال بله شورا" in c.get(reverse("workspace:distribution:channels")).content.decode()
    html = as_(client, personas.observer).get(reverse("workspace:distribution:channels")).content.decode()
    assert "کانال بله شورا" in html  # observers read
    assert as_(client, personas.observer).get(reverse("workspace:distribution:channel", args=[channel.pk])).status_code == 403


def test_the_troubles_link_is_shown_only_to_those_who_may_open_it(client, personas, own_channel):
    troubles = reverse("workspace:distribution:troubles")
    for user, may in ((personas.own_head, True), (personas.own_staff, False), (personas.observer, False)):
        client.logout()
        html = as_(client, user).get(reverse("workspace:distribution:channels")).content.decode()
        assert (troubles in html) is may, user
        assert (client.get(troubles).status_code == 200) is may, user
