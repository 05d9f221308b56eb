"""The Khuzestan demo's scorecard is not empty: the current quarter and year show figures for the
record's criteria, every agency has a score, and the observer's page renders them."""

import pytest

from hamafza.agencies.models import Council
from hamafza.reporting import periods
from hamafza.scorecard import scoring
from tests.demo.conftest import demo  # noqa: F401  (fixture)


@pytest.mark.parametrize("which", ["quarter", "year"])
def test_the_demo_scorecard_has_figures(demo, db, which):
    council = Council.objects.get(slug="راه-و-شهرسازی-خوزستان")
    year, month = periods.current_month()
    period = periods.year(year) if which == "year" else periods.quarter(year, (month - 1) // 3 + 1)
    board = scoring.board(council.pk, period)
    nonzero = {c.key for c in board.criteria if any(card.figures[c.key].value for card in board.cards)}
    assert len(board.cards) >= 5
    assert {"news_count", "photo_reports", "image_share", "event_to_publication", "republished_for_others",
            "republished_by_others", "help_given", "response_hours"} <= nonzero
    if which == "year":
        assert "tasks_on_time" in nonzero
    assert all(card.score is not None for card in board.cards)
    assert len({card.score for card in board.cards}) > 2  # agencies differ
