"""The XLSX template of a year's figures: export, and import with per-cell Persian errors.

Layout (one sheet, right to left): B1 the Jalali year; row 3 the headings; from row 4 one row per
indicator: A its id, B its name, C its unit, D…O the twelve months. Empty cells are left alone on
import. An import with any error saves nothing, so nothing already entered is lost."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hamafza.core import tabular
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

from . import actions
from .models import Indicator, IndicatorValue

FIRST_ROW = 4
MONTH_COL = 4  # D
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (cell, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def export(agency_id: int, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = to_persian_digits(str(year))
    ws.sheet_view.rightToLeft = True
    ws["A1"], ws["B1"] = _("سال"), year
    ws["C1"] = _("ستون شناسه را تغییر ندهید؛ خانهٔ خالی یعنی بدون تغییر.")
    heads = [_("شناسه"), _("شاخص"), _("واحد"), *jalali.MONTHS]
    for col, text in enumerate(heads, start=1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E5E7EB")
        cell.alignment = Alignment(horizontal="center")
    values = {(v.indicator_id, v.month): v.value for v in IndicatorValue.objects.filter(indicator__agency_id=agency_id, year=year)}
    for row, ind in enumerate(Indicator.objects.filter(agency_id=agency_id).order_by("order", "id"), start=FIRST_ROW):
        ws.cell(row=row, column=1, value=ind.id)
        ws.cell(row=row, column=2, value=ind.name)
        ws.cell(row=row, column=3, value=str(ind.get_unit_display()))
        for m in range(1, 13):
            v = values.get((ind.id, m))
            if v is not None:
                ws.cell(row=row, column=MONTH_COL + m - 1, value=int(v) if v == v.to_integral() else float(v))
    ws.column_dimensions["B"].width = 42
    for col in range(MONTH_COL, MONTH_COL + 12):
        ws.column_dimensions[get_column_letter(col)].width = 13
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_name(cell) -> str:
    return to_persian_digits(cell.coordinate)


def import_file(user, agency_id: int, data: bytes, today=None) -> ImportResult:
    result = ImportResult()
    try:
        wb = tabular.open_workbook(data, max_bytes=MAX_BYTES)
    except tabular.TableError as error:
        result.errors.append(("", str(error)))
        return result
    ws = wb.worksheets[0]
    year_cell = ws["B1"].value
    try:
        year = int(to_ascii_digits(str(year_cell)).strip())
        if not 1300 <= year <= 1500:
            raise ValueError
    except (TypeError, ValueError):
        result.errors.append((_cell_name(ws["B1"]), _("سال در خانهٔ B1 نیامده یا نادرست است.")))
        return result
    indicators = {i.id: i for i in Indicator.objects.filter(agency_id=agency_id)}
    planned: list[tuple[Indicator, int, object]] = []
    for row in ws.iter_rows(min_row=FIRST_ROW, max_row=min(ws.max_row, FIRST_ROW + MAX_ROWS), max_col=MONTH_COL + 11):
        id_cell = row[0]
        if id_cell.value in (None, "") and all(c.value in (None, "") for c in row[MONTH_COL - 1:]):
            continue
        try:
            indicator = indicators[int(to_ascii_digits(str(id_cell.value)).strip())]
        except (KeyError, TypeError, ValueError):
            result.errors.append((_cell_name(id_cell), _("شناسهٔ شاخص شناخته نشد؛ این سطر از الگوی دستگاه شما نیست.")))
            continue
        for m in range(1, 13):
            cell = row[MONTH_COL + m - 2]
            if cell.value in (None, ""):
                continue
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                result.errors.append((_cell_name(cell), _("فرمول پذیرفته نیست؛ خود عدد را بنویسید.")))
                continue
            check = actions.check_value(indicator, year, m, cell.value, today=today)
            for message in check.errors:
                result.errors.append((_cell_name(cell), message))
            for message in check.warnings:
                result.warnings.append((_cell_name(cell), message))
            if check.ok:
                planned.append((indicator, m, check.value))
    if result.errors:
        return result
    with transaction.atomic():
        for indicator, m, value in planned:
            entered = actions.do_enter_value(user, indicator, year, m, str(value), today=today)
            result.saved += int(entered.changed)
    return result
