"""The monthly-figures sheet (a year × indicators grid), its XLSX template, and the
consolidated report. Every view checks agency and role through hamafza.policy."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali
from hamafza.persian.digits import read_ids, to_ascii_digits, to_persian_digits
from hamafza.reporting import actions, periods, report, selectors, xlsx
from hamafza.reporting.models import Achievement, Indicator, IndicatorValue, ReportJob
from hamafza.reporting.validation import fmt

from ..periods import ALL_KINDS, read_period

MONTHS = list(enumerate(jalali.MONTHS, start=1))


def _year(raw, default: int) -> int:
    text = to_ascii_digits((raw or "").strip())
    if not text:
        return default
    if not text.isdigit() or not 1300 <= int(text) <= 1500:
        raise Http404(_("سال نادرست است."))
    return int(text)


def _agency_and_year(request, data, for_write=False) -> tuple[int, int]:
    allowed = policy.reporting_agencies(request.user)
    raw = data.get("agency") or (allowed[0] if allowed else None)
    if raw is None:
        raise Http404(_("شما به شاخص‌های هیچ دستگاهی دسترسی ندارید."))
    agency_id = policy.access_reporting_agency(request.user, raw, for_write=for_write)
    return agency_id, _year(data.get("year"), periods.current_month()[0])


class Cell:
    def __init__(self, indicator, month, value: IndicatorValue | None, year, editable, text=None, errors=(), warnings=()):
        self.indicator, self.month, self.value, self.year = indicator, month, value, year
        self.editable = editable and periods.month_index(year, month) <= periods.month_index(*periods.current_month())
        self.text = text if text is not None else (fmt(value.value) if value else "")
        self.errors, self.warnings = list(errors), list(warnings)

    @property
    def state(self):
        return self.value.state if self.value else ""

    @property
    def corrected(self):
        return bool(self.value and self.value.approved_value is not None and self.value.state != IndicatorValue.State.APPROVED)


def _grid_context(request, agency_id: int, year: int, **extra) -> dict:
    indicators, values = selectors.staff_grid(agency_id, year)
    can_enter = policy.can_enter_values(request.user, agency_id)
    rows = [
        (ind, [Cell(ind, m, values.get((ind.id, m)), year, can_enter) for m, _name in MONTHS]) for ind in indicators
    ]
    registry = get_registry()
    return {
        "agencies": [registry.agencies[a] for a in policy.reporting_agencies(request.user) if a in registry.agencies],
        "years": [year - 1, year, year + 1],
        "months": MONTHS,
        "rows": rows,
        "can_report": bool(policy.report_councils(request.user)),
        **_summary(request, agency_id, year, values),
        **extra,
    }


def _summary(request, agency_id: int, year: int, values=None) -> dict:
    """What the counter and the submit/approve buttons under the sheet show. A saved cell swaps
    them in too (out of band), so «ارسال برای تأیید مدیر» wakes up as soon as there is a draft."""
    if values is None:
        _indicators, values = selectors.staff_grid(agency_id, year)
    states = [v.state for v in values.values()]
    return {
        "nav": "reporting",
        "agency": get_registry().agencies[agency_id],
        "year": year,
        "can_enter": policy.can_enter_values(request.user, agency_id),
        "can_approve": policy.can_approve_values(request.user, agency_id),
        "drafts": states.count(IndicatorValue.State.DRAFT),
        "submitted": states.count(IndicatorValue.State.SUBMITTED),
    }


@staff_required
@require_GET
def grid(request):
    agency_id, year = _agency_and_year(request, request.GET)
    return render(request, "workspace/reporting/grid.html", _grid_context(request, agency_id, year))


@staff_required
@require_POST
def cell(request):
    indicator = policy.access_indicator(request.user, request.POST.get("indicator"), for_write=True)
    year = _year(request.POST.get("year"), 0)
    month_text = to_ascii_digits(request.POST.get("month", ""))
    if not year or not month_text.isdigit() or not 1 <= int(month_text) <= 12:
        return HttpResponseBadRequest(_("ماه یا سال نادرست است."))
    month = int(month_text)
    raw = request.POST.get("value", "")
    entered = actions.do_enter_value(request.user, indicator, year, month, raw, request.POST.get("note"))
    value = entered.value if entered.check.ok else IndicatorValue.objects.filter(indicator=indicator, year=year, month=month).first()
    c = Cell(indicator, month, value, year, True, text=None if entered.check.ok else raw,
             errors=entered.check.errors, warnings=entered.check.warnings)
    if request.headers.get("HX-Request"):
        return render(request, "workspace/reporting/cell_swap.html",
                      {"c": c, **_summary(request, indicator.agency_id, year), "oob": True})
    for message in c.errors:
        messages.error(request, message)
    return redirect(f"{reverse('workspace:reporting_grid')}?agency={indicator.agency_id}&year={year}")


def _bulk(request, action, done: str):
    agency_id, year = _agency_and_year(request, request.POST)
    count = action(request.user, agency_id, year)
    messages.success(request, done % {"n": to_persian_digits(count)})
    return redirect(f"{reverse('workspace:reporting_grid')}?agency={agency_id}&year={year}")


@staff_required
@require_POST
def submit(request):
    return _bulk(request, actions.do_submit, _("%(n)s مقدار برای تأیید مدیر فرستاده شد."))


@staff_required
@require_POST
def approve(request):
    return _bulk(request, actions.do_approve, _("%(n)s مقدار تأیید شد."))


@staff_required
@require_POST
def send_back(request):
    return _bulk(request, actions.do_return, _("%(n)s مقدار برای اصلاح برگشت داده شد."))


@staff_required
@require_GET
def export_xlsx(request):
    agency_id, year = _agency_and_year(request, request.GET)
    data = xlsx.export(agency_id, year)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="indicators-{agency_id}-{year}.xlsx"'
    return response


@staff_required
@require_POST
def import_xlsx(request):
    agency_id, year = _agency_and_year(request, request.POST, for_write=True)
    upload = request.FILES.get("file")
    if upload is None:
        result = xlsx.ImportResult(errors=[("", _("پرونده‌ای انتخاب نشده است."))])
    else:
        result = xlsx.import_file(request.user, agency_id, upload.read(xlsx.MAX_BYTES + 1))
    if result.ok:
        messages.success(request, _("%(n)s مقدار از پرونده ثبت شد.") % {"n": to_persian_digits(result.saved)})
    status = 200 if result.ok else 400
    return render(request, "workspace/reporting/grid.html", _grid_context(request, agency_id, year, imported=result), status=status)


# --- The consolidated report --------------------------------------------------------------------

def _council(request):
    registry = get_registry()
    council_ids = policy.report_councils(request.user)
    raw = request.GET.get("council") or request.POST.get("council")
    if raw:
        council_ids = [c for c in council_ids if str(c) == to_ascii_digits(raw)]
    if not council_ids:
        raise Http404
    council = registry.councils.get(council_ids[0])
    if council is None or not policy.can_compile_report(request.user, council.id):
        raise Http404
    return council


def _period(params, council):
    try:
        return periods.parse(params, council.id), None
    except periods.PeriodError as exc:
        return None, str(exc)


@staff_required
@require_GET
def report_page(request):
    council = _council(request)
    # Last year by default (the year a report is usually compiled for); every kind of period.
    bar = read_period(request, council, kinds=ALL_KINDS, default_year=periods.current_month()[0] - 1,
                      keep={"council": council.id})
    period, error = bar.period, bar.error
    context = {"nav": "reporting", "council": council, **bar.context(primary=False),
               "jobs": ReportJob.objects.filter(council_id=council.id)[:5]}
    if period is not None:
        context.update(report.build(council, period))
    return render(request, "workspace/reporting/report.html", context, status=400 if error else 200)


@staff_required
@require_POST
def request_pdf(request):
    council = _council(request)
    period, error = _period(request.POST, council)
    if error:
        return HttpResponseBadRequest(error)
    job = actions.do_request_report(request.user, council.id, period)
    if request.headers.get("HX-Request"):
        return render(request, "workspace/reporting/report.html#job", {"job": job})
    return redirect("workspace:reporting_job", job_id=job.pk)


@staff_required
@require_GET
def job(request, job_id: int):
    job = policy.access_report_job(request.user, job_id)
    template = "workspace/reporting/report.html#job" if request.headers.get("HX-Request") else "workspace/reporting/job.html"
    return render(request, template, {"job": job, "nav": "reporting"})


@staff_required
@require_GET
def job_download(request, job_id: int):
    job = policy.access_report_job(request.user, job_id)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404(_("این گزارش هنوز آماده نیست."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"report-{job.pk}.pdf", content_type="application/pdf")




# --- The catalogue: indicators (heads) and achievements (staff) ----------------------------------

class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "sector", "direction", "aggregation", "yearly_target", "min_value", "max_value",
                  "allow_negative", "jump_factor", "is_public", "order"]


def _decimal_fields_from_persian(data):
    data = data.copy()
    for name in ("yearly_target", "min_value", "max_value", "jump_factor", "order"):
        if data.get(name):
            data[name] = to_ascii_digits(data[name]).replace("٬", "").replace(",", "").replace("٫", ".")
    return data


@staff_required
def catalogue(request):
    agency_id = policy.access_reporting_agency(
        request.user, request.GET.get("agency") or request.POST.get("agency") or next(iter(policy.reporting_agencies(request.user)), None)
    )
    can_define = policy.can_approve_values(request.user, agency_id)
    can_enter = policy.can_enter_values(request.user, agency_id)
    indicator_form, achievement_errors = IndicatorForm(), []
    status = 200
    if request.method == "POST":
        if request.POST.get("kind") == "indicator":
            if not can_define:
                raise PermissionDenied
            indicator_form = IndicatorForm(_decimal_fields_from_persian(request.POST))
            if indicator_form.is_valid():
                actions.do_create_indicator(request.user, agency_id, **indicator_form.cleaned_data)
                messages.success(request, _("شاخص افزوده شد."))
                return redirect(f"{reverse('workspace:reporting_catalogue')}?agency={agency_id}")
            status = 400
        elif request.POST.get("kind") == "achievement":
            if not can_enter:
                raise PermissionDenied
            try:
                year = _year(request.POST.get("year"), 0)
                month = int(to_ascii_digits(request.POST.get("month", "")))
                if not year or not 1 <= month <= 12:
                    raise ValueError
                actions.do_add_achievement(
                    request.user, agency_id, request.POST.get("title", ""), request.POST.get("body", ""), year, month,
                    indicator_ids=read_ids(request.POST.getlist("indicators")),
                    news_ids=read_ids(request.POST.getlist("news")),
                )
                messages.success(request, _("دستاورد ثبت شد."))
                return redirect(f"{reverse('workspace:reporting_catalogue')}?agency={agency_id}")
            except (ValueError, Http404):
                achievement_errors.append(_("سال و ماه دستاورد را درست وارد کنید."))
            except ValidationError as exc:
                achievement_errors.extend(m for ms in exc.message_dict.values() for m in ms)
            status = 400
        else:
            return HttpResponseBadRequest(_("درخواست نامعتبر است."))
    elif request.method != "GET":
        return HttpResponse(status=405)
    from hamafza.newsroom.models import NewsItem

    news = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, agencies__id=agency_id).distinct().order_by("-published_at")[:30]
    return render(request, "workspace/reporting/catalogue.html", {
        "nav": "reporting", "agency": get_registry().agencies[agency_id], "can_define": can_define, "can_enter": can_enter,
        "indicators": Indicator.objects.filter(agency_id=agency_id).order_by("order", "id"),
        "achievements": Achievement.objects.filter(agency_id=agency_id).prefetch_related("news_items", "indicators")[:50],
        "indicator_form": indicator_form, "achievement_errors": achievement_errors, "news": news, "months": MONTHS,
        "year": periods.current_month()[0],
        "agencies": [get_registry().agencies[a] for a in policy.reporting_agencies(request.user) if a in get_registry().agencies],
    }, status=status)
