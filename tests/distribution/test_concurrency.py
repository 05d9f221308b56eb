"""Concurrent sending in one worker (SEND_CONCURRENCY): distinct chats at once, one chat in order.

The sending threads use their own database connections, so these tests commit (transactional_db)
on a database that several connections write: PostgreSQL, or the suite's SQLite test file
(tests/settings.py)."""

import time

import pytest

from hamafza.distribution import worker
from hamafza.distribution.models import Delivery
from tests import factories

from .conftest import make_channel
from tests.fakes.messengers import FakeBotServer

pytestmark = pytest.mark.django_db(transaction=True)
CHATS = ("@hz_a", "@hz_b", "@hz_c", "@hz_d")


@pytest.fixture
def slow_bot(settings):
    """Every answer takes 0.3 s, as a distant platform does."""
    server = FakeBotServer(tokens=("123:GOOD",), admin_chats=CHATS, delay=0.3).start()
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "TELEGRAM_BASE_URL": server.url, "READ_TIMEOUT": 5.0,
                             "SEND_CONCURRENCY": 4}
    yield server
    server.stop()


def test_four_chats_are_sent_at_once(world, slow_bot):
    for chat in CHATS:
        make_channel(world["A"], chat_id=chat)
    item = factories.make_item(world["A"])
    started = time.monotonic()
    assert worker.drain(seconds=5) == 4
    elapsed = time.monotonic() - started
    assert set(Delivery.objects.filter(item=item).values_list("state", flat=True)) == {Delivery.State.SENT}
    assert sorted(p["chat_id"] for p in slow_bot.posted) == sorted(CHATS)
    # One at a time, the four answers would be at least 0.9 s apart and take 1.2 s in all.
    times = [p["at"] for p in slow_bot.posted]
    assert max(times) - min(times) < 0.25
    assert elapsed < 1.2, elapsed


def test_one_chat_gets_its_messages_one_after_another_in_order(world, slow_bot):
    make_channel(world["A"], chat_id="@hz_a")
    titles = [f"خبر ردیف {n}" for n in range(3)]
    for title in titles:
        factories.make_item(world["A"], title=title)
    assert worker.drain(seconds=5) == 3
    assert [next(t for t in titles if t in p["text"]) for p in slow_bot.posted] == titles
    times = [p["at"] for p in slow_bot.posted]
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))  # never two in flight to one chat


def test_the_per_chat_limit_holds_with_concurrency(world, slow_bot, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "CHAT_INTERVAL": 0.5}
    for chat in CHATS[:2]:
        make_channel(world["A"], chat_id=chat)
    for _ in range(3):
        factories.make_item(world["A"])
    assert worker.drain(seconds=10) == 6
    for chat in CHATS[:2]:
        times = sorted(p["at"] for p in slow_bot.posted if p["chat_id"] == chat)
        assert len(times) == 3 and all(b - a >= 0.5 for a, b in zip(times, times[1:]))
