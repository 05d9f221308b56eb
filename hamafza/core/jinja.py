"""The Jinja2 environment of the public portal: Django's URLs, static files, translations
and the Persian filters (Jalali dates, Persian digits)."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.autoreload import file_changed
from jinja2 import Environment, pass_context
from markupsafe import Markup

from hamafza.persian import jalali
from hamafza.persian.digits import format_number, to_persian_digits


@functools.lru_cache(maxsize=8192)
def _reverse(name: str, args: tuple, kwargs: tuple) -> str:
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def url(name: str, *args, **kwargs) -> str:
    """reverse() for templates, memoised: the URL patterns do not change while a process runs."""
    return _reverse(name, args, tuple(sorted(kwargs.items())))


@pass_context
def csp_nonce(context) -> str:
    """This response's Content-Security-Policy nonce (`<style nonce="{{ csp_nonce() }}">`);
    reading it puts it in the header (django-csp)."""
    nonce = getattr(context.get("request"), "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


# (language, message) → translation: Django's gettext walks the catalogue's fallbacks on every
# call, and the portal's messages are Persian msgids that most catalogues do not hold. The
# catalogues do not change while a process runs; a change of the language settings or of a .mo
# file (the development server's reloader) empties it.
_translations: dict[tuple[str | None, str], str] = {}
TRANSLATIONS_KEPT = 8192  # templates pass literals; a message made from data must not grow it forever
_LANGUAGE_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}


def translate(message: str) -> str:
    key = (translation.get_language(), message)
    text = _translations.get(key)
    if text is None:
        if len(_translations) >= TRANSLATIONS_KEPT:
            _translations.clear()
        text = _translations[key] = translation.gettext(message)
    return text


@receiver(setting_changed)
def _language_settings_changed(setting, **kwargs) -> None:
    if setting in _LANGUAGE_SETTINGS:
        _translations.clear()


@receiver(file_changed)
def _catalogue_changed(file_path, **kwargs) -> None:
    if file_path.suffix == ".mo":
        _translations.clear()


@pass_context
def gettext(context, message: str, /, **variables) -> str:
    """`_("…")` in templates: what jinja2.ext.i18n's newstyle gettext does (the translation,
    safe under autoescape, always formatted with `variables`, which are escaped), in one call
    instead of three nested context calls. A page asks for a few dozen translations."""
    text = translate(message)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    if not variables and "%" not in text:
        return text  # what `% {}` would give back
    return text % variables


def environment(**options) -> Environment:
    options.setdefault("extensions", [])
    options["extensions"] = [*options["extensions"], "jinja2.ext.i18n"]
    env = Environment(**options)
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(_=gettext, gettext=gettext, url=url, static=static, csp_nonce=csp_nonce)
    env.filters.update(
        jdate=jalali.format_date,
        jdatetime=jalali.format_datetime,
        jnumeric=jalali.format_numeric,
        fa=to_persian_digits,
        fanum=format_number,
    )
    return env
