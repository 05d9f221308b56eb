"""The Jinja2 environment of the public portal: Django's URLs, static files, translations
and the Persian filters (Jalali dates, Persian digits)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

from hamafza.persian import jalali
from hamafza.persian.digits import format_number, to_persian_digits


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options.setdefault("extensions", [])
    options["extensions"] = [*options["extensions"], "jinja2.ext.i18n"]
    env = Environment(**options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(url=url, static=static)
    env.filters.update(
        jdate=jalali.format_date,
        jdatetime=jalali.format_datetime,
        jnumeric=jalali.format_numeric,
        fa=to_persian_digits,
        fanum=format_number,
    )
    return env
