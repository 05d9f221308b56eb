"""Reading and checking a monthly figure typed by people (grid, XLSX import, API).

Errors stop the figure; warnings (a jump against the same month last year) are shown and the
figure is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from hamafza.persian.digits import format_number, to_ascii_digits, to_persian_digits

from .models import Indicator
from .periods import current_month, month_index

MAX_ABS = Decimal("1e15")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class ValueProblem(ValueError):
    pass


@dataclass
class Check:
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_number(raw) -> Decimal | None:
    """A number from a cell or a form: Persian, Arabic or Latin digits, «٫» or «.» as the decimal
    point, «٬» or «,» between thousands, a leading minus. Empty → None."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueProblem(_("«%(text)s» عدد نیست.") % {"text": raw})
    if isinstance(raw, (int, float, Decimal)):
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise ValueProblem(_("عدد نامعتبر است.")) from None
    text = to_ascii_digits(str(raw)).strip()
    if not text:
        return None
    text = text.replace("\u200f", "").replace("\u200e", "").replace("−", "-").replace("–", "-")
    text = text.replace("٫", ".").replace("٬", "").replace(",", "").replace(" ", "")
    if not _NUMBER.match(text):
        raise ValueProblem(_("«%(text)s» عدد نیست؛ فقط رقم، ممیز و علامت منفی پذیرفته است.") % {"text": str(raw).strip()[:40]})
    value = Decimal(text)
    if abs(value) >= MAX_ABS:
        raise ValueProblem(_("عدد بیش از اندازه بزرگ است."))
    if value.as_tuple().exponent < -4:
        raise ValueProblem(_("بیش از چهار رقم اعشار پذیرفته نیست."))
    return value


def fmt(value: Decimal | None) -> str:
    """A figure for people: the one Persian number format (hamafza.persian.digits.format_number)."""
    return format_number(value) if value is not None else ""


def check(indicator: Indicator, year: int, month: int, raw, previous_year_value: Decimal | None = None,
          today: tuple[int, int] | None = None) -> Check:
    result = Check()
    if not 1 <= month <= 12:
        result.errors.append(_("ماه نادرست است."))
        return result
    try:
        value = parse_number(raw)
    except ValueProblem as exc:
        result.errors.append(str(exc))
        return result
    result.value = value
    if value is None:
        return result
    now = today or current_month()
    if month_index(year, month) > month_index(*now):
        result.errors.append(_("ماه %(month)s هنوز نرسیده است؛ برای ماه آینده مقدار نمی‌توان ثبت کرد.") % {
            "month": f"{to_persian_digits(month)}/{to_persian_digits(year)}"})
    if value < 0 and not indicator.allow_negative:
        result.errors.append(_("این شاخص منفی نمی‌شود؛ مقدار منفی پذیرفته نیست."))
    if indicator.is_percent and not 0 <= value <= 100 and not indicator.allow_negative:
        result.errors.append(_("درصد باید میان ۰ و ۱۰۰ باشد."))
    if indicator.min_value is not None and value < indicator.min_value:
        result.errors.append(_("مقدار از کمینهٔ مجاز (%(min)s) کمتر است.") % {"min": fmt(indicator.min_value)})
    if indicator.max_value is not None and value > indicator.max_value:
        result.errors.append(_("مقدار از بیشینهٔ مجاز (%(max)s) بیشتر است.") % {"max": fmt(indicator.max_value)})
    if result.ok and previous_year_value is not None and indicator.jump_factor:
        factor = indicator.jump_factor
        prev = abs(previous_year_value)
        cur = abs(value)
        if (prev > 0 and cur > prev * factor) or (cur > 0 and prev > cur * factor) or (prev == 0) != (cur == 0):
            result.warnings.append(_("هشدار: این مقدار با همان ماه سال قبل (%(prev)s) بیش از %(f)s برابر فرق دارد؛ دوباره بررسی کنید.") % {
                "prev": fmt(previous_year_value), "f": fmt(factor)})
    return result
