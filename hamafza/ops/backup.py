"""`make_backup`: the snapshot's tables, then the media its rows refer to, into one archive.

Media are copied after the rows were read, from the names in those rows: a file uploaded after
the snapshot is in neither the rows nor the archive, and a file whose row is in the snapshot is
in the archive too (or listed in `missing`, and reported: a row without its file is never silent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections

from . import tables
from .archive import FORMAT, Writer, write_checksum
from .snapshot import snapshot

Progress = Callable[[str, int, int], None]  # (phase, done, total)
PREFIX = "hamafza-backup-"  # the health page (hamafza/health/checks/storage.py) looks for these
SUFFIX = ".tar"


@dataclass
class BackupResult:
    path: Path
    sha256: str
    tables: int
    rows: int
    media: int
    missing: list[str] = field(default_factory=list)


def hamafza_version() -> str:
    try:
        return importlib.metadata.version("hamafza")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def key_fingerprint() -> str:
    """Which SECRET_KEY encrypted the archive's secrets (channel tokens), without revealing it."""
    return hashlib.sha256(("hamafza.ops.key-fingerprint:" + settings.SECRET_KEY).encode()).hexdigest()[:16]


def archive_name(at: dt.datetime) -> str:
    return f"{PREFIX}{at.astimezone(dt.UTC):%Y%m%d-%H%M%S}{SUFFIX}"


def _nothing(phase: str, done: int, total: int) -> None:
    pass


def write_archive(path: Path, *, using: str = "default", media: bool = True, progress: Progress = _nothing) -> BackupResult:
    """Write the archive to `path` (a new file); returns what went in."""
    now = dt.datetime.now(dt.UTC)
    writer = Writer(path)
    names: set[str] = set()
    manifest: dict = {
        "format": FORMAT, "hamafza_version": hamafza_version(), "created_at": now.isoformat(),
        "key_fingerprint": key_fingerprint(),
    }
    try:
        with snapshot(using, workdir=path.parent) as alias:
            applied = tables.applied_migrations(alias)
            models = tables.state_models(applied)
            manifest.update(engine=connections[using].vendor, migrations=sorted(applied), tables={}, order=[])
            for done, model in enumerate(models, 1):
                label = model._meta.label_lower

                def collect(values, model=model) -> None:
                    names.update(tables.media_names(model, values))

                rows, sha = writer.add_table(label, tables.read_lines(model, alias, collect if media else None))
                manifest["tables"][label] = {
                    "table": model._meta.db_table, "columns": tables.columns(model), "rows": rows, "sha256": sha,
                }
                manifest["order"].append(label)
                progress("tables", done, len(models))
        manifest["media"], missing = {}, []
        for done, name in enumerate(sorted(names), 1):
            try:
                with default_storage.open(name, "rb") as f:
                    data = f.read()
            except (FileNotFoundError, OSError):
                missing.append(name)
                continue
            writer.add_bytes(f"media/{name}", data)
            manifest["media"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            progress("media", done, len(names))
        manifest["missing_media"] = missing
        writer.close(manifest)
    except BaseException:
        writer.tar.close()
        path.unlink(missing_ok=True)
        raise
    return BackupResult(
        path=path, sha256="", tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"].values()), media=len(manifest["media"]), missing=missing,
    )


def make_backup(directory: Path, *, progress: Progress = _nothing) -> BackupResult:
    """A new archive in `directory` (written under a temporary name, then renamed) and its .sha256."""
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / archive_name(dt.datetime.now(dt.UTC))
    partial = directory / f".{final.name}.partial"
    result = write_archive(partial, progress=progress)
    os.replace(partial, final)
    result.path = final
    result.sha256 = write_checksum(final)
    return result


def archives(directory: Path) -> list[tuple[dt.datetime, Path]]:
    """The archives in `directory`, newest first."""
    found = []
    for path in directory.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            at = dt.datetime.strptime(path.name[len(PREFIX):-len(SUFFIX)], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        found.append((at, path))
    return sorted(found, reverse=True)


def prune(directory: Path, *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Keep the newest archive of each of the last `keep_daily` days and `keep_weekly` ISO weeks
    that have one; delete the others (with their .sha256). Returns the deleted archives."""
    keep: set[Path] = set()
    days: dict = {}
    weeks: dict = {}
    for at, path in archives(directory):
        days.setdefault(at.date(), path)
        weeks.setdefault(at.isocalendar()[:2], path)
    keep.update(list(days.values())[:keep_daily])
    keep.update(list(weeks.values())[:keep_weekly])
    deleted = []
    for _, path in archives(directory):
        if path not in keep:
            path.unlink()
            path.with_name(path.name + ".sha256").unlink(missing_ok=True)
            deleted.append(path)
    return deleted
