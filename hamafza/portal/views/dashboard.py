"""The public performance dashboard: per sector and per agency, key figures and charts (monthly
series year over year, progress to target), each chart with its data as a table; and the open
data downloads (CSV, JSON) of every approved public figure, with their schema.

Only approved figures of public indicators are read (hamafza.reporting.selectors). Charts are
server-rendered SVG (pygal), cached per indicator and per version of the public figures: an
approval bumps the version (hamafza.reporting.actions)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from markupsafe import Markup
from pygal.style import Style

from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits
from hamafza.reporting import aggregation, opendata, periods, selectors
from hamafza.reporting.validation import fmt

from .base import page, portal_view

YEARS_SHOWN = 3
OVERVIEW_FIGURES = 4  # key figures per agency on the overview
STYLE = Style(
    font_family="Vazirmatn, Tahoma, sans-serif", background="transparent", plot_background="transparent",
    foreground="#334155", foreground_strong="#0f172a", foreground_subtle="#e2e8f0",
    colors=("#0f766e", "#f59e0b", "#94a3b8", "#6366f1"), label_font_size=12, major_label_font_size=12,
    legend_font_size=13, value_font_size=12, tooltip_font_size=13,
)
CHART = {
    "style": STYLE, "js": [], "disable_xml_declaration": True, "width": 640, "height": 300,
    "legend_at_bottom": True, "truncate_label": -1, "truncate_legend": -1, "show_minor_x_labels": True,
    "margin": 8, "dots_size": 2.5,
}


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


def _figure(value) -> str:
    return fmt(Decimal(str(value))) if value is not None else "—"


def _pct(value) -> str:
    if value is None:
        return "—"
    n = int(Decimal(value).quantize(Decimal(1)))
    return f"{'+' if n > 0 else '−' if n < 0 else ''}{to_persian_digits(abs(n))}٪"


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

    @property
    def indicator(self):
        return self.series.indicator

    @property
    def unit(self) -> str:
        return unit_labels()[self.indicator.unit]

    @property
    def better(self) -> bool | None:
        if self.change is None:
            return None
        return (self.change > 0) == (self.indicator.direction == "higher")

    def table(self) -> list[tuple[str, list[str]]]:
        rows = []
        for m in range(1, 13):
            cells = [self.series.values.get(periods.month_index(y, m)) for y in self.years]
            if any(c is not None for c in cells):
                rows.append((jalali.MONTHS[m - 1], [_figure(c) for c in cells]))
        return rows

    def chart(self) -> Markup:
        # Keyed by the figures themselves: an approval re-renders only the charts it changed.
        shown = tuple((y, tuple(self.series.year_values(y))) for y in self.years)
        key = f"hamafza:dashboard:chart:{self.indicator.id}:{hashlib.sha1(repr(shown).encode()).hexdigest()}"
        svg = cache.get(key)
        if svg is None:
            chart = pygal.Line(**CHART, value_formatter=_figure, title=None)
            chart.x_labels = list(jalali.MONTHS)
            for y in reversed(self.years):  # the current year first: the strongest colour
                chart.add(to_persian_digits(y), [float(v) if v is not None else None for v in self.series.year_values(y)])
            svg = chart.render(is_unicode=True)
            cache.set(key, svg, 24 * 3600)
        return Markup(svg)


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
            aggregation.progress(s.total(full), ind.yearly_target, ind.direction), len(months), s.last,
            [y for y in range(year - YEARS_SHOWN + 1, year + 1)
             if y == year or any(i // 12 == y for i in s.values)],
        ))
    return cards


def _progress_chart(cards: list[Card]) -> tuple[Markup, list[tuple[str, str]]] | None:
    with_target = [c for c in cards if c.progress is not None]
    if not with_target:
        return None
    shown = [(c.indicator.id, c.indicator.name, str(c.progress)) for c in with_target]
    key = f"hamafza:dashboard:progress:{hashlib.sha1(repr(shown).encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        chart = pygal.HorizontalBar(**{**CHART, "height": 80 + 34 * len(with_target), "show_legend": False},
                                    value_formatter=lambda v: f"{to_persian_digits(int(round(v)))}٪", range=(0, 120))
        chart.x_labels = [c.indicator.name for c in with_target]
        chart.add(_("پیشرفت"), [min(float(c.progress), 120) for c in with_target])
        svg = chart.render(is_unicode=True)
        cache.set(key, svg, 24 * 3600)
    return Markup(svg), [(c.indicator.name, _pct(c.progress).lstrip("+")) for c in with_target]


def _year(request: HttpRequest) -> int:
    raw = to_ascii_digits(request.GET.get("year", "").strip())
    current = periods.current_month()[0]
    if not raw:
        return current
    if not raw.isdigit() or not current - 10 <= int(raw) <= current:
        raise Http404(_("سال نادرست است."))
    return int(raw)


def _render(request, template: str, agency_ids: list[int], **context) -> HttpResponse:
    year = _year(request)
    series = selectors.public_series(agency_ids, first_year=year - YEARS_SHOWN + 1)
    cards = _cards(series, request.registry, year)
    return page(request, template, {
        "cards": cards, "year": year, "years": list(range(periods.current_month()[0], periods.current_month()[0] - 4, -1)),
        "progress_chart": _progress_chart(cards), "figure": _figure, "pct": _pct, **context,
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
    return _render(request, "portal/dashboard_detail.html", [info.id], heading=info.name, agency=info)


@portal_view
def sector(request: HttpRequest, slug: str) -> HttpResponse:
    info = request.registry.sectors_by_slug.get(slug)
    if info is None:
        raise Http404(_("چنین بخشی یافت نشد."))
    registry = request.registry
    agency_ids = [a for a in request.council.member_ids if a in registry.agencies and info.id in registry.agencies[a].sector_ids]
    return _render(request, "portal/dashboard_detail.html", agency_ids, heading=info.name, sector=info,
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


@portal_view
def open_data(request: HttpRequest) -> HttpResponse:
    return page(request, "portal/open_data.html", {"fields": opendata.FIELDS, "year": periods.current_month()[0]})


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
