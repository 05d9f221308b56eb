"""The dashboard's charts: server-rendered SVG with pygal, Persian labels and digits, Jalali
months. Each chart is cached under a key made of its own figures, so an approval re-renders only
the charts whose figures changed; `warm_agency` renders them right after an approval (a
background task) so that no visitor waits for pygal."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pygal
from django.core.cache import cache
from django.utils.translation import gettext as _
from pygal.style import Style

from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from . import periods
from .validation import fmt

YEARS_SHOWN = 3
TTL = 7 * 24 * 3600
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


def figure(value) -> str:
    return fmt(Decimal(str(value))) if value is not None else "—"


def _key(kind: str, shown) -> str:
    return f"hamafza:dashboard:{kind}:{hashlib.sha1(repr(shown).encode()).hexdigest()}"


def years_shown(series, year: int) -> list[int]:
    """The year and up to two before it that have figures."""
    return [y for y in range(year - YEARS_SHOWN + 1, year + 1) if y == year or any(i // 12 == y for i in series.values)]


def monthly(series, years: list[int]) -> str:
    """Month by month, one line per year (the newest in the strongest colour)."""
    shown = (series.indicator.id, tuple((y, tuple(series.year_values(y))) for y in years))
    key = _key("monthly", shown)
    svg = cache.get(key)
    if svg is None:
        chart = pygal.Line(**CHART, value_formatter=figure)
        chart.x_labels = list(jalali.MONTHS)
        for y in reversed(years):
            chart.add(to_persian_digits(y), [float(v) if v is not None else None for v in series.year_values(y)])
        svg = chart.render(is_unicode=True)
        cache.set(key, svg, TTL)
    return svg


def progress(items: list[tuple[int, str, Decimal]]) -> str:
    """Progress to the yearly target, percent, one bar per (indicator id, name, progress)."""
    key = _key("progress", [(i, n, str(p)) for i, n, p in items])
    svg = cache.get(key)
    if svg is None:
        chart = pygal.HorizontalBar(**{**CHART, "height": 80 + 34 * len(items), "show_legend": False},
                                    value_formatter=lambda v: f"{to_persian_digits(int(round(v)))}٪", range=(0, 120))
        chart.x_labels = [n for _i, n, _p in items]
        chart.add(_("پیشرفت"), [min(float(p), 120) for _i, _n, p in items])
        svg = chart.render(is_unicode=True)
        cache.set(key, svg, TTL)
    return svg


def warm_agency(agency_id: int) -> int:
    """Render (into the cache) the monthly charts of an agency's page for the current year."""
    from . import selectors

    year = periods.current_month()[0]
    series = selectors.public_series([agency_id], first_year=year - YEARS_SHOWN + 1)
    for s in series:
        monthly(s, years_shown(s, year))
    return len(series)
