"""The reciprocity record's figures of a council without the known dataset: an empty period, and a
request that was withdrawn before anyone answered (moved unchanged from test_reciprocity_figures.py,
whose tests share the dataset)."""

import datetime as dt

from hamafza.cooperation import reciprocity
from hamafza.reporting import periods

from .reciprocity_factories import at, ask

ABAN = periods.month(1405, 8)


def _rows(personas, period):
    return {r.agency_id: r for r in reciprocity.council_record(personas.council.pk, period)}


def test_an_empty_period_is_all_zeros(personas, frozen):
    rows = reciprocity.council_record(personas.council.pk, ABAN)
    assert all(r.requests_sent == r.requests_received == r.help_sent == 0 and r.median_response_seconds is None for r in rows)
    assert rows[0].as_dict()["requests_sent"] == 0


def test_withdrawn_only_request_still_counts_as_sent(personas, frozen):
    ask(personas.council, personas.own, {personas.other: ("withdrawn", None)}, created=at(1405, 8, 2),
        deadline=at(1405, 8, 2) + dt.timedelta(days=1))
    rows = _rows(personas, ABAN)
    assert rows[personas.own.pk].requests_sent == 1 and rows[personas.other.pk].requests_received == 0
