"""One Persian number format everywhere: «٬» (U+066C) between thousands, «٫» before decimals,
«−» for negatives; a 0 % change is neither up nor down (not red)."""

from decimal import Decimal

from django.template import Context, Template

from hamafza.core.jinja import environment
from hamafza.health import words
from hamafza.persian.digits import format_number, format_percent, trend
from hamafza.reporting import charts
from hamafza.reporting.validation import fmt


def test_the_one_format():
    assert format_number(3742) == "۳\u066c۷۴۲"
    assert format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert format_number(Decimal("1234.5")) == "۱٬۲۳۴٫۵"  # the old path left a Latin «.»
    assert format_number(Decimal("12.345")) == "۱۲٫۳۵"
    assert format_number(-1024) == "−۱٬۰۲۴"
    assert format_number(Decimal("250.00")) == "۲۵۰"
    assert "," not in format_number(10**9) and "." not in format_number(2.5)


def test_every_path_gives_the_same_text():
    value = Decimal("3742")
    django_figure = Template("{% load reporting fa %}{{ v|figure }} {{ v|fanum }}").render(Context({"v": value}))
    jinja = environment().from_string("{{ v|fanum }}").render(v=3742)
    assert django_figure == "۳٬۷۴۲ ۳٬۷۴۲"
    assert jinja == fmt(value) == charts.figure(3742) == format_number(3742)
    assert words.number(3742) == "۳٬۷۴۲" and words.number(1.5) == "۱٫۵"


def test_percent_and_a_flat_change():
    assert format_percent(Decimal("12.4"), signed=True) == "+۱۲٪"
    assert format_percent(-3, signed=True) == "−۳٪"
    assert format_percent(Decimal("0.4"), signed=True) == "۰٪" and format_percent(Decimal("-0.4"), signed=True) == "۰٪"
    assert format_percent(1234) == "۱٬۲۳۴٪"
    assert [trend(v) for v in (Decimal("0.4"), 0, None, 1, Decimal("-0.6"))] == ["flat", "flat", "flat", "up", "down"]


def test_a_zero_change_on_the_dashboard_is_neutral_not_red():
    from types import SimpleNamespace

    from hamafza.portal.views.dashboard import Card

    def card(change, direction="higher"):
        series = SimpleNamespace(indicator=SimpleNamespace(direction=direction))
        return Card(series, None, 1405, None, None, change, None, 0, None, [])

    assert card(Decimal("-0.3")).better is None  # shown as «۰٪»: it was red
    assert card(Decimal("0")).better is None
    assert card(Decimal("5")).better is True and card(Decimal("-5")).better is False
    assert card(Decimal("5"), "lower").better is False
