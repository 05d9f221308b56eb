"""The scorecard as an XLSX workbook (openpyxl), right to left.

Sheet «کارنامه»: one row per agency the person may see (the whole council for its secretariat
and observers, by rank; only their own agency for an agency's people), then the council's median;
columns: rank (overseers only), agency, score, change against the previous period, and every
criterion's value in its unit (numbers, not text: hours as hours, shares as percents).
Sheet «معیارها»: each criterion's key, name, formula, unit, direction and the council's weight."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .scoring import Board


def _number(value):
    return None if value is None else round(value, 2)


def workbook(board: Board, agency_ids: list[int], whole: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("کارنامه")
    ws.sheet_view.rightToLeft = True
    ws.append([_("کارنامهٔ روابط عمومی"), str(board.period.label)])
    ws["A1"].font = Font(bold=True)
    head = ([_("رتبه")] if whole else []) + [_("دستگاه"), _("امتیاز"), _("تغییر امتیاز نسبت به دورهٔ قبل")]
    head += [f"{c.name} ({c.unit})" for c in board.criteria]
    ws.append([])
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    cards = [c for c in board.cards if c.agency.id in agency_ids]
    if whole:
        cards.sort(key=lambda c: (c.rank is None, c.rank or 0, c.agency.name))
    for card in cards:
        row = ([card.rank] if whole else []) + [card.agency.name, _number(card.score), _number(card.trend)]
        row += [_number(card.figures[c.key].value) for c in board.criteria]
        ws.append(row)
    if whole:
        median = [None, _("میانهٔ شورا"), _number(board.median_score), None]
        median += [_number(board.medians.get(c.key)) for c in board.criteria]
    else:  # an agency's own export: the medians it is shown on the page
        median = [_("میانهٔ شورا"), _number(board.agency_median_score()), None]
        median += [_number(board.agency_median(c.key)) for c in board.criteria]
    ws.append(median)
    ws.column_dimensions["B" if whole else "A"].width = 40

    sheet = wb.create_sheet(_("معیارها"))
    sheet.sheet_view.rightToLeft = True
    sheet.append([_("کلید"), _("معیار"), _("فرمول"), _("واحد"), _("جهت"), _("وزن")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for c in board.criteria:
        sheet.append([c.key, str(c.name), str(c.formula), str(c.unit),
                      _("بیشتر بهتر") if c.higher_is_better else _("کمتر بهتر"), board.weights.get(c.key, 0)])
    sheet.column_dimensions["C"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
