"""The reciprocity record: per agency and Jalali period, what each agency asked of the others and
did for them. The secretariat and observers see every agency of the council, an agency's staff
see their own agency's row (hamafza.policy.reciprocity_agencies)."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.cooperation import reciprocity
from hamafza.persian.digits import format_number

from ...periods import read_council_period
from ..common import council_for

# The table's column groups and each figure's short heading under its group.
GROUPS = [
    (gettext_lazy("درخواست‌های بازنشر"), [
        ("requests_sent", gettext_lazy("فرستاده")), ("requests_received", gettext_lazy("دریافتی")),
        ("accepted", gettext_lazy("پذیرفته")), ("declined", gettext_lazy("رد کرده")),
        ("expired", gettext_lazy("بی‌پاسخ")), ("median_response_seconds", gettext_lazy("میانهٔ زمان پاسخ")),
    ]),
    (gettext_lazy("بازنشر"), [
        ("amplified_for_others", gettext_lazy("برای دیگران")), ("amplified_by_others", gettext_lazy("توسط دیگران")),
    ]),
    (gettext_lazy("همکاری در تهیهٔ خبر"), [
        ("supported_others", gettext_lazy("برای دیگران")), ("supported_by_others", gettext_lazy("توسط دیگران")),
    ]),
    (gettext_lazy("کمک در تولید محتوا"), [
        ("help_sent", gettext_lazy("درخواست")), ("offers_made", gettext_lazy("پیشنهاد داده")),
        ("offers_accepted", gettext_lazy("پذیرفته‌شده")), ("deliveries", gettext_lazy("انجام داده")),
        ("help_received", gettext_lazy("کمک گرفته")),
    ]),
    (gettext_lazy("بازتاب خبری"), [("coverage", gettext_lazy("در رسانه‌ها"))]),
]


def _access(request):
    council = council_for(request)
    allowed = policy.reciprocity_agencies(request.user, council.id)
    if not allowed:
        raise Http404(_("کارنامهٔ همکاری این شورا برای شما در دسترس نیست."))
    return council, allowed


def _sorting(request) -> tuple[str, bool]:
    key = request.GET.get("sort", "")
    if key not in reciprocity.COLUMN_NAMES and key != "agency":
        key = ""
    return key, request.GET.get("dir") == "desc"


def _cell(header: dict, value, row=None) -> dict:
    if header["name"] == "median_response_seconds":
        text = row.median_response_text if row is not None else "—"
    else:
        text = format_number(value)
    return {"name": header["name"], "label": header["full"], "value": value, "text": text}


def _table(rows: list, key: str, descending: bool, base: str, with_totals: bool) -> dict:
    """The table's headers (with their sort links), each row's cells, and the council's totals."""
    full = dict(reciprocity.COLUMNS)

    def header(name: str, label) -> dict:
        active = name == key
        # The first click on a figure puts the largest first; on the name, alphabetical order.
        next_desc = not descending if active else name != "agency"
        return {
            "name": name, "label": label, "full": full.get(name, label), "active": active, "descending": descending,
            "url": f"?{base}&{urlencode({'sort': name, 'dir': 'desc' if next_desc else 'asc'})}",
        }

    groups = [(label, [header(n, short) for n, short in cols]) for label, cols in GROUPS]
    headers = [h for _label, hs in groups for h in hs]
    for row in rows:
        row.cells = [_cell(h, getattr(row, h["name"]), row) for h in headers]
    totals = None
    if with_totals and len(rows) > 1:
        totals = [
            _cell(h, None if h["name"] == "median_response_seconds" else sum(getattr(r, h["name"]) for r in rows))
            for h in headers
        ]
    return {"agency_header": header("agency", _("دستگاه")), "groups": groups, "headers": headers, "totals": totals}


@staff_required
@require_GET
def record(request):
    council, allowed = _access(request)
    bar = read_council_period(request, council)
    period, error = bar.period, bar.error
    key, descending = _sorting(request)
    rows = reciprocity.council_record(council.id, period, allowed) if period else []
    if key:
        rows = reciprocity.sort_rows(rows, key, descending)
    overseer = policy.can_view_reciprocity(request.user, council.id)
    base = bar.query
    return render(request, "workspace/cooperation/reciprocity/record.html", {
        "nav": "cooperation",
        "council": council,
        "overseer": overseer,
        "rows": rows,
        **_table(rows, key, descending, base, overseer),
        **bar.context(),
        "csv_query": base,
    }, status=400 if error else 200)


@staff_required
@require_GET
def export_csv(request):
    council, allowed = _access(request)
    bar = read_council_period(request, council)
    if bar.error:
        return HttpResponseBadRequest(bar.error)
    period = bar.period
    rows = reciprocity.council_record(council.id, period, allowed)
    out = io.StringIO()
    out.write("\ufeff")  # spreadsheet programs read the Persian headings as UTF-8
    writer = csv.writer(out)
    writer.writerow([_("دوره"), _("دستگاه")] + [
        _("میانهٔ زمان پاسخ (ساعت)") if n == "median_response_seconds" else str(label) for n, label in reciprocity.COLUMNS
    ])
    for row in rows:
        figures = []
        for name in reciprocity.COLUMN_NAMES:
            if name == "median_response_seconds":
                hours = row.median_response_hours
                figures.append("" if hours is None else f"{hours:.1f}")
            else:
                figures.append(getattr(row, name))
        writer.writerow([period.label, getattr(row.agency, "name", row.agency_id)] + figures)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reciprocity-{council.id}-{period.start}-{period.end}.csv"'
    return response
