"""The PR scorecard of a council (hamafza.scorecard): the secretariat and observers see every agency
side by side with scores, ranks and trends; an agency's people see their own figures beside the
council's median (hamafza.policy.scorecard). Every figure opens the records behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.scorecard import actions, criteria, scoring
from hamafza.scorecard.errors import ScorecardError

from ..cooperation.common import council_for
from ..periods import read_council_period


def _access(request):
    council = council_for(request)
    allowed = policy.scorecard_agencies(request.user, council.id)
    if not allowed:
        raise Http404(_("کارنامهٔ این شورا برای شما در دسترس نیست."))
    return council, allowed


def _items_url(key: str, agency_id: int, base: str) -> str:
    return f"{reverse('workspace:scorecard:items', args=[key])}?{base}&{urlencode({'agency': agency_id})}"


def _cell(board, card, criterion, base, whole: bool = True) -> dict:
    figure = card.figures[criterion.key]
    return {
        "key": criterion.key, "label": criterion.name, "text": scoring.figure_text(criterion, figure.value),
        "value": figure.value, "url": _items_url(criterion.key, card.agency.id, base) if criterion.items else "",
        "best": figure.normalised == 1.0 and figure.value is not None and len(board.cards) > 1,
        "median": scoring.figure_text(
            criterion, board.medians.get(criterion.key) if whole else board.agency_median(criterion.key)),
    }


def _column_groups(board_criteria) -> list[tuple[str, int]]:
    """The headings above the columns: each run of criteria of one group (criteria.GROUPS) as
    (label, number of columns); a criterion with no group has an empty heading of its own."""
    out: list[tuple[str, int, str]] = []
    for c in board_criteria:
        if c.group and out and out[-1][2] == c.group:
            out[-1] = (out[-1][0], out[-1][1] + 1, c.group)
        else:
            out.append((criteria.GROUPS.get(c.group, ""), 1, c.group))
    return [(label, span) for label, span, _group in out]


def _trend(card) -> dict:
    change = card.trend
    return {"text": scoring.trend_text(change),
            "dir": "none" if change is None else "up" if change > 0 else "down" if change < 0 else "flat"}


@staff_required
@require_GET
def page(request):
    council, allowed = _access(request)
    bar = read_council_period(request, council)
    period, error = bar.period, bar.error
    whole = policy.can_see_whole_scorecard(request.user, council.id)
    base = bar.query
    context = {
        "nav": "scorecard", "council": council, "whole": whole, "base": base, **bar.context(),
        "can_configure": policy.can_configure_scorecard(request.user, council.id),
    }
    if period is not None:
        board = scoring.board(council.id, period)
        context["board"] = board
        context["weights"] = [(c, board.weights.get(c.key, 0)) for c in board.criteria]
        if whole:
            cards = sorted(board.cards, key=lambda c: (c.rank is None, c.rank or 0, c.agency.name))
            context["rows"] = [{
                "card": c, "score": scoring.score_text(c.score), "trend": _trend(c),
                "previous": scoring.score_text(c.previous_score),
                "cells": [_cell(board, c, k, base) for k in board.criteria],
            } for c in cards]
            context["median_cells"] = [(k, scoring.figure_text(k, board.medians.get(k.key))) for k in board.criteria]
            context["column_groups"] = _column_groups(board.criteria)
            context["group_starts"] = {
                c.key for i, c in enumerate(board.criteria) if i == 0 or c.group != board.criteria[i - 1].group or not c.group}
        else:
            context["own"] = [{
                "card": c, "score": scoring.score_text(c.score), "trend": _trend(c),
                "previous": scoring.score_text(c.previous_score),
                "cells": [_cell(board, c, k, base, whole=False) | {"weight": board.weights.get(k.key, 0), "criterion": k}
                          for k in board.criteria],
            } for c in board.cards if c.agency.id in allowed]
        context["median_score"] = scoring.score_text(board.median_score if whole else board.agency_median_score())
    return render(request, "workspace/scorecard/page.html", context, status=400 if error else 200)


@staff_required
@require_GET
def items(request, key: str):
    council, _allowed = _access(request)
    criterion = criteria.get(key)
    if criterion is None or criterion.items is None:
        raise Http404(_("این معیار در کارنامه نیست."))
    agency_id = policy.access_scorecard_agency(request.user, council.id, request.GET.get("agency"))
    bar = read_council_period(request, council)
    period = bar.period
    if bar.error:
        return HttpResponseBadRequest(bar.error)
    entries = criterion.items(council.id, agency_id, period)
    value = criterion.compute(council.id, [agency_id], period).get(agency_id)
    from hamafza.agencies.registry import get_registry

    return render(request, "workspace/scorecard/items.html", {
        "nav": "scorecard", "council": council, "criterion": criterion, "period": period,
        "agency": get_registry().agencies[agency_id], "entries": entries,
        "value": scoring.figure_text(criterion, value),
        "back": f"{reverse('workspace:scorecard:page')}?{bar.query}",
    })


@staff_required
@require_GET
def export_xlsx(request):
    from hamafza.scorecard import xlsx

    council, allowed = _access(request)
    bar = read_council_period(request, council)
    if bar.error:
        return HttpResponseBadRequest(bar.error)
    period = bar.period
    board = scoring.board(council.id, period)
    body = xlsx.workbook(board, allowed, policy.can_see_whole_scorecard(request.user, council.id))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="scorecard-{council.id}-{period.start}-{period.end}.xlsx"'
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def weights(request):
    council, _allowed = _access(request)
    if not policy.can_configure_scorecard(request.user, council.id):
        raise PermissionDenied
    current = scoring.weights_of(council.id)
    from hamafza.scorecard.models import ScorecardSettings

    stored = ScorecardSettings.objects.filter(council_id=council.id).first()
    public_scores = bool(stored and stored.public_scores)
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {c.key: request.POST[f"weight_{c.key}"] for c in criteria.all_criteria() if f"weight_{c.key}" in request.POST}
        public_scores = request.POST.get("public_scores") == "on"
        try:
            actions.set_weights(request.user, council.id, typed, public_scores)
        except ScorecardError as exc:
            errors[exc.field or "weights"] = exc.message
        else:
            messages.success(request, _("معیارها و وزن‌های کارنامه ذخیره شد."))
            target = reverse("workspace:scorecard:weights")
            return redirect(f"{target}?council={council.id}" if request.GET.get("council") else target)
    rows = [{"criterion": c, "weight": typed.get(c.key, current.get(c.key, 0)), "error": errors.get(f"weight_{c.key}", "")}
            for c in criteria.all_criteria()]
    return render(request, "workspace/scorecard/weights.html", {
        "nav": "scorecard", "council": council, "rows": rows, "public_scores": public_scores,
        "error": errors.get("weights", ""), "council_query": f"?council={council.id}" if request.GET.get("council") else "",
    }, status=400 if errors else 200)
