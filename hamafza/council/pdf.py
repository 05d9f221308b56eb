"""Minutes as a PDF in Persian (WeasyPrint, the portal's Vazirmatn font)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from hamafza.agencies.registry import get_registry

FONT = Path(settings.BASE_DIR) / "portal" / "static" / "portal" / "fonts" / "Vazirmatn-Variable.woff2"


def minutes_pdf(meeting) -> bytes:
    from weasyprint import HTML

    registry = get_registry()
    html = render_to_string("council/minutes_pdf.html", {
        "meeting": meeting,
        "council": registry.councils.get(meeting.council_id),
        "agencies": [registry.agencies[a] for a in meeting.invited_agencies.values_list("pk", flat=True) if a in registry.agencies],
        "agenda": list(meeting.agenda.all()),
        "attendance": list(meeting.attendance.all()),
        "resolutions": list(meeting.resolutions.prefetch_related("tasks__agency")),
        "reg": registry,
        "font_url": FONT.as_uri(),
    })
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
