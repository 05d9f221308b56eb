"""Tables people upload and download: CSV (UTF-8, with or without BOM) and XLSX (openpyxl).

`read_table(data, name)` answers the rows as lists of stripped strings (row 1 the headings) or a
Persian reason why the file could not be read at all; `open_workbook(data)` is the one guarded
openpyxl load (damaged archives raise many kinds of errors); `write_csv` / `write_xlsx` make a
file from headings and rows, right to left. Knows nothing of what the rows mean: callers check
each row and report «row, column, what is wrong»."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from . import uploads

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000


class TableError(Exception):
    """The file as a whole is unreadable; the message is Persian."""


def unreadable_workbook() -> str:
    return _("پرونده خوانده نشد: یک پروندهٔ اکسل (xlsx) سالم، از روی الگوی همین صفحه، بارگذاری کنید.")


def open_workbook(data: bytes, max_bytes: int = MAX_BYTES):
    """The workbook of an uploaded XLSX, or TableError (size, kind, damage)."""
    try:  # the one upload validator: its size, and an Excel workbook by its content
        uploads.check_file(io.BytesIO(data), kinds=frozenset({"xlsx"}), max_bytes=max_bytes, what=_("پرونده"))
    except uploads.UploadError as error:
        raise TableError(error.messages[0] if error.code == "too_big" else unreadable_workbook()) from None
    try:
        from openpyxl import load_workbook  # here: openpyxl brings numpy, not wanted at start-up

        return load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:  # openpyxl raises many kinds of errors on damaged archives
        raise TableError(unreadable_workbook()) from None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def read_table(data: bytes, name: str, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """Rows of a CSV or XLSX file (by its content; `name` only breaks ties), or TableError."""
    if len(data) > MAX_BYTES:
        raise TableError(_("حجم پرونده بیش از %(max)s مگابایت است.") % {"max": uploads.megabytes(MAX_BYTES)})
    if not data:
        raise TableError(_("پرونده خالی است."))
    if data[:2] == b"PK":
        ws = open_workbook(data).worksheets[0]
        rows = [[_text(c) for c in row] for row in ws.iter_rows(values_only=True, max_row=max_rows + 2)]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TableError(_("پرونده نه اکسل (xlsx) است و نه CSV با نویسه‌گذاری UTF-8.")) from None
        if "\x00" in text:
            raise TableError(_("پرونده نه اکسل (xlsx) است و نه CSV با نویسه‌گذاری UTF-8."))
        try:
            rows = [[_text(c) for c in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error:
            raise TableError(_("پروندهٔ CSV خراب است؛ آن را دوباره از نرم‌افزار جدول‌ساز ذخیره کنید.")) from None
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > max_rows + 1:
        raise TableError(_("پرونده بیش از %(max)s سطر دارد؛ آن را در چند پرونده بارگذاری کنید.") % {"max": max_rows})
    if not rows:
        raise TableError(_("پرونده خالی است."))
    return rows


def _safe(value):
    """A cell a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "@", "+", "-", "\t", "\r"):
        if not (value[:1] in "+-" and value[1:].replace(" ", "").isdigit()):
            return "'" + value
    return value


def write_csv(headings: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel then reads UTF-8


def write_xlsx(title: str, headings: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.sheet_view.rightToLeft = True
    for col, text in enumerate(headings, start=1):
        cell = ws.cell(row=1, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E5E7EB")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[cell.column_letter].width = 22
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=_safe(value))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
