"""Figures typed in the grid: Persian digits, and a clear Persian message for each mistake."""

from decimal import Decimal

import pytest

from hamafza.reporting import actions, validation
from hamafza.reporting.models import Indicator, IndicatorValue

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text,expected", [
    ("۱۲۳", Decimal(123)), ("١٢٣", Decimal(123)), ("1,234", Decimal(1234)), ("۱٬۲۳۴٫۵", Decimal("1234.5")),
    ("  ۷ ", Decimal(7)), ("", None),
])
def test_numbers_in_any_digits(text, expected):
    assert validation.parse_number(text) == expected


@pytest.mark.parametrize("text", ["۱۲الف", "abc", "1.2.3", "12e5", "--1"])
def test_letters_are_not_a_number(text):
    with pytest.raises(validation.ValueProblem, match="عدد نیست"):
        validation.parse_number(text)


def test_bad_figures_save_nothing_and_keep_what_was_there(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "100", today=TODAY)
    for month, text, message in [
        (1, "صد", "عدد نیست"), (1, "-3", "منفی"), (11, "5", "هنوز نرسیده"),
    ]:
        entered = actions.do_enter_value(personas.own_staff, indicator, 1405, month, text, today=TODAY)
        assert not entered.check.ok and message in entered.check.errors[0]
    assert [(v.month, v.value) for v in IndicatorValue.objects.all()] == [(1, Decimal(100))]


def test_percent_range_and_limits(personas):
    ind = Indicator.objects.create(agency=personas.own, name="درصد", unit="percent", max_value=Decimal(90))
    check = actions.check_value(ind, 1405, 1, "120", today=TODAY)
    assert any("میان ۰ و ۱۰۰" in e for e in check.errors)
    assert any("بیشینهٔ مجاز" in e for e in check.errors)


def test_formatting_uses_persian_digits():
    assert validation.fmt(Decimal("1234567.50")) == "۱٬۲۳۴٬۵۶۷٫۵"
