"""The criteria that reach and coverage add to the scorecard, on the known council of fixture.py
with readers, channel figures and outlets' reprints added, computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from hamafza.coverage.models import Coverage, MonitoredEntry
from hamafza.distribution.models import Channel
from hamafza.press.models import Outlet
from hamafza.reach import actions as reach_actions
from hamafza.reach.models import ChannelIndicator, ItemDailyViews
from hamafza.reporting import periods
from hamafza.reporting.models import IndicatorValue
from hamafza.scorecard import criteria, scoring
from tests.cooperation.reciprocity_factories import at

from .fixture import record  # noqa: F401  (fixture)

ABAN = periods.month(1405, 8)


@pytest.fixture
def _built_in_criteria_only():
    """Overrides the package's: here the criteria of reach and coverage stay registered."""
OWN_KEYS = ("portal_reach", "channel_reach", "coverage")


@pytest.fixture
def reach_and_coverage(personas, record):  # noqa: F811
    """Readers: a1 120 (10 Aban) + 30 (11 Aban), a4 50, b1 40; m1 999 in Mehr (not Aban); a1 7 on the
    second council's portal (not this council's). Channels: A's telegram Aban approved 1,200 (and a
    submitted 5,000, not counted), B's bale Aban approved 300, A's telegram Mehr approved 800 (not
    Aban). Coverage: a1 by two outlets and a3 by one (confirmed), b2 by one (confirmed), a2 by one
    awaiting review (not counted), b1 rejected (not counted), a1 reprinted on 1 Azar (not Aban)."""
    from tests import factories

    a, b, council = personas.own, personas.other, personas.council
    second = factories.make_council(personas.supporting, [a], hostname="second.example.ir", slug="second")
    day = at(1405, 8, 10).date()
    for key, council_of, when, views in (("a1", council, day, 120), ("a1", council, day + dt.timedelta(days=1), 30),
                                         ("a4", council, day, 50), ("b1", council, day, 40),
                                         ("m1", council, at(1405, 7, 22).date(), 999), ("a1", second, day, 7)):
        item = record[key]
        ItemDailyViews.objects.create(item=item, council=council_of, agency_id=item.lead_agency_id, day=when, views=views)
    tg = Channel.objects.get(agency=a, kind="telegram")
    bale = Channel.objects.get(agency=b, kind="bale")
    for channel in (tg, bale):  # what the channel's post_save does once its transaction commits
        reach_actions.do_ensure_channel_indicator(channel)
    for channel, month, state, value in ((tg, 8, "approved", 1200), (bale, 8, "approved", 300), (tg, 7, "approved", 800)):
        indicator = ChannelIndicator.objects.get(channel=channel).indicator
        IndicatorValue.objects.create(indicator=indicator, year=1405, month=month, value=value, state=state,
                                      approved_value=value)
    submitted = IndicatorValue.objects.get(indicator=ChannelIndicator.objects.get(channel=tg).indicator, month=8)
    IndicatorValue.objects.filter(pk=submitted.pk).update(value=5000)  # a new figure waiting for approval
    outlets = [Outlet.objects.create(council=council, agency=a, name=name, kind="site") for name in ("خبرگزاری ایرنا", "خوزنا")]
    n = 0
    for key, outlet, when, status in (("a1", outlets[0], at(1405, 8, 10, 15), "confirmed"),
                                      ("a1", outlets[1], at(1405, 8, 11, 9), "confirmed"),
                                      ("a3", outlets[0], at(1405, 8, 18, 12), "confirmed"),
                                      ("b2", outlets[1], at(1405, 8, 13, 8), "confirmed"),
                                      ("a2", outlets[0], at(1405, 8, 15, 12), "review"),
                                      ("b1", outlets[0], at(1405, 8, 4, 8), "rejected"),
                                      ("a1", outlets[0], at(1405, 9, 1, 8), "confirmed")):
        n += 1
        item = record[key]
        entry = MonitoredEntry.objects.create(council=council, outlet=outlet, url=f"https://example.org/{n}",
                                              title=item.title, published=when, fetched_at=when)
        Coverage.objects.create(council=council, item=item, agency_id=item.lead_agency_id, outlet=outlet, entry=entry,
                                url=entry.url, published_at=when, similarity=0.9, kept=0.8, status=status)
    return record


# By hand, per agency (A, B, C).
EXPECTED = {"portal_reach": (200, 40, 0), "channel_reach": (1200, 300, 0), "coverage": (3, 1, 0)}


def test_reach_and_coverage_figures_against_the_hand_computed_record(personas, reach_and_coverage):
    board = scoring.board(personas.council.pk, ABAN)
    keys = [c.key for c in board.criteria]
    assert set(OWN_KEYS) <= set(keys)
    cards = [board.card(x.pk) for x in (personas.own, personas.other, personas.supporting)]
    for key, expected in EXPECTED.items():
        assert tuple(card.figures[key].value for card in cards) == expected, key


def test_the_items_behind_each_figure(personas, reach_and_coverage):
    council = personas.council.pk
    reach = criteria.get("portal_reach").items(council, personas.own.pk, ABAN)
    assert [e.title for e in reach] == [reach_and_coverage["a1"].title, reach_and_coverage["a4"].title]
    assert [e.note for e in reach] == ["۱۵۰ خواننده", "۵۰ خواننده"]
    channels = criteria.get("channel_reach").items(council, personas.own.pk, ABAN)
    assert [(e.title, e.note) for e in channels] == [("کانال تلگرام راه و شهرسازی", "۱٬۲۰۰ بازدید")]
    carried = criteria.get("coverage").items(council, personas.own.pk, ABAN)
    assert [e.note for e in carried] == ["خبرگزاری ایرنا", "خوزنا", "خبرگزاری ایرنا"]
    assert all(e.url.startswith("/workspace/coverage/items/") for e in carried)


def test_the_weighted_score_counts_them(personas, reach_and_coverage):
    """With only these three criteria weighted (10, 5, 10), normalised against the council's best:
    A has the best of each → 100; B: (10×40/200 + 5×300/1200 + 10×1/3) / 25 × 100 = 26.3; C: 0."""
    from hamafza.scorecard import actions

    weights = {c.key: "0" for c in criteria.all_criteria()}
    weights.update(portal_reach="10", channel_reach="5", coverage="10")
    actions.set_weights(personas.secretariat, personas.council.pk, weights)
    board = scoring.board(personas.council.pk, ABAN)
    scores = [board.card(x.pk).score for x in (personas.own, personas.other, personas.supporting)]
    assert scores == [100.0, round((10 * 40 / 200 + 5 * 300 / 1200 + 10 * 1 / 3) / 25 * 100, 1), 0.0]
