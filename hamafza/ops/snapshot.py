"""A consistent, read-only view of the live database, taken while the site runs.

SQLite: the online backup API copies the database, as of one moment, into a file beside the
archive (readers and writers go on meanwhile; WAL); everything is then read from the copy.
PostgreSQL: one REPEATABLE READ, READ ONLY transaction on a connection of its own, which is what
`pg_dump` does to be consistent; the rows are read through it, so they come out in the portable
format instead of a dump only PostgreSQL can load.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import connections, transaction

from .aliases import sqlite_file_alias, temporary_alias


@contextlib.contextmanager
def snapshot(using: str = "default", workdir: Path | None = None) -> Iterator[str]:
    """Yield a connection alias that sees the database as it was when the snapshot was taken."""
    source = connections[using]
    if source.vendor == "sqlite":
        with tempfile.TemporaryDirectory(dir=workdir, prefix=".snapshot-") as tmp:
            path = Path(tmp) / "snapshot.sqlite3"
            source.ensure_connection()
            copy = sqlite3.connect(path)
            try:
                source.connection.backup(copy)  # all pages in one step: one moment
            finally:
                copy.close()
            with sqlite_file_alias(str(path)) as alias:
                yield alias
    elif source.vendor == "postgresql":
        with temporary_alias(dict(source.settings_dict, CONN_MAX_AGE=0)) as alias:
            with transaction.atomic(using=alias):
                with connections[alias].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield alias
    else:
        raise NotImplementedError(source.vendor)
