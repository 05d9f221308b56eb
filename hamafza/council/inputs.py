"""Reading what people type: Jalali dates and times with Persian or Latin digits."""

import datetime as dt
import re

from django.utils.translation import gettext as _

from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

from .errors import CouncilError

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:٫.]\s*(\d{2})\s*$")


def parse_date(text: str, label: str, field: str = "") -> dt.date:
    text = (text or "").strip()
    if not text:
        raise CouncilError(_("%(label)s را وارد کنید (مثلاً ۱۴۰۵/۰۹/۲۵).") % {"label": label}, field)
    try:
        return jalali.parse_date(text)
    except jalali.JalaliDateError:
        short = _short_month(text)
        if short:
            message = _("«%(text)s» برای %(label)s یک تاریخ شمسی درست نیست: %(why)s.") % {
                "text": text, "label": label, "why": short}
        else:
            message = _("«%(text)s» برای %(label)s یک تاریخ شمسی درست نیست؛ به شکل ۱۴۰۵/۰۹/۲۵ بنویسید.") % {
                "text": text, "label": label}
        raise CouncilError(message, field) from None


def _short_month(text: str) -> str:
    """«مهر ۱۴۰۵ فقط ۳۰ روز دارد» for a day past the end of its month, else ""."""
    found = jalali.past_month_end(text)
    if found is None:
        return ""
    year, month, length = found
    return _("%(month)s %(year)s فقط %(n)s روز دارد") % {
        "month": jalali.month_name(month), "year": to_persian_digits(year), "n": to_persian_digits(length)}


def parse_time(text: str, label: str, field: str = "", required: bool = False) -> dt.time | None:
    text = to_ascii_digits((text or "").strip())
    if not text:
        if required:
            raise CouncilError(_("%(label)s را وارد کنید (مثلاً ۱۰:۳۰).") % {"label": label}, field)
        return None
    match = _TIME.match(text)
    if not match or not (0 <= int(match[1]) < 24 and 0 <= int(match[2]) < 60):
        raise CouncilError(_("«%(text)s» برای %(label)s ساعت درستی نیست؛ به شکل ۱۰:۳۰ بنویسید.") % {"text": text, "label": label}, field)
    return dt.time(int(match[1]), int(match[2]))


def tehran_datetime(day: dt.date, time: dt.time | None) -> dt.datetime:
    return dt.datetime.combine(day, time or dt.time(9, 0), tzinfo=jalali.TEHRAN)


def jalali_input(value: dt.date | None) -> str:
    """The value an input shows back: «۱۴۰۵/۰۹/۲۵»."""
    return jalali.format_numeric(value) if value else ""
