"""Every write of the scorecard, on behalf of a person.

    set_weights(user, council_id, weights, public_scores=False) -> ScorecardSettings
        the secretariat chooses the scored criteria (weight > 0) and their weights (whole numbers
        0–100); policy.can_configure_scorecard; audited as «scorecard.weights_changed».
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.registry import get_registry
from hamafza.persian.digits import read_int

from . import criteria
from .errors import ScorecardError
from .models import ScorecardSettings
from .scoring import weights_of

MAX_WEIGHT = 100


def set_weights(user, council_id: int, weights: dict, public_scores: bool = False) -> ScorecardSettings:
    """`weights`: {criterion key: weight as typed}. A key of no registered criterion is refused;
    a registered criterion left out keeps its current weight."""
    if council_id not in get_registry().councils or not policy.can_configure_scorecard(user, council_id):
        raise PermissionDenied
    known = {c.key for c in criteria.all_criteria()}
    current = weights_of(council_id)
    chosen = dict(current)
    for key, raw in (weights or {}).items():
        if key not in known:
            raise ScorecardError(_("این معیار در کارنامه نیست."), "weights")
        value = read_int(raw, 0, MAX_WEIGHT)
        if value is None:
            raise ScorecardError(_("وزن هر معیار عددی درست از ۰ تا ۱۰۰ است."), f"weight_{key}")
        chosen[key] = value
    if not any(chosen.values()):
        raise ScorecardError(_("دست‌کم یک معیار باید وزنی بیش از صفر داشته باشد."), "weights")
    with transaction.atomic():
        row, _created = ScorecardSettings.objects.select_for_update().get_or_create(council_id=council_id)
        before = {"weights": current, "public_scores": row.public_scores}
        row.weights, row.public_scores, row.updated_by = chosen, bool(public_scores), user
        row.save()
        audit.record(user, "scorecard.weights_changed", row, council_id=council_id, before=before,
                     after={"weights": chosen, "public_scores": row.public_scores},
                     object_repr=_("کارنامهٔ روابط عمومی"))
    return row
