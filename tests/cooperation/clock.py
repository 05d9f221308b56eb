"""The frozen clock of the cooperation tests: 5 Azar 1405 (Thursday 26 November 2026), 10:00 in
Tehran, and Jalali helpers to write dates as people do."""

import datetime as dt

import pytest
import time_machine

from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN)


def j(year: int, month: int, day: int) -> dt.date:
    return jalali_to_gregorian(year, month, day)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TEHRAN)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
