"""The workspace's period bar (template workspace/components/period_bar.html, its CSS in
workspace.css, the field switching in ui.js): the one picker of a Jalali period on the scorecard,
the reciprocity record, the reach page and the consolidated report.

    bar = read_period(request, council, kinds=RECORD_KINDS, keep={"council": …})
    bar.params, bar.period, bar.error   # what was asked for, the Period (None on an error), the Persian error
    render(…, {**bar.context(), …})     # what the component shows

Each page offers the kinds it supports (month, quarter, year, a run of months, a campaign); a page
that passes no council offers no campaign. What people type is read by
hamafza.reporting.periods.parse (Persian or Latin digits); the form shows it back in Persian digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.persian import jalali
from hamafza.reporting import periods

KIND_LABELS = {
    "month": gettext_lazy("ماه"),
    "quarter": gettext_lazy("فصل"),
    "year": gettext_lazy("سال"),
    "span": gettext_lazy("بازهٔ چند ماه"),
    "campaign": gettext_lazy("پویش"),
}
RECORD_KINDS = ("month", "quarter", "year", "campaign")  # the scorecard and the reciprocity record
ALL_KINDS = tuple(KIND_LABELS)
PERIOD_KEYS = ("kind", "year", "month", "quarter", "to_year", "to_month", "campaign")


@dataclass
class PeriodBar:
    params: dict  # what was asked for (defaults filled in), to show again and to keep in links
    period: periods.Period | None
    error: str | None
    error_field: str  # the parameter the error is about ("" when none)
    kinds: tuple[str, ...]
    campaigns: list = field(default_factory=list)
    keep: dict = field(default_factory=dict)  # other parameters of the page: hidden in the form, kept by the shortcuts
    link_keep: dict = field(default_factory=dict)  # kept by the shortcuts only (the page's own fields hold them)

    @property
    def query(self) -> str:
        """The period and the kept parameters as a query string (for the page's other links)."""
        return urlencode({k: v for k, v in self.params.items() if v} | self.keep)

    def shortcuts(self) -> list[dict]:
        """This month, this quarter, this year and last year, as far as the page offers them."""
        year, month = periods.current_month()
        q = (month - 1) // 3 + 1
        offered = [
            ("month", jalali.format_month(year, month), {"kind": "month", "year": year, "month": month}),
            ("quarter", periods.quarter(year, q).label, {"kind": "quarter", "year": year, "quarter": q}),
            ("year", periods.year(year).label, {"kind": "year", "year": year}),
            ("year", periods.year(year - 1).label, {"kind": "year", "year": year - 1}),
        ]
        current = self.period.label if self.period else None
        return [{"label": label, "query": urlencode(query | self.keep | self.link_keep), "current": label == current}
                for kind, label, query in offered if kind in self.kinds]

    def context(self, extra_fields: str = "", primary: bool = True) -> dict:
        """The template context of the component (`period_bar`), and the page's `params`, `period`
        and `error`. `extra_fields`: a template of the page's own fields, shown before the period's;
        `primary`: whether «نمایش» is the page's primary button (not where the page has its own)."""
        return {
            "params": self.params, "period": self.period, "error": self.error,
            "period_bar": {
                "params": self.params, "period": self.period, "error": self.error, "error_field": self.error_field,
                "kinds": [(k, KIND_LABELS[k]) for k in self.kinds if k != "campaign" or self.campaigns],
                "offers": set(self.kinds), "months": list(enumerate(jalali.MONTHS, start=1)),
                "quarters": list(periods.QUARTERS.items()), "campaigns": self.campaigns,
                "shortcuts": self.shortcuts(), "keep": list(self.keep.items()), "extra_fields": extra_fields,
                "primary": primary,
            },
        }


def read_period(request, council=None, *, kinds: tuple[str, ...] = RECORD_KINDS, default_kind: str = "year",
                default_year: int | None = None, keep: dict | None = None, link_keep: dict | None = None) -> PeriodBar:
    """The period asked for in the query string: by default `default_kind` of `default_year` (the
    current Jalali year unless given); the fields the asked kind does not read start at this month
    and quarter. A kind the page does not offer is an error (shown in Persian, with the default's fields)."""
    if council is None:
        kinds = tuple(k for k in kinds if k != "campaign")
    params = {k: request.GET.get(k, "") for k in PERIOD_KEYS if k not in ("to_year", "to_month") or "span" in kinds}
    if "campaign" not in kinds:
        params.pop("campaign", None)
    year, month = periods.current_month()
    params["kind"] = params["kind"] or default_kind
    typed = bool(params["year"])  # nothing typed yet: the default period, every field filled in
    params["year"] = params["year"] or str(default_year or year)
    # The form's other fields start at this month and quarter; those the kind reads stay as typed.
    if not params["month"] and (not typed or params["kind"] not in ("month", "span")):
        params["month"] = str(month)
    if not params["quarter"] and (not typed or params["kind"] != "quarter"):
        params["quarter"] = str((month - 1) // 3 + 1)
    campaigns = periods.campaigns_of(council.id) if "campaign" in kinds else []
    bar = PeriodBar(params, None, None, "", kinds, campaigns, dict(keep or {}), dict(link_keep or {}))
    if params["kind"] not in kinds:
        params["kind"] = default_kind
        bar.error, bar.error_field = _("نوع دوره نادرست است."), "kind"
        return bar
    try:
        bar.period = periods.parse(params, council.id if council is not None else None)
    except periods.PeriodError as exc:
        bar.error, bar.error_field = str(exc), exc.field
    return bar


def read_council_period(request, council) -> PeriodBar:
    """A council's record page (scorecard, reciprocity): month, quarter, year or one of its
    campaigns, the current year by default; a site admin's chosen council stays in the links."""
    return read_period(request, council, keep={"council": council.id} if request.GET.get("council") else {})
