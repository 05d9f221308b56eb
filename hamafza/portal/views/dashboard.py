"""The public performance dashboard: per sector and per agency, key figures and charts (monthly
series year over year, progress to target), each chart with its data as a table; and the open
data downloads (CSV, JSON) of every approved public figure, with their schema.

Only approved figures of public indicators are read (hamafza.reporting.selectors). Charts are
server-rendered SVG (pygal, hamafza.reporting.charts), drawn in the background right after an
approval and stored; a page reads all of its charts in one query."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from hamafza.core.jinja import url
from hamafza.persian import jalali
from hamafza.persian.digits import format_percent, to_ascii_digits, trend
from hamafza.reporting import aggregation, charts, opendata, periods, selectors

from .base import page, portal_view

YEARS_SHOWN = charts.YEARS_SHOWN
OVERVIEW_FIGURES = 4  # key figures per agency on the overview


def unit_labels() -> dict[str, str]:
    """Unit names in the active language, computed once per language (not per figure)."""
    from django.utils.translation import get_language

    from hamafza.reporting.models import Indicator

    lang = get_language()
    labels = _UNITS.get(lang)
    if labels is None:
        labels = _UNITS[lang] = {code: str(label) for code, label in Indicator.Unit.choices}
    return labels


_UNITS: dict[str, dict[str, str]] = {}
_figure = charts.figure


def _pct(value) -> str:
    return format_percent(value, signed=True)


@dataclass
class Card:
    """One indicator on the dashboard: its key figures, its chart and the chart's table."""

    series: selectors.Series
    agency: object
    year: int
    total: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    progress: Decimal | None
    months_done: int
    last: tuple | None
    years: list[int]
    svg: Markup | None = None

    @property
    def indicator(self):
        return self.series.indicator

    @property
    def unit(self) -> str:
        return unit_labels()[self.indicator.unit]

    @property
    def better(self) -> bool | None:
        if trend(self.change) == "flat":
            return None  # no change (or none known) is neither good nor bad
        return (trend(self.change) == "up") == (self.indicator.direction == "higher")

    def table(self) -> list[tuple[str, list[str]]]:
        rows = []
        for m in range(1, 13):
            cells = [self.series.values.get(periods.month_index(y, m)) for y in self.years]
            if any(c is not None for c in cells):
                rows.append((jalali.MONTHS[m - 1], [_figure(c) for c in cells]))
        return rows

    def chart(self) -> Markup:
        return self.svg or Markup("")


