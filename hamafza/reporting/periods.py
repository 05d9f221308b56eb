"""Jalali reporting periods: a month, a quarter, a year, or any run of months (a campaign)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

QUARTERS = {1: "بهار", 2: "تابستان", 3: "پاییز", 4: "زمستان"}


class PeriodError(ValueError):
    """A period people asked for that cannot be read."""


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def from_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def current_month() -> tuple[int, int]:
    today = jalali.to_jalali(timezone.now())
    return today.year, today.month


@dataclass(frozen=True)
class Period:
    start: int  # month_index of the first month
    end: int  # month_index of the last month (inclusive)
    label: str

    @property
    def months(self) -> list[tuple[int, int]]:
        return [from_index(i) for i in range(self.start, self.end + 1)]

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _m in self.months})

    def previous_year(self) -> Period:
        return Period(self.start - 12, self.end - 12, "")

    def contains(self, year: int, month: int) -> bool:
        return self.start <= month_index(year, month) <= self.end


def month(year: int, m: int) -> Period:
    return Period(month_index(year, m), month_index(year, m), jalali.format_month(year, m))


def quarter(year: int, q: int) -> Period:
    first = (q - 1) * 3 + 1
    return Period(month_index(year, first), month_index(year, first + 2), f"{QUARTERS[q]} {to_persian_digits(year)}")


def year(y: int) -> Period:
    return Period(month_index(y, 1), month_index(y, 12), _("سال %(year)s") % {"year": to_persian_digits(y)})


def span(y1: int, m1: int, y2: int, m2: int, label: str = "") -> Period:
    start, end = month_index(y1, m1), month_index(y2, m2)
    if end < start:
        raise PeriodError(_("پایان دوره پیش از آغاز آن است."))
    if end - start > 12 * 10:
        raise PeriodError(_("دوره بیش از ده سال است."))
    return Period(start, end, label or f"{jalali.format_month(y1, m1)} تا {jalali.format_month(y2, m2)}")


def _int(raw: str | None, low: int, high: int, what: str) -> int:
    text = to_ascii_digits((raw or "").strip())
    if not text.isdigit() or not low <= int(text) <= high:
        raise PeriodError(_("%(what)s نادرست است.") % {"what": what})
    return int(text)


def parse(params) -> Period:
    """?kind=month|quarter|year|span&year=۱۴۰۴&month=…&quarter=…&to_year=…&to_month=…"""
    kind = params.get("kind") or "year"
    y = _int(params.get("year"), 1300, 1500, _("سال"))
    if kind == "year":
        return year(y)
    if kind == "quarter":
        return quarter(y, _int(params.get("quarter"), 1, 4, _("فصل")))
    if kind == "month":
        return month(y, _int(params.get("month"), 1, 12, _("ماه")))
    if kind == "span":
        return span(
            y, _int(params.get("month"), 1, 12, _("ماه آغاز")),
            _int(params.get("to_year"), 1300, 1500, _("سال پایان")), _int(params.get("to_month"), 1, 12, _("ماه پایان")),
        )
    raise PeriodError(_("نوع دوره نادرست است."))
