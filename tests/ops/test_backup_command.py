"""`hamafza backup`: an archive with its checksum beside it, a missing file reported as an error,
the last N daily and M weekly archives kept, progress as plain lines off a terminal."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from hamafza.newsroom.models import Image
from hamafza.ops.backup import archive_name, archives, prune
from hamafza.ops.progress import Progress

from .helpers import small_installation


def test_it_writes_an_archive_and_its_checksum(world, media_root, tmp_path):
    small_installation(world)
    out = io.StringIO()
    call_command("backup", "--to", str(tmp_path), "--no-progress", stdout=out)
    [(_, archive)] = archives(tmp_path)
    digest, name = archive.with_name(archive.name + ".sha256").read_text().split()
    assert name == archive.name and digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert "پشتیبان ساخته شد" in out.getvalue() and digest in out.getvalue()


def test_a_row_whose_file_is_gone_is_reported_as_an_error(world, media_root, tmp_path):
    small_installation(world)
    lost = Image.objects.get().file.name
    default_storage.delete(lost)
    err = io.StringIO()
    with pytest.raises(CommandError, match="پیدا نشد"):
        call_command("backup", "--to", str(tmp_path), "--no-progress", stderr=err)
    assert lost in err.getvalue()
    assert len(archives(tmp_path)) == 1  # the rest is still backed up


def test_it_keeps_the_last_daily_and_weekly_archives(tmp_path):
    start = dt.datetime(2026, 11, 1, 2, 0, tzinfo=dt.UTC)  # a Sunday
    for day in range(28):
        for hour in (0, 12):
            (tmp_path / archive_name(start + dt.timedelta(days=day, hours=hour))).write_bytes(b"x")
    prune(tmp_path, keep_daily=3, keep_weekly=3)
    kept = sorted(path.name for _, path in archives(tmp_path))
    assert kept == [
        "hamafza-backup-20261115-140000.tar",  # the newest of the week before (Sunday the 15th)
        "hamafza-backup-20261122-140000.tar",  # ... and of the week before that
        "hamafza-backup-20261126-140000.tar",
        "hamafza-backup-20261127-140000.tar",
        "hamafza-backup-20261128-140000.tar",  # the last three days, the newest of each
    ]


def test_progress_is_plain_lines_off_a_terminal():
    out = io.StringIO()
    progress = Progress(out)
    for done in range(1, 9):
        progress("tables", done, 8)
    assert out.getvalue().splitlines() == ["جدول‌ها: 2/8", "جدول‌ها: 4/8", "جدول‌ها: 6/8", "جدول‌ها: 8/8"]


def test_the_daily_backup_runs_through_the_task_worker_and_prunes(world, media_root, tmp_path, settings):
    """HAMAFZA_BACKUP_DAILY: the scheduler's job enqueues one backup (the test settings run tasks
    at once) into BACKUP_DIR, and older archives beyond the kept ones are removed."""
    from hamafza.ops.tasks import enqueue_backup

    small_installation(world)
    settings.BACKUP_DIR, settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY = tmp_path, 1, 0
    stale = tmp_path / archive_name(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    stale.write_bytes(b"old")
    enqueue_backup()
    kept = archives(tmp_path)
    assert len(kept) == 1 and kept[0][1] != stale and not stale.exists()
