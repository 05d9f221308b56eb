"""The consolidated report of a council for a Jalali period: every member agency's figures, its
achievements and its record of cooperation with the others — as data, as HTML, and as a PDF.
The record of cooperation is the reciprocity record of hamafza.cooperation, an app above this one:
it registers its reader with `register_reciprocity` in its AppConfig.ready()."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from hamafza.agencies.registry import AgencyInfo, CouncilInfo, get_registry
from hamafza.persian import jalali

from . import aggregation, selectors
from .periods import Period, from_index

FONT = Path(__file__).resolve().parent.parent / "portal" / "static" / "portal" / "fonts" / "Vazirmatn-Variable.woff2"


@dataclass
class Line:
    indicator: object
    total: Decimal | None
    previous: Decimal | None
    change: Decimal | None
    progress: Decimal | None
    months: int


@dataclass
class AgencySection:
    agency: AgencyInfo
    lines: list[Line] = field(default_factory=list)
    achievements: list = field(default_factory=list)
    led: int = 0
    photo_reports: int = 0  # of the items it led: photo reports (گزارش تصویری)
    video_reports: int = 0  # … and video reports (گزارش ویدیویی), which evaluations score apart
    supported: int = 0
    supporters_received: int = 0
    # The agency's line of the council's reciprocity record (hamafza.cooperation) for the period.
    reciprocity: object = None
    # Its coverage by outlets in the period (hamafza.coverage): {"records", "items", "outlets"}.
    coverage: dict | None = None


# reader(council_id, period, agency_ids) -> rows with .agency_id (cooperation.reciprocity.council_record)
ReciprocityReader = Callable[[int, Period, list[int]], Iterable]
_reciprocity: list[ReciprocityReader] = []


def register_reciprocity(reader: ReciprocityReader) -> None:
    _reciprocity[:] = [reader]


# More pages of the report from apps above this one (the scorecard registers its page in its
# AppConfig.ready()): section(council, period) -> {"key": str, "title": str, "html": safe HTML} or
# None to add nothing. Each section starts on a new page of the PDF.
SectionReader = Callable[[CouncilInfo, Period], dict | None]
_sections: list[SectionReader] = []


def register_section(reader: SectionReader) -> None:
    if reader not in _sections:
        _sections.append(reader)


def extra_sections(council: CouncilInfo, period: Period) -> list[dict]:
    return [s for s in (read(council, period) for read in _sections) if s]


# reader(agency_ids, start, end) -> {agency_id: {"records", "items", "outlets"}} (hamafza.coverage
# registers it in its AppConfig.ready(): confirmed coverage of the agencies' items by outlets).
CoverageReader = Callable[[list[int], dt.datetime, dt.datetime], dict]
_coverage: list[CoverageReader] = []


def register_coverage(reader: CoverageReader) -> None:
    _coverage[:] = [reader]


def cooperation(agency_ids, period: Period) -> dict[int, dict[str, int]]:
    """Per agency: items it led and published in the period, items of others it supported
    (accepted), and supporters its own items received."""
    from hamafza.newsroom.models import ItemAgency, NewsItem

    start, end = period.bounds()
    published = Q(item__status=NewsItem.Status.PUBLISHED, item__published_at__gte=start, item__published_at__lt=end)
    out = {a: {"led": 0, "supported": 0, "received": 0, "photo_reports": 0, "video_reports": 0} for a in agency_ids}
    links = ItemAgency.objects.filter(published, agency_id__in=list(agency_ids))
    keys = {ItemAgency.Role.LEAD: "led", ItemAgency.Role.SUPPORTING: "supported"}  # republished: the reciprocity record
    for row in links.values("agency_id", "role").annotate(n=Count("id")):
        if row["role"] in keys:
            out[row["agency_id"]][keys[row["role"]]] += row["n"]
    kinds = {NewsItem.Kind.PHOTO_REPORT: "photo_reports", NewsItem.Kind.VIDEO_REPORT: "video_reports"}
    led = links.filter(role=ItemAgency.Role.LEAD, item__kind__in=list(kinds))
    for row in led.values("agency_id", "item__kind").annotate(n=Count("id")):
        out[row["agency_id"]][kinds[row["item__kind"]]] += row["n"]
    received = ItemAgency.objects.filter(published, role=ItemAgency.Role.SUPPORTING, accepted_at__isnull=False,
                                         item__lead_agency_id__in=list(agency_ids))
    for row in received.values("item__lead_agency_id").annotate(n=Count("id")):
        out[row["item__lead_agency_id"]]["received"] += row["n"]
    return out


def build(council: CouncilInfo, period: Period, progress=None) -> dict:
    registry = get_registry()
    agency_ids = [a for a in council.member_ids if a in registry.agencies]
    series = selectors.public_series(agency_ids, first_year=from_index(period.start)[0] - 1)
    by_agency: dict[int, list] = {}
    for s in series:
        by_agency.setdefault(s.indicator.agency_id, []).append(s)
    achievements = selectors.public_achievements(agency_ids, period)
    coop = cooperation(agency_ids, period)
    record = {r.agency_id: r for read in _reciprocity for r in read(council.id, period, agency_ids)}
    carried = {}
    for read in _coverage:
        carried.update(read(agency_ids, *period.bounds()))
    previous = period.previous_year()
    whole_year = period.end - period.start == 11 and from_index(period.start)[1] == 1
    sections = []
    for n, agency_id in enumerate(agency_ids):
        section = AgencySection(registry.agencies[agency_id])
        for s in by_agency.get(agency_id, []):
            total = s.total(period)
            before = s.total(previous)
            ind = s.indicator
            section.lines.append(Line(
                ind, total, before, aggregation.change(total, before),
                aggregation.progress(total, ind.yearly_target, ind.direction) if whole_year else None,
                len(s.in_period(period)),
            ))
        section.achievements = achievements.get(agency_id, [])
        c = coop[agency_id]
        section.led, section.supported, section.supporters_received = c["led"], c["supported"], c["received"]
        section.photo_reports, section.video_reports = c["photo_reports"], c["video_reports"]
        section.reciprocity = record.get(agency_id)
        section.coverage = carried.get(agency_id)
        sections.append(section)
        if progress is not None:
            progress(int((n + 1) / max(len(agency_ids), 1) * 70))
    # A period nobody reported on (no approved figure, achievement or shared story): the report
    # says so instead of printing a page of zeros.
    empty = not any(line.months for s in sections for line in s.lines) and not any(
        s.achievements or s.led or s.supported or s.supporters_received for s in sections)
    return {
        "council": council,
        "period": period,
        "empty": empty,
        "sections": sections,
        "whole_year": whole_year,
        "extra_sections": extra_sections(council, period),
        "generated": jalali.format_datetime(timezone.now()),
        "totals": {
            "indicators": sum(len(s.lines) for s in sections),
            "achievements": sum(len(s.achievements) for s in sections),
            "supported": sum(s.supported for s in sections),
            "photo_reports": sum(s.photo_reports for s in sections),
            "video_reports": sum(s.video_reports for s in sections),
            "amplified": sum(s.reciprocity.amplified_for_others for s in sections if s.reciprocity),
            "helped": sum(s.reciprocity.deliveries for s in sections if s.reciprocity),
            "coverage": sum(s.coverage["records"] for s in sections if s.coverage) if _coverage else None,
        },
    }


_font_lock = threading.Lock()


def static_fonts() -> dict[int, Path]:
    """Regular and bold static instances of the portal's variable Vazirmatn, made once per
    installation (fontTools) under var/fonts/. WeasyPrint would otherwise instantiate the
    variable font on every PDF (seconds each time). Glyph ids stay those of the original."""
    out = {w: Path(settings.VAR_DIR) / "fonts" / f"Vazirmatn-{w}.ttf" for w in (400, 700)}
    if all(p.exists() for p in out.values()):
        return out
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    with _font_lock:
        for weight, path in out.items():
            if path.exists():
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            font = instantiateVariableFont(TTFont(str(FONT)), {"wght": weight}, static=True)
            font.flavor = None
            tmp = path.with_suffix(".tmp")
            font.save(str(tmp))
            tmp.replace(path)
    return out


def render_html(data: dict, for_pdf: bool = False) -> str:
    fonts = static_fonts() if for_pdf else {}
    return render_to_string("reporting/report.html", {
        **data, "for_pdf": for_pdf, "font_url": FONT.as_uri(),
        "font_regular": fonts[400].as_uri() if fonts else "", "font_bold": fonts[700].as_uri() if fonts else "",
    })


def render_pdf(data: dict) -> tuple[bytes, float]:
    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    started = time.perf_counter()
    pdf = HTML(string=render_html(data, for_pdf=True), base_url=str(FONT.parent)).write_pdf()
    return pdf, time.perf_counter() - started
