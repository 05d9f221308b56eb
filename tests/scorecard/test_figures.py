"""Every scorecard figure of the known council (fixture.py), computed by hand here."""

from __future__ import annotations

import pytest

from hamafza.reporting import periods
from hamafza.scorecard import actions, criteria, scoring

from .once import _built, personas, record  # noqa: F401  (fixtures: the record built once for the module)

ABAN = periods.month(1405, 8)
MEHR = periods.month(1405, 7)

# By hand, per agency (A, B, C), from the record described in fixture.py.
EXPECTED = {
    "news_count": (3, 1, 0),
    "photo_reports": (1, 0, 0),
    "video_reports": (0, 2, 0),
    "image_share": (50, 100, None),  # 2 of 4; 3 of 3; nothing published
    "event_to_publication": (7, 6, None),  # median(4, 10); 6; no timed item
    "deliveries": (3, 1, 0),
    "republished_for_others": (1, 2, 0),  # A took R2; B took R1 and R3
    "republished_by_others": (2, 1, 0),
    "help_given": (0, 0, 1),
    "help_received": (0, 1, 0),
    "response_hours": (3, 3, 4.5),  # A: median(1, 5); B: median(2, 4); C: median(6, 3)
    "tasks_on_time": (50, 0, None),
}
DEFAULTS = {"news_count": 20, "photo_reports": 10, "video_reports": 10, "image_share": 5, "event_to_publication": 5,
            "deliveries": 10, "republished_for_others": 10, "republished_by_others": 5, "help_given": 5,
            "help_received": 0, "response_hours": 10, "tasks_on_time": 10}


def _by_hand_scores(weights):
    """Normalise against the council's best, weight, and divide by the weights present."""
    scores = []
    for i in range(3):
        total = weight_sum = 0.0
        for key, values in EXPECTED.items():
            c = criteria.get(key)
            v = values[i]
            if v is None or not weights[key]:
                continue
            present = [x for x in values if x is not None]
            if c.higher_is_better:
                n = v / max(present) if max(present) else 0.0
            else:
                n = 1.0 if v == 0 else min(present) / v
            total += weights[key] * n
            weight_sum += weights[key]
        scores.append(round(100 * total / weight_sum, 1))
    return scores


@pytest.fixture
def board(personas, record):
    return scoring.board(personas.council.pk, ABAN)


def test_the_built_in_criteria_and_their_default_weights(board):
    assert [c.key for c in board.criteria] == list(EXPECTED)
    assert board.weights == DEFAULTS and sum(DEFAULTS.values()) == 100
    for c in board.criteria:
        assert c.name and c.formula and c.unit and c.items is not None


@pytest.mark.parametrize("key", list(EXPECTED))
def test_each_criterion_against_the_hand_computed_record(personas, board, key):
    a, b, c = (board.card(x.pk) for x in (personas.own, personas.other, personas.supporting))
    got = [card.figures[key].value for card in (a, b, c)]
    expected = EXPECTED[key]
    assert [g is None for g in got] == [e is None for e in expected]
    assert [g for g in got if g is not None] == pytest.approx([e for e in expected if e is not None])


def test_weighted_scores_ranks_and_medians(personas, board):
    a, b, c = (board.card(x.pk) for x in (personas.own, personas.other, personas.supporting))
    # A: 20 + 10 + 0 + 2.5 + 5×6/7 + 10 + 5 + 5 + 0 + 10 + 10 = 76.79 over 100
    # B: 20/3 + 0 + 10 + 5 + 5 + 10/3 + 10 + 2.5 + 0 + 10 + 0 = 52.5 over 100
    # C: 5 (help given) + 10×3/4.5 = 11.67 over the 80 of weights it has values for = 14.58
    assert (a.score, b.score, c.score) == (76.8, 52.5, 14.6)
    assert _by_hand_scores(DEFAULTS) == [76.8, 52.5, 14.6]
    assert (a.rank, b.rank, c.rank) == (1, 2, 3)
    assert board.median_score == 52.5
    assert board.medians["news_count"] == 1
    assert board.medians["image_share"] == 75
    assert board.medians["event_to_publication"] == 6.5
    assert board.medians["response_hours"] == 3
    assert board.medians["tasks_on_time"] == 25


def test_trend_against_the_previous_month(personas, board):
    assert board.previous.label == MEHR.label
    a, b, c = (board.card(x.pk) for x in (personas.own, personas.other, personas.supporting))
    # Mehr: only A's m1 (news, no image). A: 20 of the 75 weights it has values for → 26.7; B, C: 0.
    assert (a.previous_score, b.previous_score, c.previous_score) == (26.7, 0.0, 0.0)
    assert (a.trend, b.trend, c.trend) == (50.1, 52.5, 14.6)
    assert scoring.trend_text(a.trend) == "+۵۰٫۱"


def test_weights_of_the_council_change_the_score_and_ranks(personas, record):
    weights = dict(DEFAULTS, video_reports=60, news_count=0)
    actions.set_weights(personas.secretariat, personas.council.pk, {k: str(v) for k, v in weights.items()})
    board = scoring.board(personas.council.pk, ABAN)
    a, b = board.card(personas.own.pk), board.card(personas.other.pk)
    assert [a.score, b.score, board.card(personas.supporting.pk).score] == _by_hand_scores(weights)
    assert (b.rank, a.rank) == (1, 2)


def test_items_behind_each_figure_add_up(personas, record, board):
    council = personas.council.pk
    for key in EXPECTED:
        c = criteria.get(key)
        for agency in (personas.own, personas.other, personas.supporting):
            entries = c.items(council, agency.pk, ABAN)
            value = board.card(agency.pk).figures[key].value
            if key in ("image_share", "event_to_publication", "response_hours", "tasks_on_time"):
                assert (len(entries) == 0) == (value is None), (key, agency)
            else:
                assert len(entries) == value, (key, agency)
    titles = [e.title for e in criteria.get("event_to_publication").items(council, personas.own.pk, ABAN)]
    assert titles[0] == "افتتاح پل کارون"
    assert [e.note for e in criteria.get("tasks_on_time").items(council, personas.own.pk, ABAN)] == ["به موقع", "با تأخیر"]


def test_a_campaign_period_counts_its_own_days_and_compares_with_as_many_days_before(personas, record):
    from hamafza.council.models import Campaign

    from tests.cooperation.reciprocity_factories import at

    campaign = Campaign.objects.create(council=personas.council, title="هفتهٔ حمل و نقل", slug="week",
                                       start_date=at(1405, 8, 10).date(), end_date=at(1405, 8, 16).date())
    period = periods.campaign(campaign)
    board = scoring.board(personas.council.pk, period)
    # 10–16 Aban: A published a1 and a2; B published b2 (video).
    assert board.card(personas.own.pk).figures["news_count"].value == 2
    assert board.card(personas.other.pk).figures["video_reports"].value == 1
    assert (board.previous.first_day, board.previous.last_day) == (at(1405, 8, 3).date(), at(1405, 8, 9).date())


def test_a_missing_app_leaves_no_column(personas, record):
    saved = criteria.get("help_received")
    criteria.unregister("help_received")
    try:
        board = scoring.board(personas.council.pk, ABAN)
        assert "help_received" not in [c.key for c in board.criteria]
        assert "help_received" not in board.card(personas.own.pk).figures
    finally:
        criteria.register(saved)
