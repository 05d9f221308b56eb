"""Shared builders of the council tests. Time is frozen at 5 Azar 1405 (26 November 2026),
10:00 in Tehran, three weeks before Transportation Week."""

import datetime as dt

import pytest
import time_machine

from hamafza.accounts.models import CouncilRole
from hamafza.council import actions
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian
from tests import factories
from tests.personas import make_user

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN)


def j(year: int, month: int, day: int) -> dt.date:
    return jalali_to_gregorian(year, month, day)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def campaign(personas, frozen):
    return make_campaign(personas)


def make_campaign(personas):
    return actions.create_campaign(
        personas.secretariat, council=personas.council, title="هفته حمل و نقل ۱۴۰۵", start_date=j(1405, 9, 25), end_date=j(1405, 10, 1),
        hashtags="هفته_حمل_و_نقل #خوزستان", key_messages="خوزستان همه شقوق حمل و نقل را دارد",
        agencies=[personas.own, personas.other],
    )


@pytest.fixture
def meeting(personas, frozen):
    return make_meeting(personas)


def make_meeting(personas):
    return actions.create_meeting(
        personas.secretariat, council=personas.council, title="نشست شورای هماهنگی روابط عمومی‌ها",
        starts_at=dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN), place="سالن جلسات راه و شهرسازی",
        invited=[personas.own, personas.other, personas.supporting],
    )


@pytest.fixture
def elsewhere(personas):
    return make_elsewhere(personas)


def make_elsewhere(personas):
    """The second council: D heads it, B sits on both; its secretariat, a meeting with a
    resolution, and a published item of D."""
    council = factories.make_council(personas.pending_supporting, [personas.other], hostname="bsh.example.ir",
                                     short_name="شورای بوشهر", slug="bushehr")
    secretariat = make_user("elsewhere_secretariat")
    CouncilRole.objects.create(user=secretariat, council=council, role=CouncilRole.Role.SECRETARIAT)
    meeting = actions.create_meeting(secretariat, council=council, title="نشست بوشهر",
                                     starts_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), invited=[personas.pending_supporting])
    resolution = actions.add_resolution(secretariat, meeting, "مصوبه بوشهر", [(personas.pending_supporting, j(1405, 9, 20))])
    return {"council": council, "secretariat": secretariat, "meeting": meeting, "resolution": resolution,
            "item": factories.make_item(personas.pending_supporting, title="خبر بندر بوشهر")}
