"""The period picker of the workspace's record pages (the reciprocity record, the scorecard):
what was asked for, and the shortcuts offered."""

from __future__ import annotations

from urllib.parse import urlencode

from hamafza.persian import jalali
from hamafza.reporting import periods

KINDS = ("month", "quarter", "year", "campaign")
PERIOD_KEYS = ("kind", "year", "month", "quarter", "campaign")


def read_period(request, council) -> tuple[dict, periods.Period | None, str | None]:
    """The period asked for (default: the current Jalali year; or one of the council's campaigns)
    and what was typed, to show again; the Persian error when it cannot be read."""
    params = {k: request.GET.get(k, "") for k in PERIOD_KEYS}
    if not params["year"]:
        year, month = periods.current_month()
        params.update(kind=params["kind"] or "year", year=str(year), month=params["month"] or str(month),
                      quarter=params["quarter"] or str((month - 1) // 3 + 1))
    if params["kind"] not in KINDS:
        params["kind"] = "year"
    try:
        return params, periods.parse(params, council.id), None
    except periods.PeriodError as exc:
        return params, None, str(exc)


def shortcuts() -> list[tuple[str, str]]:
    """This month, this quarter, this year, last year: (label, query string)."""
    year, month = periods.current_month()
    q = (month - 1) // 3 + 1
    return [
        (jalali.format_month(year, month), urlencode({"kind": "month", "year": year, "month": month})),
        (periods.quarter(year, q).label, urlencode({"kind": "quarter", "year": year, "quarter": q})),
        (periods.year(year).label, urlencode({"kind": "year", "year": year})),
        (periods.year(year - 1).label, urlencode({"kind": "year", "year": year - 1})),
    ]


def picker_context(council) -> dict:
    """What the picker's form lists: months, quarters, the council's campaigns, the shortcuts."""
    return {
        "months": list(enumerate(jalali.MONTHS, start=1)),
        "quarters": list(periods.QUARTERS.items()),
        "campaigns": periods.campaigns_of(council.id),
        "shortcuts": shortcuts(),
    }
