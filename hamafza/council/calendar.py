"""The shared Jalali calendar: month, week and agenda grids over events from pluggable sources.

An event source is a function `fetch(query) -> Iterable[Event]` registered under a kind:

    from hamafza.council import calendar
    calendar.register_source("booking", _("رزرو منابع"), fetch_bookings)

Each source must answer only what `query.user` may see (ask hamafza.policy) and should read with
one query; the council app registers programs, meetings, task deadlines and scheduled posts.
Weeks start on Saturday; Fridays and Iran's official holidays (the `holidays` package, Persian
names) are marked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays as holidays_lib
import jdatetime
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hamafza import policy
from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

WEEKDAYS = jalali.WEEKDAYS  # Saturday first


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    uid: str
    title: str
    day: dt.date
    time: dt.time | None = None
    minutes: int = 60  # duration of a timed event
    agency_id: int | None = None
    url: str = ""
    place: str = ""
    status: str = ""
    status_label: str = ""

    @property
    def sort_key(self) -> tuple:
        return (self.day, self.time or dt.time.min, self.kind, self.title)

    @property
    def time_text(self) -> str:
        return to_persian_digits(self.time.strftime("%H:%M")) if self.time else ""


@dataclass(frozen=True)
class Query:
    user: object
    roles: policy.Roles
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    agency_ids: frozenset[int] | None = None  # None: every agency

    @property
    def since(self) -> dt.datetime:
        return jalali.day_bounds(self.start)[0]

    @property
    def until(self) -> dt.datetime:
        return jalali.day_bounds(self.end)[1]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    fetch: Callable[[Query], Iterable[Event]]


_sources: dict[str, Source] = {}


def register_source(kind: str, label, fetch: Callable[[Query], Iterable[Event]]) -> None:
    _sources[kind] = Source(kind, label, fetch)


def sources() -> list[Source]:
    return list(_sources.values())


def collect(user, start: dt.date, end: dt.date, agency_ids: Iterable[int] | None = None,
            kinds: Iterable[str] | None = None) -> list[Event]:
    query = Query(user, policy.roles_of(user), start, end, frozenset(agency_ids) if agency_ids else None)
    wanted = set(kinds) if kinds else None
    events: list[Event] = []
    for source in _sources.values():
        if wanted is None or source.kind in wanted:
            events.extend(source.fetch(query))
    events.sort(key=lambda e: e.sort_key)
    return events


# --- Holidays -----------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _holidays_of(year: int) -> dict[dt.date, str]:
    return dict(holidays_lib.country_holidays("IR", years=year, language="fa_IR").items())


def holidays_between(start: dt.date, end: dt.date) -> dict[dt.date, list[str]]:
    out: dict[dt.date, list[str]] = {}
    for year in range(start.year, end.year + 1):
        for day, names in _holidays_of(year).items():
            if start <= day <= end:
                out[day] = [n.strip() for n in names.split(";") if n.strip()]
    return out


def off_day_reason(day: dt.date) -> str:
    """Why `day` is not a working day in Iran («جمعه», the holiday's name, or both), or "" for a
    working day. Forms warn with it before something is arranged on such a day."""
    reasons = [jalali.WEEKDAYS[6]] if day.weekday() == 4 else []  # Friday: Jalali weekday 6, date.weekday() 4
    reasons += holidays_between(day, day).get(day, [])
    return "، ".join(reasons)


# --- Grids --------------------------------------------------------------------------------------

@dataclass
class Day:
    date: dt.date
    jalali: jdatetime.date
    in_range: bool
    is_today: bool
    holidays: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def number(self) -> str:
        return to_persian_digits(self.jalali.day)

    @property
    def is_friday(self) -> bool:
        return self.jalali.weekday() == 6

    @property
    def is_off(self) -> bool:
        return self.is_friday or bool(self.holidays)

    @property
    def title(self) -> str:
        return jalali.format_date(self.date, weekday=True)

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def saturday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)  # date.weekday(): Saturday is 5


def month_range(year: int, month: int) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """(first day, last day, grid start, grid end) of a Jalali month; the grid is whole weeks."""
    start, end = jalali.month_bounds(year, month)
    first, last = start.date(), end.date() - dt.timedelta(days=1)
    grid_start = saturday_on_or_before(first)
    grid_end = saturday_on_or_before(last) + dt.timedelta(days=6)
    return first, last, grid_start, grid_end


def _days(grid_start: dt.date, grid_end: dt.date, first: dt.date, last: dt.date, events: list[Event],
          today: dt.date) -> list[Day]:
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.day].append(event)
    off = holidays_between(grid_start, grid_end)
    days, day = [], grid_start
    while day <= grid_end:
        days.append(Day(day, jdatetime.date.fromgregorian(date=day), first <= day <= last, day == today,
                        off.get(day, []), by_day.get(day, [])))
        day += dt.timedelta(days=1)
    return days


def month_grid(year: int, month: int, events: list[Event], today: dt.date) -> list[list[Day]]:
    first, last, grid_start, grid_end = month_range(year, month)
    days = _days(grid_start, grid_end, first, last, events, today)
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def week_days(any_day: dt.date, events: list[Event], today: dt.date) -> list[Day]:
    start = saturday_on_or_before(any_day)
    end = start + dt.timedelta(days=6)
    return _days(start, end, start, end, events, today)


def agenda_days(start: dt.date, end: dt.date, events: list[Event], today: dt.date) -> list[Day]:
    """Only the days that have events or holidays."""
    return [d for d in _days(start, end, start, end, events, today) if d.events or d.holidays]


# --- The council's own sources ------------------------------------------------------------------

def _tehran(value: dt.datetime) -> dt.datetime:
    return jalali.to_tehran(value)


def _url_maker(name: str):
    """reverse() once per source, not once per event."""
    prefix = reverse(name, args=[987654321]).split("987654321")
    return lambda pk: f"{prefix[0]}{pk}{prefix[1]}"


def _programs(query: Query) -> Iterable[Event]:
    from .models import ProgramProposal

    roles = query.roles
    qs = ProgramProposal.objects.filter(date__gte=query.start, date__lte=query.end).exclude(
        status=ProgramProposal.Status.DECLINED
    )
    if not roles.superuser:
        councils = [c for c in get_registry().councils if policy.can_view_council(query.user, c)]
        approved = Q(status=ProgramProposal.Status.APPROVED, campaign__council_id__in=councils)
        qs = qs.filter(approved | Q(agency_id__in=list(roles.agencies)) | Q(campaign__council_id__in=list(roles.overseen_councils)))
    if query.agency_ids is not None:
        qs = qs.filter(agency_id__in=query.agency_ids)
    labels = dict(ProgramProposal.Status.choices)
    url = _url_maker("workspace:council:proposal")
    for p in qs.values_list("id", "title", "date", "start_time", "agency_id", "place", "status", "campaign__title"):
        yield Event("program", f"program-{p[0]}", p[1], p[2], p[3], 120, p[4],
                    url(p[0]), p[5], p[6], f"{p[7]} · {labels[p[6]]}")


def _meetings(query: Query) -> Iterable[Event]:
    from .models import Meeting

    qs = policy.visible_meetings(query.user).filter(starts_at__gte=query.since, starts_at__lt=query.until)
    if query.agency_ids is not None:
        qs = qs.filter(pk__in=Meeting.invited_agencies.through.objects.filter(agency_id__in=query.agency_ids).values("meeting_id"))
    url = _url_maker("workspace:council:meeting")
    for m in qs.values_list("id", "title", "starts_at", "place"):
        local = _tehran(m[2])
        yield Event("meeting", f"meeting-{m[0]}", m[1], local.date(), local.time().replace(second=0, microsecond=0), 120,
                    None, url(m[0]), m[3])


def _tasks(query: Query) -> Iterable[Event]:
    from .models import Task

    qs = policy.visible_tasks(query.user).filter(deadline__gte=query.start, deadline__lte=query.end).exclude(
        status=Task.Status.CANCELLED
    )
    if query.agency_ids is not None:
        qs = qs.filter(agency_id__in=query.agency_ids)
    labels = dict(Task.Status.choices)
    url = _url_maker("workspace:council:task")
    for t in qs.values_list("id", "title", "deadline", "agency_id", "status"):
        yield Event("task", f"task-{t[0]}", t[1], t[2], None, 0, t[3], url(t[0]),
                    "", t[4], labels[t[4]])


def _scheduled_posts(query: Query) -> Iterable[Event]:
    from hamafza.newsroom.models import NewsItem

    qs = policy.visible_items(query.user).filter(
        status=NewsItem.Status.SCHEDULED, published_at__gte=query.since, published_at__lt=query.until,
    )
    if query.agency_ids is not None:
        qs = qs.filter(lead_agency_id__in=query.agency_ids)
    url = _url_maker("workspace:item")
    for i in qs.values_list("id", "title", "published_at", "lead_agency_id"):
        local = _tehran(i[2])
        yield Event("post", f"post-{i[0]}", i[1], local.date(), local.time().replace(second=0, microsecond=0), 15, i[3],
                    url(i[0]))


def register_builtin_sources() -> None:
    register_source("program", _("برنامه‌های پویش"), _programs)
    register_source("meeting", _("نشست‌ها"), _meetings)
    register_source("task", _("مهلت وظایف"), _tasks)
    register_source("post", _("انتشار زمان‌بندی‌شده"), _scheduled_posts)
