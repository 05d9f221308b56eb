"""Figures for people in Django templates: Persian digits, Jalali months."""

from django import template

from hamafza.persian import jalali
from hamafza.persian import digits
from hamafza.persian.digits import format_percent

from ..validation import fmt

register = template.Library()


@register.filter
def figure(value):
    return fmt(value) if value is not None else "—"


@register.filter
def percent(value):
    """A change: «+۱۲٪», «−۳٪», «۰٪» (no sign when it rounds to nothing)."""
    return format_percent(value, signed=True)


@register.filter
def plain_percent(value):
    return format_percent(value)


@register.filter
def trend(value):
    """The class of a change: «up», «down» or «flat» (a 0 % change is neither good nor bad)."""
    return digits.trend(value)


@register.filter
def month_name(value):
    return jalali.month_name(int(value))


@register.simple_tag
def jmonth(year, month):
    return jalali.format_month(int(year), int(month))
