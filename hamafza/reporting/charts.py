"""The dashboard's charts: server-rendered SVG with pygal, Persian labels and digits, Jalali
months.

Drawing is the expensive part (pygal costs 11–18 ms a chart, whatever the figures), so a chart is
drawn once and kept in the database (StoredChart): each chart has a `slot` (its place: an
indicator's monthly chart for a dashboard year, a page's progress chart) and a `key` (a hash of
the figures drawn). `warm_agency` draws and stores an agency's charts right after an approval (a
background task) and `warm_council` after a bulk load (the demo); a page reads all its charts in
one query (`render`). A chart whose stored key no longer matches (a catalogue edit, a page never
warmed) is drawn on the spot and kept in the Django cache, so the public pages never write."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.core.cache import cache
from django.utils.translation import gettext as _
from pygal.style import Style

from hamafza.persian import jalali
from hamafza.persian.digits import format_percent, to_persian_digits

from . import aggregation, periods
from .validation import fmt

VERSION = 9  # bump when the look of the charts changes: every stored chart is redrawn
YEARS_SHOWN = 3
YEARS_SELECTABLE = 4  # the dashboard's year selector: this year and three before
TTL = 7 * 24 * 3600
STYLE = Style(
    font_family="Vazirmatn, Tahoma, sans-serif", background="transparent", plot_background="transparent",
    foreground="#334155", foreground_strong="#0f172a", foreground_subtle="#e2e8f0",
    colors=("#0f766e", "#f59e0b", "#94a3b8", "#6366f1"), label_font_size=15, major_label_font_size=15,
    legend_font_size=15, value_font_size=14, tooltip_font_size=14,
)
CHART = {
    "style": STYLE, "js": [], "disable_xml_declaration": True, "width": 640, "height": 300,
    "legend_at_bottom": True, "x_label_rotation": 35, "truncate_label": -1, "truncate_legend": -1, "show_minor_x_labels": True,
    "margin": 8, "dots_size": 2.5, "classes": ["pygal-chart", "hz-chart"],
}
_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
_CHART_ID = re.compile(r"#chart-[0-9a-f-]{36}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _split(svg: str) -> tuple[str, str]:
    """(CSS, SVG without it). pygal inlines ~11 KB of CSS in every chart, scoped to the chart's
    random id; scoped to the shared class instead, a page sends it once for all its charts (a
    sector page of 80 charts: 2 MB → under 1 MB). Its comments, its <title>Pygal</title> (a
    hover tooltip saying «Pygal») and its inline config <script> (for tooltips we do not ship, and
    refused by the Content-Security-Policy) go too."""
    found = _STYLE.search(svg)
    # XML-escaped inside the SVG («>» as «&gt;»); a page's <style> is raw text.
    css = html.unescape(_CHART_ID.sub(".hz-chart", found.group(1))) if found else ""
    if found:
        svg = svg[: found.start()] + svg[found.end():]
    return css, _SCRIPT.sub("", _COMMENT.sub("", svg)).replace("<title>Pygal</title>", "")


class _Static:
    """No JavaScript is shipped with the charts (js=[]), so pygal's tooltip data (three <desc>
    nodes a point) is dead weight: skipped. The data are in each chart's table."""

    def _tooltip_data(self, *args, **kwargs):
        return None


class Line(_Static, pygal.Line):
    pass


class HorizontalBar(_Static, pygal.HorizontalBar):
    pass


def figure(value) -> str:
    return fmt(Decimal(str(value))) if value is not None else "—"


@dataclass(frozen=True)
class Spec:
    """A chart to show: where it goes, what it was drawn from, how to draw it."""

    slot: str
    key: str
    draw: Callable[[], tuple[str, str]]  # (CSS, SVG)


def _key(kind: str, shown) -> str:
    return hashlib.sha1(repr((VERSION, kind, shown)).encode()).hexdigest()


