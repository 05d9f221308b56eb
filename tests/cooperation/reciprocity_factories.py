"""Rows of the reciprocity tests, written straight through the models (the actions that make them
belong to other parts), and the small known dataset the figures are checked against.

Time is frozen at 5 Azar 1405 (26 November 2026), 10:00 in Tehran. Aban 1405 runs from
23 October to 21 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from hamafza.cooperation.models import (
    AmplificationRequest, AmplificationTarget, Booking, HelpOffer, HelpRequest, Need, Resource,
)
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian
from tests import factories

from .clock import NOW  # noqa: F401  (the tests read it from here)



def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A Tehran time on a Jalali day."""
    return dt.datetime.combine(jalali_to_gregorian(year, month, day), dt.time(hour, minute), tzinfo=TEHRAN)


def ask(council, asking, answers: dict, *, created: dt.datetime, kind="republish", deadline: dt.datetime | None = None,
        item=None) -> AmplificationRequest:
    """A co-publication request of `asking`; answers = {agency: (status, hours after the request or None)}."""
    item = item or factories.make_item(asking, published=kind == "republish")
    request = AmplificationRequest.objects.create(
        council=council, kind=kind, item=item, asking_agency=asking,
        deadline=deadline or created + dt.timedelta(days=2),
    )
    AmplificationRequest.objects.filter(pk=request.pk).update(created_at=created)
    request.created_at = created
    for agency, (status, hours) in answers.items():
        AmplificationTarget.objects.create(
            request=request, agency=agency, status=status,
            responded_at=None if hours is None else created + dt.timedelta(hours=hours),
        )
    return request


def help_request(council, asking, *, created: dt.datetime, offers: dict | None = None, title="عکاس برای افتتاح پل",
                 status="open", visibility="council", deadline: dt.datetime | None = None, asked=()) -> HelpRequest:
    """A help request; offers = {agency: (status, delivered)}."""
    hr = HelpRequest.objects.create(
        council=council, asking_agency=asking, need=Need.PHOTOGRAPHER, title=title, place="اهواز",
        day=(created + dt.timedelta(days=7)).date(), deadline=deadline or created + dt.timedelta(days=3),
        status=status, visibility=visibility,
    )
    if asked:
        hr.asked_agencies.set(asked)
    HelpRequest.objects.filter(pk=hr.pk).update(created_at=created)
    for agency, (offer_status, delivered) in (offers or {}).items():
        HelpOffer.objects.create(
            request=hr, agency=agency, text="عکاس ما می‌آید", status=offer_status,
            responded_at=created + dt.timedelta(hours=5) if offer_status in ("accepted", "not_chosen") else None,
            delivered_at=created + dt.timedelta(days=7) if delivered else None,
        )
    return hr


def booking(owner, user_agency, *, starts: dt.datetime, hours: int = 2, purpose="پوشش خبری") -> Booking:
    resource = Resource.objects.create(agency=owner, kind="equipment", capability=Need.DRONE, name="پهپاد تصویربرداری")
    return Booking.objects.create(resource=resource, agency=user_agency, starts_at=starts,
                                  ends_at=starts + dt.timedelta(hours=hours), purpose=purpose)


@pytest.fixture
def dataset(personas, frozen):
    """The known history of Aban 1405 (make_dataset), built for this test alone."""
    return make_dataset(personas)


def make_dataset(personas) -> dict:
    """The known history of Aban 1405 (and one request on the last evening of Mehr):

    R1 A→B,C republish (5 Aban): B accepts after 2 h, C declines after 6 h
    R2 A→B republish (10 Aban): B accepts after 4 h
    R3 B→A,C republish (12 Aban, deadline 14 Aban): A never answers (still pending), C marked expired
    R4 C→A support (20 Aban): A accepts after 1 h
    R5 A→B republish (30 Mehr, 23:30): B accepts after 1 h — outside Aban
    R6 A→C republish (30 Aban, 23:30, deadline 7 Azar): C has not answered yet
    R7 A→B republish (15 Aban): withdrawn by A
    H1 B asks for help (3 Aban): C's offer accepted and delivered, A's not chosen
    H2 A asks for help (8 Aban): B's offer withdrawn
    """
    p = personas
    a, b, c, council = p.own, p.other, p.supporting, p.council
    reqs = {
        "R1": ask(council, a, {b: ("accepted", 2), c: ("declined", 6)}, created=at(1405, 8, 5)),
        "R2": ask(council, a, {b: ("accepted", 4)}, created=at(1405, 8, 10)),
        "R3": ask(council, b, {a: ("pending", None), c: ("expired", None)}, created=at(1405, 8, 12),
                  deadline=at(1405, 8, 14)),
        "R4": ask(council, c, {a: ("accepted", 1)}, created=at(1405, 8, 20), kind="support"),
        "R5": ask(council, a, {b: ("accepted", 1)}, created=at(1405, 7, 30, 23, 30)),
        "R6": ask(council, a, {c: ("pending", None)}, created=at(1405, 8, 30, 23, 30), deadline=at(1405, 9, 7)),
        "R7": ask(council, a, {b: ("withdrawn", None)}, created=at(1405, 8, 15)),
        "H1": help_request(council, b, created=at(1405, 8, 3), offers={c: ("accepted", True), a: ("not_chosen", False)},
                           status="delivered"),
        "H2": help_request(council, a, created=at(1405, 8, 8), offers={b: ("withdrawn", False)}),
    }
    return reqs
