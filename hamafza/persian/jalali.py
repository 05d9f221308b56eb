"""Jalali (Solar Hijri) dates: formatting for people, parsing of their input.

Every date the product shows is computed in Asia/Tehran and printed with Persian digits,
for example «۵ آذر ۱۴۰۵، ۱۴:۳۰».
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import jdatetime

from .digits import to_ascii_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
# jdatetime's weekday(): Saturday is 0.
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")


class JalaliDateError(ValueError):
    """A Jalali date that people typed does not exist or cannot be read."""


def to_tehran(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(TEHRAN)


def to_jalali(value: dt.date | dt.datetime) -> jdatetime.date:
    if isinstance(value, dt.datetime):
        value = to_tehran(value).date()
    return jdatetime.date.fromgregorian(date=value)


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def format_date(value: dt.date | dt.datetime, weekday: bool = False) -> str:
    """«۵ آذر ۱۴۰۵» (optionally «چهارشنبه ۵ آذر ۱۴۰۵»)."""
    j = to_jalali(value)
    text = f"{to_persian_digits(j.day)} {MONTHS[j.month - 1]} {to_persian_digits(j.year)}"
    if weekday:
        text = f"{WEEKDAYS[j.weekday()]} {text}"
    return text


def format_datetime(value: dt.datetime, weekday: bool = False) -> str:
    """«۵ آذر ۱۴۰۵، ۱۴:۳۰» in Tehran time."""
    local = to_tehran(value)
    return f"{format_date(local, weekday=weekday)}، {to_persian_digits(local.strftime('%H:%M'))}"


def format_month(year: int, month: int) -> str:
    """«آذر ۱۴۰۵»."""
    return f"{MONTHS[month - 1]} {to_persian_digits(year)}"


def format_numeric(value: dt.date | dt.datetime) -> str:
    """«۱۴۰۵/۰۹/۰۵»."""
    j = to_jalali(value)
    return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def iso_jalali(value: dt.date | dt.datetime) -> str:
    """Machine form for APIs: «1405-09-05» (or with «T14:30» for datetimes, Tehran time)."""
    if isinstance(value, dt.datetime):
        local = to_tehran(value)
        j = jdatetime.date.fromgregorian(date=local.date())
        return f"{j.year:04d}-{j.month:02d}-{j.day:02d}T{local:%H:%M:%S}+03:30"
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def is_valid(year: int, month: int, day: int) -> bool:
    try:
        jdatetime.date(year, month, day)
    except (ValueError, TypeError):
        return False
    return True


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    try:
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, TypeError) as exc:
        raise JalaliDateError(f"{year}/{month}/{day}") from exc


_DATE_RE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date:
    """Parse «۱۴۰۵/۰۹/۰۵», «1405-9-5» or «١٤٠٥/٠٩/٠٥» into a Gregorian date.

    Raises JalaliDateError for anything that is not a real Jalali date.
    """
    match = _DATE_RE.match(to_ascii_digits(text or ""))
    if not match:
        raise JalaliDateError(text)
    year, month, day = (int(part) for part in match.groups())
    return jalali_to_gregorian(year, month, day)


def past_month_end(text: str) -> tuple[int, int, int] | None:
    """(year, month, days in that month) when `text` is a date whose day is past the end of its
    month («۱۴۰۵/۰۷/۳۱»: Mehr has 30 days); None otherwise."""
    match = _DATE_RE.match(to_ascii_digits(text or ""))
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31) or is_valid(year, month, day):
        return None
    return year, month, next(d for d in (31, 30, 29) if is_valid(year, month, d))


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The aware datetimes [start, end) of a Jalali month in Tehran."""
    if not 1 <= month <= 12:
        raise JalaliDateError(f"{year}/{month}")
    start = jalali_to_gregorian(year, month, 1)
    end = jalali_to_gregorian(year + 1, 1, 1) if month == 12 else jalali_to_gregorian(year, month + 1, 1)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=TEHRAN),
        dt.datetime.combine(end, dt.time.min, tzinfo=TEHRAN),
    )


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    start = jalali_to_gregorian(year, 1, 1)
    end = jalali_to_gregorian(year + 1, 1, 1)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=TEHRAN),
        dt.datetime.combine(end, dt.time.min, tzinfo=TEHRAN),
    )


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min, tzinfo=TEHRAN)
    return start, start + dt.timedelta(days=1)
