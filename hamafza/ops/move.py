"""`move_to_postgres`: the live embedded (SQLite) database into an empty PostgreSQL database.

The same engine as backup and restore: a snapshot written as an archive (without the media,
which stay where they are), restored into the target, then every table read back from the target
and compared with the archive's row count and SHA-256. The SQLite file is left as it was.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, connections
from django.utils.translation import gettext as _

from . import tables
from .aliases import url_alias
from .backup import write_archive
from .restore import Progress, RestoreRefused, _nothing, holds_data, restore


@dataclass
class TableCheck:
    label: str
    rows: int
    matches: bool


@dataclass
class MoveResult:
    checks: list[TableCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.matches for c in self.checks)


def _refuse_source() -> None:
    source = connections["default"]
    if source.vendor != "sqlite":
        raise RestoreRefused(_("این نصب هم‌اکنون روی PostgreSQL است؛ انتقال فقط از پایگاه دادهٔ درونی (SQLite) است."))
    if tables.applied_migrations("default") != tables.known_migrations():
        raise RestoreRefused(_("پایگاه دادهٔ کنونی مهاجرت‌های اجرانشده دارد؛ نخست «hamafza migrate» را اجرا کنید."))


def move_to_postgres(url: str, *, workdir: Path | None = None, progress: Progress = _nothing) -> MoveResult:
    _refuse_source()
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        raise RestoreRefused(_("نشانی باید نشانی یک پایگاه دادهٔ PostgreSQL باشد (postgres://…)."))
    with url_alias(url) as target:
        try:
            connections[target].ensure_connection()
            not_empty = holds_data(target)
        except DatabaseError as error:
            raise RestoreRefused(_("به پایگاه دادهٔ مقصد وصل نشد: %(error)s") % {"error": error}) from None
        if not_empty:
            raise RestoreRefused(
                _("پایگاه دادهٔ مقصد خالی نیست (شاید انتقال پیش‌تر انجام شده است)؛ چیزی تغییر نکرد.")
            )
        with tempfile.TemporaryDirectory(dir=workdir, prefix=".move-") as tmp:
            path = Path(tmp) / "move.tar"
            write_archive(path, media=False, progress=progress)
            restore(path, using=target, media=False, progress=progress)
            return verify(path, target)


def verify(path: Path, target: str) -> MoveResult:
    from .archive import Reader

    reader = Reader(path)
    models = {m._meta.label_lower: m for m in tables.state_models(tables.applied_migrations(target))}
    result = MoveResult()
    for label, meta in reader.manifest["tables"].items():
        got = tables.digest(models[label], target)
        result.checks.append(TableCheck(label, got.rows, (got.rows, got.sha256) == (meta["rows"], meta["sha256"])))
    reader.close()
    return result
