"""The morning bulletin «بازتاب خبری»: yesterday's confirmed coverage of a council's agencies, as a
web page (hamafza.workspace.coverage), as a PDF (WeasyPrint with the reporting PDF's static
Vazirmatn instances, hamafza.reporting.report.static_fonts) and as a digest notice."""

from __future__ import annotations

import datetime as dt
import logging

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali
from hamafza.persian.digits import format_number

from . import selectors

DIGEST_HOUR = 7  # Tehran time: the notice goes out from this hour on


def yesterday(now: dt.datetime) -> dt.date:
    return now.astimezone(jalali.TEHRAN).date() - dt.timedelta(days=1)


def data(council_id: int, day: dt.date) -> dict:
    sections = selectors.bulletin(council_id, day)
    return {
        "council": get_registry().councils.get(council_id), "day": day, "sections": sections,
        "total": sum(len(s.rows) for s in sections),
        "outlets": len({r.outlet_id for s in sections for r in s.rows}),
    }


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    from hamafza.reporting.report import FONT, static_fonts

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    fonts = static_fonts()
    html = render_to_string("coverage/bulletin_pdf.html", {
        **context, "font_regular": fonts[400].as_uri(), "font_bold": fonts[700].as_uri(),
    })
    return HTML(string=html, base_url=str(FONT.parent)).write_pdf()


def _readers(council_id: int) -> list[int]:
    """Everyone who works in the council: member agencies' staff and heads, secretariat, observers."""
    from hamafza.accounts.models import CouncilRole, Membership

    info = get_registry().councils.get(council_id)
    if info is None:
        return []
    ids = set(Membership.objects.filter(agency_id__in=list(info.member_ids), user__is_active=True).values_list("user_id", flat=True))
    ids.update(CouncilRole.objects.filter(council_id=council_id, user__is_active=True).values_list("user_id", flat=True))
    return sorted(ids)


def send_digests(now: dt.datetime) -> int:
    """Once a day, from DIGEST_HOUR (Tehran): a notice to each council's people about yesterday's
    bulletin, when it has anything. Idempotent: a council already told today is skipped."""
    from hamafza.notifications import notify
    from hamafza.notifications.models import Notification

    local = now.astimezone(jalali.TEHRAN)
    if local.hour < DIGEST_HOUR:
        return 0
    day = yesterday(now)
    today_start = jalali.day_bounds(local.date())[0]
    sent = 0
    for council_id in get_registry().councils:
        context = data(council_id, day)
        if not context["total"]:
            continue
        subject = _("بازتاب خبری %(day)s") % {"day": jalali.format_date(day)}
        url = reverse("workspace:coverage_bulletin") + f"?council={council_id}&day={jalali.iso_jalali(day)}"
        if Notification.objects.filter(kind="coverage_digest", url=url, created_at__gte=today_start).exists():
            continue
        text = _("%(n)s بازتاب در %(m)s رسانه") % {"n": format_number(context["total"]), "m": format_number(context["outlets"])}
        sent += notify(_readers(council_id), "coverage_digest", text=text, subject=subject, url=url)
    return sent


