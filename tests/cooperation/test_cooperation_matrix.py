"""The cooperation permission matrix: every persona × every cooperation action, through the
actions (which ask hamafza.policy) and, for what people see, through the workspace pages —
against a table WRITTEN BY HAND from issue 6's rules (never derived from hamafza.policy).

Setting: agency A ("own") asks B ("other") — only B — to republish a published item; A asks for a
photographer privately, only of B; B shares a drone operator. C ("supporting") sits on the same
council but was asked nothing; D ("pending_supporting") sits on no council. The setting is built once
for the module; each test runs in its own savepoint with its own copy."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hamafza import policy
from hamafza.cooperation import amplification, helprequests, resources
from hamafza.cooperation.errors import CooperationError
from hamafza.cooperation.models import HelpRequest, Need, Resource
from tests import factories, matrix
from tests.personas import make_personas, sign_in_verified

from .amp_helpers import published, soon
from .clock import NOW, at, j

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

PERSONAS = ("own_staff", "own_head", "other_staff", "other_head", "supporting_staff", "pending_supporting_staff",
            "secretariat", "observer", "admin", "anonymous")

# fmt: off
#                              own    own    other  other  C      D      secre- obser- admin  anony-
#                              staff  head   staff  head   staff  staff  tariat ver           mous
EXPECTED = {
    "ask to republish":        (1,     1,     0,     0,     0,     0,     0,     0,     1,     0),
    "see the request":         (1,     1,     1,     1,     0,     0,     1,     1,     1,     0),
    "accept the request":      (0,     0,     0,     1,     0,     0,     0,     0,     1,     0),
    "see the private help":    (1,     1,     1,     1,     0,     0,     1,     1,     1,     0),
    "offer help":              (0,     0,     1,     1,     0,     0,     0,     0,     0,     0),
    "accept an offer":         (0,     1,     0,     0,     0,     0,     0,     0,     1,     0),
    "see the shared resource": (1,     1,     1,     1,     1,     0,     1,     1,     1,     0),
    "book the resource":       (1,     1,     1,     1,     1,     0,     0,     0,     1,     0),
    "edit the resource":       (0,     0,     1,     1,     0,     0,     0,     0,     1,     0),
    "retire the resource":     (0,     0,     0,     1,     0,     0,     0,     0,     1,     0),
    "see every agency's record": (0,   0,     0,     0,     0,     0,     1,     1,     1,     0),
}
# fmt: on


DRONE = {"kind": Resource.Kind.PERSON, "capability": Need.DRONE, "name": "حسین ساکی‌زاده، اپراتور پهپاد",
         "weekdays": [0, 1, 2, 3, 4, 5, 6], "day_start": dt.time(7), "day_end": dt.time(19)}


@pytest.fixture(scope="module")
def _built(module_db):
    """The world, its people and the setting, built once for the module (tests/conftest.py:
    module_db); each test runs in its own savepoint with its own copy, on the frozen clock."""
    personas = make_personas(factories.make_world())
    with time_machine.travel(NOW, tick=False):  # as the per-test setting was: made on the frozen clock
        return {"personas": personas, "setting": make_setting(personas)}


@pytest.fixture
def personas(module_copy):
    return module_copy["personas"]


@pytest.fixture
def setting(module_copy, frozen):  # noqa: F811
    return module_copy["setting"]


def make_setting(personas):
    item = published(personas)
    request = amplification.ask(personas.own_staff, item, [personas.other], deadline=soon())
    help_request = helprequests.ask(
        personas.own_head, council=personas.council, agency=personas.own, need=Need.PHOTOGRAPHER,
        title="عکاس برای بازدید استاندار", day=j(1405, 9, 10), start_time=dt.time(10), end_time=dt.time(12),
        deadline=at(j(1405, 9, 8), 14), visibility=HelpRequest.Visibility.CHOSEN, asked_agencies=[personas.other],
    )
    drone = resources.add_resource(personas.other_head, personas.other, **DRONE)
    return {"item": item, "request": request, "help": help_request, "drone": drone}


def _agency_of(personas, who):
    roles = policy.roles_of(getattr(personas, who))
    return next(iter(roles.agencies), None)


def _allowed(action: str, who: str, personas, s) -> bool:
    """Try the action as the persona: True if it went through, False if refused."""
    from hamafza.agencies.models import Agency

    user = getattr(personas, who)
    own_agency = _agency_of(personas, who)
    try:
        if action == "ask to republish":
            amplification.ask(user, s["item"], [personas.supporting], deadline=soon())
        elif action == "see the request":
            return policy.can_view_amplification(user, s["request"])
        elif action == "accept the request":
            amplification.accept(user, s["request"].targets.get())
        elif action == "see the private help":
            return policy.can_view_help_request(user, s["help"])
        elif action == "offer help":
            agency = Agency.objects.filter(pk=own_agency).first()
            helprequests.offer(user, s["help"], agency=agency, text="عکاس ما با دوربین در محل حاضر می‌شود.")
        elif action == "accept an offer":
            offer = helprequests.offer(personas.other_staff, s["help"], agency=personas.other, text="عکاس داریم.")
            helprequests.accept_offer(user, offer)
        elif action == "see the shared resource":
            return policy.can_view_resource(user, s["drone"])
        elif action == "book the resource":
            agency = Agency.objects.filter(pk=own_agency).first() if own_agency else s["drone"].agency
            resources.book(user, s["drone"], agency, at(j(1405, 9, 9), 9), at(j(1405, 9, 9), 11), "تصویر هوایی")
        elif action == "edit the resource":
            resources.change_resource(user, s["drone"], **{**DRONE, "name": "حسین ساکی‌زاده، اپراتور ارشد پهپاد"})
        elif action == "retire the resource":
            resources.retire_resource(user, s["drone"])
        elif action == "see every agency's record":
            return policy.can_view_reciprocity(user, personas.council.pk)
        else:
            raise AssertionError(action)
    except PermissionDenied:
        return False
    except CooperationError as exc:  # refused for a reason other than permission: a broken setting
        raise AssertionError(f"{action} as {who}: {exc.message}") from None
    return True


@pytest.mark.parametrize("action", list(EXPECTED))
def test_the_matrix(personas, setting, action):
    # Each try starts from the same setting: what an allowed write changed is undone.
    got = matrix.row(PERSONAS, lambda who: _allowed(action, who, personas, setting), setting.values())
    expected = dict(zip(PERSONAS, EXPECTED[action], strict=True))
    assert got == expected


@pytest.mark.parametrize("who", PERSONAS)
def test_the_pages_agree_on_who_sees_what(client, personas, setting, who):
    """The detail pages answer 200 exactly where the table says the persona sees the thing (404
    otherwise; the sign-in page for the anonymous)."""
    if who != "anonymous":
        sign_in_verified(client, getattr(personas, who))
    row = dict(zip(PERSONAS, range(len(PERSONAS)), strict=True))[who]
    pages = {
        "see the request": reverse("workspace:cooperation:amp_detail", args=[setting["request"].pk]),
        "see the private help": reverse("workspace:cooperation:help_detail", args=[setting["help"].pk]),
        "see the shared resource": reverse("workspace:cooperation:resource_detail", args=[setting["drone"].pk]),
    }
    for action, path in pages.items():
        status = client.get(path).status_code
        if who == "anonymous":
            assert status == 302, (action, status)
        else:
            assert status == (200 if EXPECTED[action][row] else 404), (action, status)

