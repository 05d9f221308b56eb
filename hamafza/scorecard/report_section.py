"""The scorecard's page in the council's consolidated report (registered with
hamafza.reporting.report.register_section). The report is compiled by the council's secretariat
and observers (policy.can_compile_report), who see every agency side by side."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import scoring


def rows(board: scoring.Board) -> list[dict]:
    """Agencies by rank (those without a score last), each with its figures as text."""
    ordered = sorted(board.cards, key=lambda c: (c.rank is None, c.rank or 0, c.agency.name))
    return [{
        "card": card,
        "score": scoring.score_text(card.score),
        "trend": scoring.trend_text(card.trend),
        "figures": [scoring.figure_text(c, card.figures[c.key].value) for c in board.criteria],
    } for card in ordered]


def section(council, period) -> dict | None:
    board = scoring.board(council.id, period)
    # A period with nothing on record adds no page of zeros (the report says it is empty).
    if not any(f.value for card in board.cards for f in card.figures.values()):
        return None
    html = render_to_string("scorecard/report_section.html", {
        "board": board, "rows": rows(board), "period": period,
        "weights": [(c, board.weights.get(c.key, 0)) for c in board.criteria],
    })
    return {"key": "scorecard", "title": _("کارنامهٔ روابط عمومی"), "html": html}
