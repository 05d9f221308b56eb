"""Shared builders of the resource tests. Time is frozen at 5 Azar 1405 (Thursday 26 November
2026), 10:00 in Tehran. The usual resource is agency A's photographer, Saturday to Wednesday,
08:00–16:00; 8 Azar 1405 is a Sunday."""

import datetime as dt

from hamafza.cooperation import resources
from hamafza.cooperation.models import Need, Resource

from .clock import NOW, at, j  # noqa: F401  (re-exported to the tests)

SUNDAY = j(1405, 9, 8)


def photographer(personas, user=None, **fields) -> Resource:
    values = {
        "kind": Resource.Kind.PERSON, "capability": Need.PHOTOGRAPHER, "name": "مهدی کریمی، عکاس خبری",
        "skills": "عکاسی مراسم، دوربین فول‌فریم", "weekdays": [0, 1, 2, 3, 4],
        "day_start": dt.time(8, 0), "day_end": dt.time(16, 0), "contact": "۰۶۱۳۳۳۳۳۳۳۳",
    }
    values.update(fields)
    return resources.add_resource(user or personas.own_head, personas.own, **values)
