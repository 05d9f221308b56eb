"""Figures for people in Django templates: Persian digits, Jalali months."""

from decimal import Decimal

from django import template

from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from ..validation import fmt

register = template.Library()


@register.filter
def figure(value):
    return fmt(value) if value is not None else "—"


@register.filter
def percent(value):
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal("1"))
    sign = "+" if value > 0 else ""
    return f"{sign}{to_persian_digits(int(value))}٪" if sign else f"{to_persian_digits(int(value)).replace('-', '−')}٪"


@register.filter
def plain_percent(value):
    if value is None:
        return "—"
    return f"{to_persian_digits(int(Decimal(value).quantize(Decimal('1'))))}٪"


@register.filter
def month_name(value):
    return jalali.month_name(int(value))


@register.simple_tag
def jmonth(year, month):
    return jalali.format_month(int(year), int(month))
