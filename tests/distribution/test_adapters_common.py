"""What the chat adapters share (adapters/chat.py), held per platform: each reads its own
settings and names its own platform when the token is missing; a post's public link follows the
channel's username; a reply and a test post are one plain sendMessage, with the message id as the
platform wants it (Rubika's as a string). The wire behaviour is in test_sending and test_rubika."""

import pytest

from hamafza.distribution.adapters import Permanent, adapter_for
from hamafza.distribution.adapters.eitaa import EitaaAdapter
from hamafza.distribution.adapters.rubika import RubikaAdapter
from hamafza.distribution.adapters.telegram_bale import BotApiAdapter
from hamafza.distribution.models import Channel

PLATFORMS = {
    # kind: (adapter class, base URL setting, link base, what the missing-token message names)
    "telegram": (BotApiAdapter, "https://tg.example", "https://t.me", "توکن ربات این مجرا"),
    "bale": (BotApiAdapter, "https://bale.example", "https://ble.ir", "توکن ربات این مجرا"),
    "eitaa": (EitaaAdapter, "https://eitaa.example", "https://eitaa.com", "توکن ایتایار"),
    "rubika": (RubikaAdapter, "https://rubika.example/v3", "https://rubika.ir", "توکن ربات روبیکا"),
}


@pytest.fixture(autouse=True)
def base_urls(settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, **{
        f"{kind.upper()}_BASE_URL": f"{base}/" for kind, (_cls, base, _link, _word) in PLATFORMS.items()}}


def channel(kind, token="123:TOKEN", chat_id="@hz_chan") -> Channel:
    ch = Channel(kind=kind, chat_id=chat_id, public_username=chat_id[1:] if chat_id.startswith("@") else "")
    if token:
        ch.set_token(token)
    return ch


@pytest.mark.parametrize("kind", sorted(PLATFORMS))
def test_each_platform_reads_its_own_settings_and_links(kind):
    cls, base, link, _word = PLATFORMS[kind]
    adapter = adapter_for(channel(kind))
    assert type(adapter) is cls
    assert (adapter.base_url, adapter.token, adapter.chat_id) == (base, "123:TOKEN", "@hz_chan")
    assert adapter.permalink(42) == f"{link}/hz_chan/42"
    assert adapter.permalink(None) == "" and adapter.permalink("") == ""


@pytest.mark.parametrize("kind", sorted(PLATFORMS))
def test_a_missing_token_names_the_platform(kind):
    _cls, _base, _link, word = PLATFORMS[kind]
    with pytest.raises(Permanent) as exc:
        adapter_for(channel(kind, token=""))
    assert word in exc.value.message


def test_only_telegram_links_a_private_channel_by_its_id():
    assert adapter_for(channel("telegram", chat_id="-1001234")).permalink(7) == "https://t.me/c/1234/7"
    assert adapter_for(channel("bale", chat_id="-1001234")).permalink(7) == ""
    assert adapter_for(channel("eitaa", chat_id="-1001234")).permalink(7) == ""
    assert adapter_for(channel("rubika", chat_id="c0hzrubika")).permalink("7") == ""


@pytest.mark.parametrize("kind, answer, sent_id, reply_ref", [
    ("telegram", {"message_id": 9}, 9, 5),
    ("eitaa", {"id": 9}, 9, 5),
    ("eitaa", 9, 9, 5),
    ("rubika", {"message_id": 9}, "9", "5"),
])
def test_a_reply_and_a_test_post_are_one_plain_send_message(kind, answer, sent_id, reply_ref, monkeypatch):
    adapter = adapter_for(channel(kind))
    calls = []
    monkeypatch.setattr(adapter, "call", lambda method, data=None, files=None: calls.append((method, data)) or answer)
    sent = adapter.reply(5, "اصلاحیه")
    assert calls == [("sendMessage", {"chat_id": "@hz_chan", "text": "اصلاحیه", "reply_to_message_id": reply_ref})]
    assert sent.remote_ids == [sent_id] and sent.permalink == f"{PLATFORMS[kind][2]}/hz_chan/9"
    sent = adapter.test_post("آزمایش")
    assert calls[-1] == ("sendMessage", {"chat_id": "@hz_chan", "text": "آزمایش"}) and sent.remote_ids == [sent_id]
