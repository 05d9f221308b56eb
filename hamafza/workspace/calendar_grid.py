"""The reusable Jalali calendar of the workspace: reads the month / week / agenda span from the
query string and builds what the templates `workspace/_calendar_head.html` (title and navigation)
and `workspace/_calendar_grid.html` (the month table or the day list) show. The council's shared
calendar and a resource's booking calendar both use it:

    span = calendar_grid.read_span(request.GET, today)
    events = ...events between span.start and span.end...
    context.update(calendar_grid.build(span, events, today, agency_names, filters))
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from django.http import Http404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hamafza.council import calendar
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits

VIEWS = ("month", "week", "agenda")


@dataclass(frozen=True)
class Span:
    view: str
    year: int
    month: int
    anchor: dt.date
    start: dt.date
    end: dt.date


def read_int(raw, default: int, low: int, high: int) -> int:
    try:
        value = int(to_ascii_digits(str(raw)))
    except (TypeError, ValueError):
        return default
    if not low <= value <= high:
        raise Http404(_("چنین تاریخی در تقویم نیست."))
    return value


def read_span(params, today: dt.date, default_view: str = "month") -> Span:
    view = params.get("view", default_view)
    if view not in VIEWS:
        view = default_view
    jtoday = jalali.to_jalali(today)
    year = read_int(params.get("y"), jtoday.year, 1300, 1500)
    month = read_int(params.get("m"), jtoday.month, 1, 12)
    anchor = today
    if params.get("d"):
        try:
            anchor = jalali.parse_date(params["d"])
        except jalali.JalaliDateError:
            raise Http404(_("چنین تاریخی در تقویم نیست.")) from None
    if view == "month":
        _first, _last, start, end = calendar.month_range(year, month)
    elif view == "week":
        start = calendar.saturday_on_or_before(anchor)
        end = start + dt.timedelta(days=6)
    else:
        start, end = anchor, anchor + dt.timedelta(days=30)
    return Span(view, year, month, anchor, start, end)


def events_html(days, agency_names: dict) -> None:
    """Each day's events as one HTML string: a month holds hundreds of events, and one include
    (or format_html) per event costs more than the rest of the page (bench/calendar_bench.py).
    Every value is escaped with html.escape."""
    esc = html.escape
    for day in days:
        parts = []
        for e in day.events:
            classes = f"ev ev-{e.kind}" + (f" evs-{e.status}" if e.status else "")
            title = f"{e.title} · {e.status_label}" if e.status_label else e.title
            time_html = f'<span class="ev-time">{e.time_text}</span> ' if e.time else ""
            agency = agency_names.get(e.agency_id, "") if e.agency_id else ""
            agency_html = f' <span class="ev-agency">{esc(agency)}</span>' if agency else ""
            parts.append(f'<a class="{esc(classes)}" href="{esc(e.url)}" title="{esc(title)}">{time_html}{esc(e.title)}{agency_html}</a>')
        day.events_html = mark_safe("".join(parts))


def build(span: Span, events: list, today: dt.date, agency_names: dict, filters: str = "") -> dict:
    """The context of the two calendar templates: view, year, month, title, weekdays, weeks (month)
    or days (week, agenda), prev / next links and the filters carried by every link."""
    view, year, month, anchor = span.view, span.year, span.month, span.anchor
    context = {"view": view, "year": year, "month": month, "title": jalali.format_month(year, month),
               "weekdays": calendar.WEEKDAYS, "filters": filters}
    if view == "month":
        context["weeks"] = calendar.month_grid(year, month, events, today)
        events_html([d for w in context["weeks"] for d in w], agency_names)
        prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
        next_y, next_m = (year + 1, 1) if month == 12 else (year, month + 1)
        context["prev"] = f"?view=month&y={prev_y}&m={prev_m}{filters}"
        context["next"] = f"?view=month&y={next_y}&m={next_m}{filters}"
    else:
        days = (calendar.week_days(anchor, events, today) if view == "week"
                else calendar.agenda_days(span.start, span.end, events, today))
        step = 7 if view == "week" else 30
        context["days"] = days
        events_html(days, agency_names)
        context["title"] = f"{jalali.format_date(span.start)} – {jalali.format_date(span.end)}"
        context["prev"] = f"?view={view}&d={jalali.iso_jalali(anchor - dt.timedelta(days=step))}{filters}"
        context["next"] = f"?view={view}&d={jalali.iso_jalali(anchor + dt.timedelta(days=step))}{filters}"
    return context