def _cards(series_list: list[selectors.Series], registry, year: int) -> list[Card]:
    now_y, now_m = periods.current_month()
    cards = []
    for s in series_list:
        # The year so far (up to the last month that has a figure), against the same months last year.
        months = [i for i in s.values if i // 12 == year]
        upto = max(months) % 12 + 1 if months else (12 if year < now_y else max(now_m - 1, 1))
        so_far = periods.span(year, 1, year, upto)
        total, previous = s.total(so_far), s.total(so_far.previous_year())
        ind = s.indicator
        full = periods.year(year)
        cards.append(Card(
            s, registry.agencies.get(ind.agency_id), year, total, previous, aggregation.change(total, previous),
            aggregation.progress(s.total(full), ind.yearly_target, ind.direction, rule=ind.aggregation,
                                 months=len(months)), len(months), s.last,
            charts.years_shown(s, year),
        ))
    return cards


def _charts(cards: list[Card], series_list, year: int, progress_slot: str):
    """Give each card its monthly chart; returns the progress chart and its table (or None)."""
    specs = [charts.monthly_spec(c.series, year) for c in cards]
    items = charts.progress_items(series_list, year)
    progress = charts.progress_spec(items, progress_slot) if items else None
    svgs = charts.render(specs + ([progress] if progress else []))
    for card, spec in zip(cards, specs):
        card.svg = Markup(svgs[spec.slot])
    css = Markup("\n".join(svgs.css))  # pygal's, from our chart style: no user input
    if progress is None:
        return None, css
    return (Markup(svgs[progress.slot]), [(name, _pct(p).lstrip("+")) for _i, name, p in items]), css


def _year(request: HttpRequest) -> int:
    raw = to_ascii_digits(request.GET.get("year", "").strip())
    current = periods.current_month()[0]
    if not raw:
        return current
    if not raw.isdigit() or not current - 10 <= int(raw) <= current:
        raise Http404(_("سال نادرست است."))
    return int(raw)


def _render(request, template: str, agency_ids: list[int], progress_slot, **context) -> HttpResponse:
    year = _year(request)
    series = selectors.public_series(agency_ids, first_year=year - YEARS_SHOWN + 1)
    cards = _cards(series, request.registry, year)
    progress_chart, chart_css = _charts(cards, series, year, progress_slot(year))
    achievements = selectors.public_achievements(agency_ids, periods.year(year))
    groups: dict[int, list[Card]] = {}
    for c in cards:
        groups.setdefault(c.indicator.agency_id, []).append(c)
    return page(request, template, {
        "achievements": [a for agency_id in agency_ids for a in achievements.get(agency_id, [])],
        "cards": cards, "year": year, "years": charts.selectable_years(),
        "chart_groups": [(request.registry.agencies.get(a), groups[a]) for a in agency_ids if a in groups],
        "progress_chart": progress_chart, "chart_css": chart_css, "figure": _figure, "pct": _pct, "jmonth": jalali.format_month, **context,
    })


@portal_view
def overview(request: HttpRequest) -> HttpResponse:
    council, registry = request.council, request.registry
    agency_ids = [a for a in council.member_ids if a in registry.agencies]
    year = _year(request)
    series = selectors.public_series(agency_ids, first_year=year - 1, per_agency=OVERVIEW_FIGURES)
    cards = _cards(series, registry, year)
    by_agency: dict[int, list[Card]] = {}
    for c in cards:
        by_agency.setdefault(c.indicator.agency_id, []).append(c)
    sectors = [s for s in registry.ordered_sectors() if any(s.id in registry.agencies[a].sector_ids for a in by_agency)]
    return page(request, "portal/dashboard.html", {
        "by_agency": [(registry.agencies[a], by_agency[a]) for a in agency_ids if a in by_agency],
        "sectors": sectors, "year": year, "figure": _figure, "pct": _pct,
    })


@portal_view
def agency(request: HttpRequest, slug: str) -> HttpResponse:
    info = request.registry.agencies_by_slug.get(slug)
    if info is None or info.id not in request.council.member_ids:
        raise Http404(_("چنین دستگاهی در این شورا عضو نیست."))
    return _render(request, "portal/dashboard_detail.html", [info.id], lambda y: charts.agency_slot(info.id, y),
                   heading=info.name, agency=info)


@portal_view
def sector(request: HttpRequest, slug: str) -> HttpResponse:
    info = request.registry.sectors_by_slug.get(slug)
    if info is None:
        raise Http404(_("چنین بخشی یافت نشد."))
    registry = request.registry
    agency_ids = [a for a in request.council.member_ids if a in registry.agencies and info.id in registry.agencies[a].sector_ids]
    council_id = request.council.id
    return _render(request, "portal/dashboard_detail.html", agency_ids, lambda y: charts.sector_slot(council_id, info.id, y),
                   heading=info.name, sector=info,
                   agencies=[registry.agencies[a] for a in agency_ids])


# --- Open data -----------------------------------------------------------------------------------

def _open_rows(request):
    year = request.GET.get("year")
    if year:
        year = to_ascii_digits(year.strip())
        if not year.isdigit() or not 1300 <= int(year) <= 1500:
            raise Http404(_("سال نادرست است."))
        year = int(year)
    return selectors.public_rows(request.council, request.GET.get("agency") or None, year or None)


_LATIN_TOKEN = re.compile(r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*|[0-9]{4}-[0-9]{2})(?![\w-])")


def code_runs(text: str) -> Markup:
    """A description with its identifiers and code values («road», «YYYY-MM», «1404-07», «null»)
    in <code dir="ltr" lang="en">: Latin and left to right inside the Persian sentence."""
    out, last = [], 0
    for match in _LATIN_TOKEN.finditer(text):
        out += [escape(text[last:match.start()]), Markup('<code dir="ltr" lang="en">%s</code>') % match.group(0)]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


@portal_view
def open_data(request: HttpRequest) -> HttpResponse:
    fields = [(f, code_runs(f.description)) for f in opendata.FIELDS]
    return page(request, "portal/open_data.html", {
        "fields": fields, "year": periods.current_month()[0], "api_path": url("api:list_values"),
    })


class _Echo:
    def write(self, value):
        return value


@portal_view
def open_data_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = _open_rows(request)
    names = [f.name for f in opendata.FIELDS]

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(names)
        for row in rows:
            yield writer.writerow([row[n] if row[n] is not None else "" for n in names])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hamafza-indicators.csv"'
    return response


@portal_view
def open_data_json(request: HttpRequest) -> HttpResponse:
    payload = {"schema": opendata.SCHEMA_URL_PATH, "council": request.council.slug, "values": list(_open_rows(request))}
    return HttpResponse(json.dumps(payload, ensure_ascii=False), content_type="application/json; charset=utf-8")


@portal_view
def open_data_schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(json.dumps(opendata.json_schema(), ensure_ascii=False, indent=1),
                        content_type="application/schema+json; charset=utf-8")


urlpatterns = [
    path("", overview, name="dashboard"),
    path("agency/<str:slug>/", agency, name="dashboard_agency"),
    path("sector/<str:slug>/", sector, name="dashboard_sector"),
    path("open-data/", open_data, name="open_data"),
    path("open-data/indicators.csv", open_data_csv, name="open_data_csv"),
    path("open-data/indicators.json", open_data_json, name="open_data_json"),
    path("open-data/schema.json", open_data_schema, name="open_data_schema"),
]
