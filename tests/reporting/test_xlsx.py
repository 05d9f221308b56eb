"""XLSX template: round trip, and bad input answered per cell in Persian with nothing lost."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from hamafza.reporting import actions, xlsx
from hamafza.reporting.models import IndicatorValue

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_round_trip(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "100", "یادداشت", today=TODAY)
    data = xlsx.export(personas.own.id, 1405)
    wb = workbook(data)
    ws = wb.active
    assert ws.sheet_view.rightToLeft
    assert ws["B1"].value == 1405 and ws["D3"].value == "فروردین" and ws["O3"].value == "اسفند"
    assert ws["A4"].value == indicator.id and ws["D4"].value == 100
    ws["E4"] = 250
    ws["F4"] = "۳۰۰٫۵"  # Persian digits and decimal point typed as text
    result = xlsx.import_file(personas.own_staff, personas.own.id, save(wb), today=TODAY)
    assert result.ok and result.saved == 2
    values = {v.month: (v.value, v.note) for v in IndicatorValue.objects.all()}
    assert values == {1: (Decimal(100), "یادداشت"), 2: (Decimal(250), ""), 3: (Decimal("300.5"), "")}
    again = workbook(xlsx.export(personas.own.id, 1405)).active
    assert [again.cell(row=4, column=c).value for c in range(4, 8)] == [100, 250, 300.5, None]


def bad(personas, indicator, **cells):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "100", today=TODAY)
    wb = workbook(xlsx.export(personas.own.id, 1405))
    for ref, value in cells.items():
        wb.active[ref] = value
    wb.active["E4"] = 999  # a good cell beside the bad one: not saved either
    result = xlsx.import_file(personas.own_staff, personas.own.id, save(wb), today=TODAY)
    assert not result.ok
    assert {(v.month, v.value) for v in IndicatorValue.objects.all()} == {(1, Decimal(100))}  # nothing lost
    return dict(result.errors)


def test_letters_in_a_number_cell(personas, indicator):
    errors = bad(personas, indicator, G4="۱۲الف")
    assert "عدد نیست" in errors["G۴"]


def test_a_future_month(personas, indicator):
    errors = bad(personas, indicator, N4=10)  # Bahman 1405 has not come yet
    assert "هنوز نرسیده" in errors["N۴"]


def test_a_negative_count(personas, indicator):
    errors = bad(personas, indicator, F4=-5)
    assert "منفی" in errors["F۴"]


def test_a_formula_cell(personas, indicator):
    errors = bad(personas, indicator, F4="=D4*2")
    assert "فرمول" in errors["F۴"]


def test_a_broken_file(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "100", today=TODAY)
    data = xlsx.export(personas.own.id, 1405)
    for broken in (data[: len(data) // 2], b"not a spreadsheet", b""):
        result = xlsx.import_file(personas.own_staff, personas.own.id, broken, today=TODAY)
        assert result.errors and "پرونده خوانده نشد" in result.errors[0][1]
    assert IndicatorValue.objects.get().value == Decimal(100)


def test_a_row_of_another_agency_is_refused(personas, indicator, other_indicator):
    wb = workbook(xlsx.export(personas.own.id, 1405))
    wb.active["A4"] = other_indicator.id
    wb.active["D4"] = 5
    result = xlsx.import_file(personas.own_staff, personas.own.id, save(wb), today=TODAY)
    assert "شناسهٔ شاخص شناخته نشد" in dict(result.errors)["A۴"]
    assert not IndicatorValue.objects.exists()


def test_a_jump_against_last_year_warns_but_saves(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1404, 2, "100", today=TODAY)
    wb = workbook(xlsx.export(personas.own.id, 1405))
    wb.active["E4"] = 1000
    result = xlsx.import_file(personas.own_staff, personas.own.id, save(wb), today=TODAY)
    assert result.ok and result.saved == 1
    assert "هشدار" in dict(result.warnings)["E۴"]
