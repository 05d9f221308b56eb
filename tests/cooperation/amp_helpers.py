"""Shared builders of the co-publication request tests (tests/cooperation/test_amplification_*)."""

import datetime as dt

from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.cooperation import amplification
from hamafza.distribution import unchecked as distribution_unchecked
from hamafza.distribution.models import Channel
from tests import factories
from tests.personas import make_user


def c_head(personas):
    user = make_user("supporting_head")
    Membership.objects.create(user=user, agency=personas.supporting, role=Membership.Role.HEAD)
    return user


def channel_of(agency, chat_id="@b_channel", **fields):
    channel = Channel(agency=agency, kind=Channel.Kind.TELEGRAM, chat_id=chat_id, name=f"کانال {chat_id}", **fields)
    return distribution_unchecked.store_channel(channel, token="123:GOOD", default_for_agency=False)


def published(personas, title="افتتاح قطعهٔ دوم بزرگراه اهواز–خرمشهر"):
    return factories.make_item(personas.own, title=title, created_by=personas.own_staff)


def soon(hours=24):
    return timezone.now() + dt.timedelta(hours=hours)


def ask_b_and_c(personas, item=None, **kwargs):
    item = item or published(personas)
    kwargs.setdefault("deadline", soon())
    kwargs.setdefault("suggested_text", "بزرگراه اهواز–خرمشهر امروز کامل شد.")
    return amplification.ask(personas.own_staff, item, [personas.other, personas.supporting], **kwargs)
