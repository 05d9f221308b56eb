"""The public part of the scorecard (the API): per agency, the figures of the public criteria —
those that restate what the portal already shows (published items, their images, republications,
help given and received) — and, when the council chose so (ScorecardSettings.public_scores), the
score and rank. Response times, tasks and channel posts are council-internal: they are folded into
the score and never shown per agency. Per-item figures (reach) are never part of it."""

from __future__ import annotations

from .models import ScorecardSettings
from .scoring import board


def public_table(council_id: int, period) -> dict:
    b = board(council_id, period, with_previous=False)
    shown = [c for c in b.criteria if c.public]
    with_scores = ScorecardSettings.objects.filter(council_id=council_id, public_scores=True).exists()
    rows = []
    for card in b.cards:
        row = {
            "agency": card.agency.slug, "agency_name": card.agency.name,
            "figures": {c.key: None if card.figures[c.key].value is None else round(card.figures[c.key].value, 2)
                        for c in shown},
            "score": card.score if with_scores else None, "rank": card.rank if with_scores else None,
        }
        rows.append(row)
    return {"period": str(period.label), "scores_published": with_scores, "criteria": shown, "agencies": rows}