def years_shown(series, year: int) -> list[int]:
    """The year and up to two before it that have figures."""
    return [y for y in range(year - YEARS_SHOWN + 1, year + 1) if y == year or any(i // 12 == y for i in series.values)]


def monthly_spec(series, year: int) -> Spec:
    """Month by month, one line per year (the newest in the strongest colour)."""
    years = years_shown(series, year)
    rows = [(y, [float(v) if v is not None else None for v in series.year_values(y)]) for y in years]

    def draw() -> str:
        chart = Line(**CHART, value_formatter=figure)
        chart.x_labels = list(jalali.MONTHS)
        for y, values in reversed(rows):
            chart.add(to_persian_digits(y), values)
        return _split(chart.render(is_unicode=True))

    return Spec(f"monthly:{series.indicator.id}:{year}", _key("monthly", rows), draw)


def progress_items(series_list, year: int) -> list[tuple[int, str, Decimal]]:
    """(indicator id, name, progress to the yearly target in percent) of those with a target."""
    full = periods.year(year)
    out = []
    for s in series_list:
        ind = s.indicator
        months = len(s.in_period(full))
        p = aggregation.progress(s.total(full), ind.yearly_target, ind.direction, rule=ind.aggregation, months=months)
        if p is not None:
            out.append((ind.id, ind.name, p))
    return out


def progress_spec(items: list[tuple[int, str, Decimal]], slot: str) -> Spec:
    """Progress to the yearly target, percent, one bar per (indicator id, name, progress)."""
    shown = [(i, n, str(p)) for i, n, p in items]

    def draw() -> str:
        chart = HorizontalBar(**{**CHART, "height": 80 + 34 * len(items), "show_legend": False, "x_label_rotation": 0},
                              value_formatter=format_percent, range=(0, 120))
        chart.x_labels = [n for _i, n, _p in items]
        chart.y_labels = list(range(0, 121, 20))  # every 20 percent: the labels never crowd
        chart.add(_("پیشرفت"), [min(float(p), 120) for _i, _n, p in items])
        return _split(chart.render(is_unicode=True))

    return Spec(slot, _key("progress", shown), draw)


def agency_slot(agency_id: int, year: int) -> str:
    return f"progress:agency:{agency_id}:{year}"


def sector_slot(council_id: int, sector_id: int, year: int) -> str:
    return f"progress:sector:{council_id}:{sector_id}:{year}"


class Drawn(dict):
    """slot → SVG, and `css`: the distinct stylesheets those charts need, to send once a page."""

    css: list[str]


def render(specs: list[Spec]) -> Drawn:
    """The SVG of each spec by slot: stored ones in one query; the rest from the cache or drawn
    (and cached), never written to the database here (public pages only read)."""
    from .models import StoredChart

    out = Drawn()
    css: dict[str, None] = {}
    if specs:
        stored = {slot: (key, style, svg) for slot, key, style, svg in StoredChart.objects.filter(
            slot__in=[s.slot for s in specs]).values_list("slot", "key", "css", "svg")}
        for spec in specs:
            hit = stored.get(spec.slot)
            if hit is not None and hit[0] == spec.key:
                style, svg = hit[1], hit[2]
            else:
                cache_key = f"hamafza:chart:{spec.key}"
                drawn = cache.get(cache_key)
                if drawn is None:
                    drawn = spec.draw()
                    cache.set(cache_key, drawn, TTL)
                style, svg = drawn
            out[spec.slot] = svg
            css[style] = None
    out.css = list(css)
    return out


def store(specs: list[Spec]) -> int:
    """Draw the specs whose stored chart is missing or stale and keep them; returns how many."""
    from .models import StoredChart

    have = dict(StoredChart.objects.filter(slot__in=[s.slot for s in specs]).values_list("slot", "key"))
    fresh = []
    for s in specs:
        if have.get(s.slot) != s.key:
            css, svg = s.draw()
            fresh.append(StoredChart(slot=s.slot, key=s.key, css=css, svg=svg))
    if fresh:
        StoredChart.objects.bulk_create(fresh, update_conflicts=True, unique_fields=["slot"],
                                        update_fields=["key", "css", "svg", "drawn_at"], batch_size=200)
    return len(fresh)


def agency_specs(agency_id: int, years: list[int]) -> list[Spec]:
    """Every chart an agency's dashboard page shows for these years."""
    from . import selectors

    series = selectors.public_series([agency_id], first_year=min(years) - YEARS_SHOWN + 1)
    specs = []
    for year in years:
        specs += [monthly_spec(s, year) for s in series]
        items = progress_items(series, year)
        if items:
            specs.append(progress_spec(items, agency_slot(agency_id, year)))
    return specs


def sector_specs(council, sector_id: int, years: list[int]) -> list[Spec]:
    """The progress charts of a sector page of a council (its monthly charts are the agencies')."""
    from hamafza.agencies.registry import get_registry

    from . import selectors

    registry = get_registry()
    agency_ids = [a for a in council.member_ids if a in registry.agencies and sector_id in registry.agencies[a].sector_ids]
    series = selectors.public_series(agency_ids, first_year=min(years) - YEARS_SHOWN + 1)
    specs = []
    for year in years:
        items = progress_items(series, year)
        if items:
            specs.append(progress_spec(items, sector_slot(council.id, sector_id, year)))
    return specs


def selectable_years() -> list[int]:
    now = periods.current_month()[0]
    return list(range(now, now - YEARS_SELECTABLE, -1))


def warm_agency(agency_id: int) -> int:
    """Draw and store the charts of an agency's page and of its sectors' pages, for every year
    the dashboard offers; returns how many were (re)drawn."""
    from hamafza.agencies.registry import get_registry

    registry = get_registry()
    years = selectable_years()
    count = store(agency_specs(agency_id, years))
    info = registry.agencies.get(agency_id)
    for council in registry.councils.values():
        if info is None or agency_id not in council.member_ids:
            continue
        for sector_id in info.sector_ids:
            count += store(sector_specs(council, sector_id, years))
    return count


def warm_council(council) -> int:
    """After a bulk load: every member agency's charts."""
    return sum(warm_agency(a) for a in council.member_ids)
