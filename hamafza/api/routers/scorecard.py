"""The public part of the PR scorecard: per member agency, the figures of the public criteria for a
Jalali period, and the scores and ranks when the council publishes them (hamafza.scorecard.public)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from hamafza.reporting import periods
from hamafza.scorecard.public import public_table

from ..errors import BadRequest
from ..http import conditional
from ..schemas.common import ERRORS
from ..tenancy import current_council

router = Router(tags=["scorecard"])


class CriterionOut(Schema):
    key: str = Field(description="stable key of the criterion, e.g. news_count, photo_reports, image_share")
    name: str = Field(description="Persian name")
    formula: str = Field(description="how the figure is computed (Persian)")
    unit: str = Field(description="unit (Persian)")
    higher_is_better: bool


class AgencyScoreOut(Schema):
    agency: str = Field(description="agency slug")
    agency_name: str
    figures: dict[str, float | None] = Field(description="criterion key → value in the period (null: nothing to measure)")
    score: float | None = Field(description="weighted score 0–100; null unless the council publishes scores")
    rank: int | None = Field(description="rank in the council; null unless the council publishes scores")


class ScorecardOut(Schema):
    period: str = Field(description="the period's Persian label")
    scores_published: bool
    criteria: list[CriterionOut]
    agencies: list[AgencyScoreOut]


class PeriodQuery(Schema):
    kind: str = Field("year", max_length=10, description="month, quarter, year or campaign")
    year: str | None = Field(None, max_length=8, description="Jalali year, e.g. 1405")
    month: str | None = Field(None, max_length=4, description="1–12 (kind=month)")
    quarter: str | None = Field(None, max_length=2, description="1–4 (kind=quarter)")
    campaign: str | None = Field(None, max_length=20, description="a campaign id of this council (kind=campaign)")


@router.get("scorecard", response={200: ScorecardOut, **ERRORS},
            summary="The PR scorecard's public figures per member agency for a Jalali period")
@conditional
def scorecard(request: HttpRequest, query: Query[PeriodQuery]):
    council = current_council(request)
    params = {k: v for k, v in query.dict().items() if v is not None}
    if "year" not in params and params.get("kind") != "campaign":
        params["year"] = str(periods.current_month()[0])
    try:
        period = periods.parse(params, council.id)
    except periods.PeriodError as exc:
        raise BadRequest(str(exc) or _("دوره نادرست است.")) from None
    table = public_table(council.id, period)
    return {**table, "criteria": [
        {"key": c.key, "name": str(c.name), "formula": str(c.formula), "unit": str(c.unit),
         "higher_is_better": c.higher_is_better} for c in table["criteria"]]}
