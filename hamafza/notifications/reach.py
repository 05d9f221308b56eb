"""Which notices leave the workspace, by which way and when: a person's choices per group of
notice kinds (e-mail, Bale, SMS; none = the workspace only), their quiet hours (Tehran time: a
notice made during them waits until they end) and the daily digest (one message a day per way).

`plan(notes)` runs inside `notify`'s transaction and writes the outbox rows (NoticeSend), so a
notice and its sends commit together; the worker sends them (worker.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf
from .models import NoticeProfile, NoticeSend

TEHRAN = ZoneInfo("Asia/Tehran")
VIAS = ("email", "bale", "sms")

# The groups a person chooses for, each with the notice kinds it covers; "other" is the rest.
GROUPS: list[tuple[str, object, frozenset]] = [
    ("returned", _("بازگشت خبر برای اصلاح"), frozenset({"returned"})),
    ("republish", _("درخواست بازنشر"), frozenset({"coop_request"})),
    ("help", _("درخواست کمک"), frozenset({"help_request"})),
    ("task", _("مهلت وظیفه (نزدیک یا گذشته)"), frozenset({"task_due", "task_overdue"})),
    ("figure", _("رقم برای تأیید"), frozenset({"figure_approve"})),
    ("mention", _("نام‌بردن از شما در نظر"), frozenset({"mentioned"})),
    ("other", _("دیگر اعلان‌ها"), frozenset()),
]
GROUP_NAMES = [name for name, _label, _kinds in GROUPS]
DEFAULT = ("email",)  # what a person who chose nothing gets: the e-mails Hamafza always sent


def group_of(kind: str) -> str:
    for name, _label, kinds in GROUPS:
        if kind in kinds:
            return name
    return "other"


def ways(profile: NoticeProfile | None, kind: str) -> list[str]:
    """The ways (besides the workspace) a notice of this kind reaches the person."""
    chosen = DEFAULT if profile is None else (profile.choices or {}).get(group_of(kind), DEFAULT)
    return [via for via in VIAS if via in chosen]


def in_quiet(profile: NoticeProfile | None, moment: dt.datetime) -> dt.datetime | None:
    """If `moment` falls in the person's quiet hours, when they end (aware); else None."""
    if profile is None or profile.quiet_from is None or profile.quiet_to is None or profile.quiet_from == profile.quiet_to:
        return None
    local = moment.astimezone(TEHRAN)
    t, start, end = local.time(), profile.quiet_from, profile.quiet_to
    quiet = start <= t < end if start < end else (t >= start or t < end)
    if not quiet:
        return None
    end_at = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if end_at <= local:
        end_at += dt.timedelta(days=1)
    return end_at


def next_digest(profile: NoticeProfile, moment: dt.datetime) -> dt.datetime:
    """The next digest time after `moment` (DIGEST_HOUR, Tehran), moved past quiet hours."""
    local = moment.astimezone(TEHRAN)
    at = local.replace(hour=int(conf.get("DIGEST_HOUR")), minute=0, second=0, microsecond=0)
    if at <= local:
        at += dt.timedelta(days=1)
    return in_quiet(profile, at) or at


def due_time(profile: NoticeProfile | None, now: dt.datetime) -> tuple[dt.datetime, bool]:
    if profile is not None and profile.digest:
        return next_digest(profile, now), True
    return in_quiet(profile, now) or now, False


def plan(notes) -> int:
    """Write the outbox rows of these fresh notices (inside the caller's transaction)."""
    notes = [n for n in notes if n.pk]
    if not notes:
        return 0
    profiles = {p.user_id: p for p in NoticeProfile.objects.filter(user_id__in={n.user_id for n in notes})}
    now = timezone.now()
    rows = []
    for note in notes:
        profile = profiles.get(note.user_id)
        due, digest = due_time(profile, now)
        for via in ways(profile, note.kind):
            if (via == "bale" and not profile.bale_ready) or (via == "sms" and not profile.sms_ready):
                continue  # chosen, but not linked or not verified (or reported dead)
            rows.append(NoticeSend(notification=note, user_id=note.user_id, via=via, digest=digest, due_at=due))
    NoticeSend.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
