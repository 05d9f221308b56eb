"""Persian words for ages, sizes and counts in check summaries (Persian digits throughout)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from hamafza.persian import jalali
from hamafza.persian.digits import format_number


def number(value: int | float) -> str:
    return format_number(value, places=1)


def age(seconds: float) -> str:
    """How long ago, in the largest whole unit: «۳ دقیقه», «۲ روز»."""
    seconds = max(0, int(seconds))
    for size, unit in ((86400, _("روز")), (3600, _("ساعت")), (60, _("دقیقه"))):
        if seconds >= size:
            return f"{number(seconds // size)} {unit}"
    return f"{number(seconds)} {_('ثانیه')}"


def size(n_bytes: int) -> str:
    value = float(n_bytes)
    for unit in (_("بایت"), _("کیلوبایت"), _("مگابایت"), _("گیگابایت")):
        if value < 1024:
            return f"{number(round(value, 1))} {unit}"
        value /= 1024
    return f"{number(round(value, 1))} {_('ترابایت')}"


def when(value: dt.datetime) -> str:
    return jalali.format_datetime(value)
