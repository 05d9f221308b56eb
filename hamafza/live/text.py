"""How live updates and board statuses read as plain text (channels, Atom, the text-only board)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.agencies.registry import get_registry
from hamafza.persian.digits import to_persian_digits

from .models import BoardEntity, LiveUpdate


def status_line(entity: BoardEntity) -> str:
    """«وضعیت مرز شلمچه: باز، زمان انتظار حدود ۴۰ دقیقه»."""
    parts = [entity.get_state_display()]
    if entity.wait_minutes is not None:
        parts.append(_("زمان انتظار حدود %(n)s دقیقه") % {"n": to_persian_digits(entity.wait_minutes)})
    if entity.figure:
        parts.append(entity.figure)
    line = _("وضعیت %(name)s: %(state)s") % {"name": entity.name, "state": "، ".join(parts)}
    if entity.note:
        line = f"{line} ({entity.note})"
    return line


def clock(value) -> str:
    local = timezone.localtime(value)
    return to_persian_digits(local.strftime("%H:%M"))


def update_line(update: LiveUpdate) -> str:
    agency = get_registry().agencies.get(update.agency_id)
    head = f"[{update.get_kind_display()}]"
    if update.place:
        head = f"{head} {update.place}:"
    line = f"{head} {update.text.strip()}"
    if agency is not None:
        line = f"{line} — {agency.short_name}"
    if update.corrected_at is not None:
        line = f"{line} ({_('اصلاح‌شده')} {clock(update.corrected_at)})"
    return line
