"""The portal's `_()` (hamafza.core.jinja.gettext) answers what jinja2.ext.i18n's newstyle gettext
answers: the translation, safe under autoescape, always %-formatted with escaped variables."""

from django.template import engines
from django.test import override_settings
from django.utils import translation
from jinja2 import Environment
from jinja2.ext import i18n

from hamafza.core import jinja


def _stock() -> Environment:
    env = Environment(autoescape=True, extensions=[i18n])
    env.install_gettext_translations(translation, newstyle=True)
    return env


SOURCES = [
    '{{ _("جست‌وجو") }}',
    '{{ _("همهٔ اخبار %(sector)s", sector=name) }}',
    '{{ _("۱۰۰%% رسیدگی") }}',
    '<a title="{{ _("صفحهٔ %(n)s", n=name) }}">',
    '{% set label = _("خوراک") %}{{ label ~ name }}',
]


def test_same_output_as_jinjas_newstyle_gettext():
    ours = engines["jinja2"].env
    stock = _stock()
    with translation.override("fa"):
        for source in SOURCES:
            context = {"name": '<b>"راه" & \'ریل\'</b>'}
            assert ours.from_string(source).render(context) == stock.from_string(source).render(context), source


def test_variables_are_escaped_and_double_percent_is_one():
    env = engines["jinja2"].env
    with translation.override("fa"):
        assert env.from_string('{{ _("الف %(x)s", x=v) }}').render(v="<i>") == "الف &lt;i&gt;"
        assert env.from_string('{{ _("۵۰%%") }}').render() == "۵۰%"


def test_remembered_translations_follow_the_language_settings():
    jinja._translations[("fa", "پیام آزمایشی")] = "کهنه"
    with translation.override("fa"):
        assert jinja.translate("پیام آزمایشی") == "کهنه"
        with override_settings(LOCALE_PATHS=[]):
            assert jinja.translate("پیام آزمایشی") == "پیام آزمایشی"


def test_the_translation_memo_stays_bounded(monkeypatch):
    from hamafza.core import jinja

    monkeypatch.setattr(jinja, "TRANSLATIONS_KEPT", 3)
    jinja._translations.clear()
    for n in range(10):
        assert jinja.translate(f"پیام {n}") == f"پیام {n}"  # no catalogue holds it: itself
        assert len(jinja._translations) <= 3
