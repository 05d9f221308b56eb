"""Jalali reporting periods: a month, a quarter, a year, or any run of months (a campaign)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

QUARTERS = {1: "بهار", 2: "تابستان", 3: "پاییز", 4: "زمستان"}


class PeriodError(ValueError):
    """A period people asked for that cannot be read; `field` names the parameter at fault
    ("year", "month", "quarter", "to_year", "to_month", "campaign", "kind"; "" for the whole)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


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
    # A campaign's own days (inclusive): its cooperation record counts news of these days only;
    # monthly figures cover the months the days fall in.
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    campaign_id: int | None = None

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

    def days(self) -> tuple[dt.date, dt.date]:
        """The first and last (Gregorian) day the period covers: a campaign's own days, else its
        months' from the first of the first to the last of the last. The one place a period
        becomes dates; bounds() is the same days as instants."""
        if self.first_day is not None and self.last_day is not None:
            return self.first_day, self.last_day
        y1, m1 = from_index(self.start)
        y2, m2 = from_index(self.end + 1)
        return jalali.jalali_to_gregorian(y1, m1, 1), jalali.jalali_to_gregorian(y2, m2, 1) - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The aware datetimes [since, until) of days() in Tehran: from the first day's midnight to
        the midnight after the last day (for filtering timestamps)."""
        first, last = self.days()
        return jalali.day_bounds(first)[0], jalali.day_bounds(last)[1]


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
        raise PeriodError(_("پایان دوره پیش از آغاز آن است."), "to_year")
    if end - start > 12 * 10:
        raise PeriodError(_("دوره بیش از ده سال است."), "to_year")
    return Period(start, end, label or f"{jalali.format_month(y1, m1)} تا {jalali.format_month(y2, m2)}")


def campaign(c) -> Period:
    """The months a council campaign (hamafza.council.models.Campaign) runs through, with its days."""
    a, b = jalali.to_jalali(c.start_date), jalali.to_jalali(c.end_date)
    label = _("پویش «%(title)s»، %(start)s تا %(end)s") % {
        "title": c.title, "start": jalali.format_date(c.start_date), "end": jalali.format_date(c.end_date)}
    return replace(span(a.year, a.month, b.year, b.month, label[:200]), first_day=c.start_date, last_day=c.end_date,
                   campaign_id=c.pk)


def campaigns_of(council_id: int):
    """A council's campaigns, newest first, for the report forms."""
    from hamafza.council.models import Campaign

    return list(Campaign.objects.filter(council_id=council_id).order_by("-start_date", "-id"))


def _int(raw: str | None, low: int, high: int, what: str, field: str) -> int:
    text = to_ascii_digits((raw or "").strip())
    if not text.isdigit() or not low <= int(text) <= high:
        raise PeriodError(_("%(what)s نادرست است.") % {"what": what}, field)
    return int(text)


def parse(params, council_id: int | None = None) -> Period:
    """?kind=month|quarter|year|span&year=۱۴۰۴&month=…&quarter=…&to_year=…&to_month=…, or
    ?kind=campaign&campaign=<id> (a campaign of the council `council_id`, none other)."""
    kind = params.get("kind") or "year"
    if kind == "campaign":
        from hamafza.council.models import Campaign

        raw = to_ascii_digits((params.get("campaign") or "").strip())
        found = Campaign.objects.filter(pk=int(raw), council_id=council_id).first() if raw.isdigit() and council_id else None
        if found is None:
            raise PeriodError(_("پویش را از فهرست پویش‌های این شورا برگزینید."), "campaign")
        return campaign(found)
    y = _int(params.get("year"), 1300, 1500, _("سال"), "year")
    if kind == "year":
        return year(y)
    if kind == "quarter":
        return quarter(y, _int(params.get("quarter"), 1, 4, _("فصل"), "quarter"))
    if kind == "month":
        return month(y, _int(params.get("month"), 1, 12, _("ماه"), "month"))
    if kind == "span":
        return span(
            y, _int(params.get("month"), 1, 12, _("ماه آغاز"), "month"),
            _int(params.get("to_year"), 1300, 1500, _("سال پایان"), "to_year"),
            _int(params.get("to_month"), 1, 12, _("ماه پایان"), "to_month"),
        )
    raise PeriodError(_("نوع دوره نادرست است."), "kind")
