"""Shared builders of the resource tests. Time is frozen at 5 Azar 1405 (Thursday 26 November
2026), 10:00 in Tehran. The usual resource is agency A's photographer, Saturday to Wednesday,
08:00–16:00; 8 Azar 1405 is a Sunday."""

import datetime as dt

import pytest
import time_machine

from hamafza.cooperation import resources
from hamafza.cooperation.models import Need, Resource
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN)


def j(year: int, month: int, day: int) -> dt.date:
    return jalali_to_gregorian(year, month, day)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TEHRAN)


SUNDAY = j(1405, 9, 8)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def photographer(personas, user=None, **fields) -> Resource:
    values = {
        "kind": Resource.Kind.PERSON, "capability": Need.PHOTOGRAPHER, "name": "مهدی کریمی، عکاس خبری",
        "skills": "عکاسی مراسم، دوربین فول‌فریم", "weekdays": [0, 1, 2, 3, 4],
        "day_start": dt.time(8, 0), "day_end": dt.time(16, 0), "contact": "۰۶۱۳۳۳۳۳۳۳۳",
    }
    values.update(fields)
    return resources.add_resource(user or personas.own_head, personas.own, **values)
