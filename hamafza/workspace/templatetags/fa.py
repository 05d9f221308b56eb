"""Persian filters for Django templates (the portal's Jinja2 has the same): Jalali dates and
Persian digits."""

from django import template

from hamafza.persian import jalali
from hamafza.persian.digits import format_number, to_persian_digits

register = template.Library()


@register.filter
def jdate(value):
    return jalali.format_date(value) if value else ""


@register.filter
def jdatetime(value):
    return jalali.format_datetime(value) if value else ""


@register.filter
def fa(value):
    return to_persian_digits(value)


@register.filter
def fanum(value):
    try:
        return format_number(int(value))
    except (TypeError, ValueError):
        return to_persian_digits(value)
