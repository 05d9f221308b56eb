"""A person's calendar as RFC 5545 (the icalendar library): timed events in Asia/Tehran with
the zone's VTIMEZONE, all-day events as dates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from hamafza.persian import jalali

from . import calendar

PAST_DAYS = 60
FUTURE_DAYS = 400


def _host() -> str:
    return settings.SITE_URL.split("//")[-1].split("/")[0] or "hamafza"


def _vevent(uid: str, title: str, day: dt.date, time: dt.time | None, minutes: int, place: str, url: str,
            host: str, now: dt.datetime) -> VEvent:
    item = VEvent()
    item.add("uid", f"{uid}@{host}")
    item.add("dtstamp", now)
    item.add("summary", title)
    if time is not None:
        start = dt.datetime.combine(day, time, tzinfo=jalali.TEHRAN)
        item.add("dtstart", start)
        item.add("dtend", start + dt.timedelta(minutes=minutes))
    else:
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
    if place:
        item.add("location", place)
    if url:
        item.add("url", url)
    return item


def single_event(uid: str, title: str, day: dt.date, time: dt.time | None, minutes: int = 60, place: str = "",
                 url: str = "", description: str = "", now: dt.datetime | None = None) -> bytes:
    """One event as an .ics file (an invitation's attachment: METHOD PUBLISH, no attendees)."""
    cal = Calendar()
    cal.add("prodid", "-//Hamafza//Council calendar//FA")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    item = _vevent(uid, title, day, time, minutes or 60, place, url, _host(), now or timezone.now())
    if description:
        item.add("description", description)
    cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def build(user, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    today = jalali.to_tehran(now).date()
    events = calendar.collect(user, today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=FUTURE_DAYS))
    labels = {s.kind: str(s.label) for s in calendar.sources()}
    cal = Calendar()
    cal.add("prodid", "-//Hamafza//Council calendar//FA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "هم‌افزا")
    cal.add("x-wr-timezone", "Asia/Tehran")
    host = _host()
    for event in events:
        item = _vevent(event.uid, event.title, event.day, event.time, event.minutes or 30, event.place,
                       settings.SITE_URL + event.url if event.url else "", host, now)
        item.add("categories", [labels.get(event.kind, event.kind)])
        if event.status_label:
            item.add("description", event.status_label)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
