"""Reading what people type: Jalali dates and times with Persian or Latin digits, text within its
limit, and the news item a person names by its address or number."""

import datetime as dt
import re

from django.utils.translation import gettext as _

from hamafza.core import limits
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

from .errors import CouncilError

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:٫.]\s*(\d{2})\s*$")
_ITEM = re.compile(r"/(?:news|n)/(\d{1,18})(?:/|$|\?)")


def read_text(value, label: str, field: str, limit: int, *, required: bool = False, one_line: bool = False,
              error: type[CouncilError] = CouncilError) -> str:
    """The text trimmed (one line: inner whitespace folded), refused with a Persian message when
    required and empty, longer than `limit` or holding a NUL character (which PostgreSQL cannot
    store). `error` lets another app raise its own subclass of CouncilError."""
    value = str(value or "")
    if "\x00" in value:
        raise error(_("«%(label)s» نویسهٔ نامعتبر دارد.") % {"label": label}, field)
    value = " ".join(value.split()) if one_line else value.strip()
    if required and not value:
        raise error(_("%(label)s را وارد کنید.") % {"label": label}, field)
    if len(value) > limit:
        raise error(limits.message(label, limit, len(value)), field)  # the one wording (hamafza.core.limits)
    return value


def item_ref(text: str, field: str) -> int | None:
    """The number of the news item a person names by its portal address («…/news/123/…») or its
    number; None when nothing was typed. Whether it exists and may be used is the action's question."""
    text = to_ascii_digits((text or "").strip())
    if not text:
        return None
    match = _ITEM.search(text) or re.fullmatch(r"(\d{1,18})", text)
    if not match or not 0 < int(match[1]) < 2**63:
        raise CouncilError(_("«%(text)s» نشانی یک خبر منتشرشده نیست.") % {"text": text[:200]}, field)
    return int(match[1])


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
