"""The outbox is written in the publishing transaction: one delivery per chosen channel."""

import pytest
from django.db import transaction

from hamafza.distribution.models import Delivery, ItemChannelChoice
from tests import factories

from .conftest import make_channel

pytestmark = pytest.mark.django_db(transaction=True)


def test_publishing_writes_one_delivery_per_default_channel(world):
    make_channel(world["A"], chat_id="@one")
    make_channel(world["A"], chat_id="@two")
    make_channel(world["A"], chat_id="@off", enabled=False)
    make_channel(world["B"], chat_id="@other")
    item = factories.make_item(world["A"])
    assert sorted(d.channel.chat_id for d in Delivery.objects.filter(item=item)) == ["@one", "@two"]


def test_a_rolled_back_publish_leaves_no_delivery(world):
    make_channel(world["A"])
    item = factories.make_item(world["A"], published=False)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            factories.publish_item(item)
            assert Delivery.objects.filter(item=item).count() == 1
            raise RuntimeError("the publishing transaction failed")
    assert not Delivery.objects.exists()


def test_a_repeated_publish_signal_writes_nothing_twice(world):
    make_channel(world["A"])
    item = factories.make_item(world["A"])
    factories.publish_item(item)
    assert Delivery.objects.filter(item=item).count() == 1


def test_the_editors_choice_wins_over_the_defaults(world):
    a = make_channel(world["A"], chat_id="@one")
    b = make_channel(world["A"], chat_id="@two", default=False)
    item = factories.make_item(world["A"], published=False)
    ItemChannelChoice.objects.create(item=item, channel=a, enabled=False)
    ItemChannelChoice.objects.create(item=item, channel=b, enabled=True, override_text="متن ویژه")
    factories.publish_item(item)
    (d,) = Delivery.objects.filter(item=item)
    assert d.channel == b and "متن ویژه" in d.payload["text"]


def test_publishing_kicks_a_send_task_after_commit(world, settings, bot):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "KICK_ON_COMMIT": True}
    make_channel(world["A"])
    item = factories.make_item(world["A"])  # the immediate task backend sends at commit
    assert Delivery.objects.get(item=item).state == Delivery.State.SENT
    assert len(bot.posted) == 1
