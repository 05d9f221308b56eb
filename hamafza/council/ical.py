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
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "hamafza"
    for event in events:
        item = VEvent()
        item.add("uid", f"{event.uid}@{host}")
        item.add("dtstamp", now)
        item.add("summary", event.title)
        if event.time is not None:
            start = dt.datetime.combine(event.day, event.time, tzinfo=jalali.TEHRAN)
            item.add("dtstart", start)
            item.add("dtend", start + dt.timedelta(minutes=event.minutes or 30))
        else:
            item.add("dtstart", event.day)
            item.add("dtend", event.day + dt.timedelta(days=1))
        if event.place:
            item.add("location", event.place)
        if event.url:
            item.add("url", settings.SITE_URL + event.url)
        item.add("categories", [labels.get(event.kind, event.kind)])
        if event.status_label:
            item.add("description", event.status_label)
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
