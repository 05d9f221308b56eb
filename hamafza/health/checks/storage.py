"""Room on disk for media and backups, and the newest backup archive."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import words
from ..registry import FAIL, OK, WARN, Result, register

GIB = 1024**3
# Free space below either limit: fail / warn.
FAIL_BYTES, FAIL_SHARE = 1 * GIB, 0.03
WARN_BYTES, WARN_SHARE = 5 * GIB, 0.10
BACKUP_PATTERN = "hamafza-backup-*.tar"  # not the .sha256 written beside each archive
BACKUP_MAX_AGE = dt.timedelta(days=2)


def _existing(path: Path) -> Path:
    """The directory itself or, before it is made, its nearest existing parent (same disk)."""
    path = path.resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _places() -> list[tuple[str, Path]]:
    return [(_("رسانه‌ها"), Path(settings.MEDIA_ROOT)), (_("پشتیبان‌ها"), Path(settings.BACKUP_DIR))]


@register("disk", gettext_lazy("فضای دیسک"))
def disk() -> Result:
    worst, details, metrics = OK, [], {}
    for (label, path), key in zip(_places(), ("media", "backups")):
        usage = shutil.disk_usage(_existing(path))
        share = usage.free / usage.total if usage.total else 0
        metrics[key] = {"path": str(path), "free_bytes": usage.free, "total_bytes": usage.total}
        details.append(_("{label} ({path}): {free} آزاد از {total} ({share}٪)").format(
            label=label, path=path, free=words.size(usage.free), total=words.size(usage.total),
            share=words.number(round(share * 100))))
        if usage.free < FAIL_BYTES or share < FAIL_SHARE:
            worst = FAIL
        elif (usage.free < WARN_BYTES or share < WARN_SHARE) and worst == OK:
            worst = WARN
    summary = {
        OK: _("فضای کافی برای رسانه‌ها و پشتیبان‌ها هست."),
        WARN: _("فضای دیسک رو به پایان است."),
        FAIL: _("فضای دیسک تقریباً تمام شده است؛ بارگذاری و پشتیبان‌گیری شکست خواهند خورد."),
    }[worst]
    return Result(worst, summary, details, metrics)


def newest_backup() -> Path | None:
    folder = Path(settings.BACKUP_DIR)
    if not folder.is_dir():
        return None
    archives = [p for p in folder.glob(BACKUP_PATTERN) if p.is_file()]
    return max(archives, key=lambda p: p.stat().st_mtime, default=None)


@register("backup", gettext_lazy("آخرین پشتیبان"))
def backup() -> Result:
    archive = newest_backup()
    if archive is None:
        return Result(WARN, _("هنوز هیچ پشتیبانی گرفته نشده است؛ «hamafza backup» را زمان‌بندی کنید."),
                      [str(settings.BACKUP_DIR)], {"newest": None, "age_seconds": None})
    stat = archive.stat()
    made = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.timezone.utc)
    waited = timezone.now() - made
    details = [archive.name, _("ساخته‌شده: {when}").format(when=words.when(made)),
               _("اندازه: {size}").format(size=words.size(stat.st_size))]
    metrics = {"newest": archive.name, "made_at": made.isoformat(), "age_seconds": int(waited.total_seconds()),
               "size_bytes": stat.st_size}
    if waited > BACKUP_MAX_AGE:
        return Result(WARN, _("آخرین پشتیبان {age} پیش گرفته شده است؛ بیش از دو روز.").format(
            age=words.age(waited.total_seconds())), details, metrics)
    return Result(OK, _("آخرین پشتیبان {age} پیش گرفته شده است.").format(age=words.age(waited.total_seconds())),
                  details, metrics)
