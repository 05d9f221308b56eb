"""`restore`: an archive into an empty installation (or over one, with `replace`).

Refuses, before changing anything, an archive that is damaged (the .sha256 beside it, then every
table and file against the manifest), one from a newer Hamafza (a migration this code does not
know), and a database that holds data unless `replace` is given. Then: migrate the database to
the archive's migration state, write the media, replace every table's rows in one transaction
(foreign keys are checked at commit on both engines), reset PostgreSQL's sequences, migrate
forward to this code, and rebuild what is derived (the search engine's index, the caches).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from . import tables
from .archive import FORMAT, ArchiveError, Reader

Progress = Callable[[str, int, int], None]
# Rows `migrate` itself writes into an empty database: they do not make it "not empty".
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class RestoreRefused(Exception):
    """Nothing was changed; the message says why (in Persian)."""


@dataclass
class RestoreResult:
    tables: int
    rows: int
    media: int
    warnings: list[str] = field(default_factory=list)


def _warnings(manifest: dict) -> list[str]:
    from .backup import key_fingerprint

    if manifest.get("key_fingerprint", key_fingerprint()) != key_fingerprint():
        return [_("کلید محرمانهٔ (SECRET_KEY) این نصب با نصبی که پشتیبان از آن است یکی نیست: توکن‌های "
                  "کانال‌ها که با آن کلید رمز شده‌اند خوانده نمی‌شوند و باید دوباره وارد شوند (یا همان "
                  "HAMAFZA_SECRET_KEY یا پروندهٔ var/secret_key را به کار ببرید).")]
    return []


def _nothing(phase: str, done: int, total: int) -> None:
    pass


def open_checked(path: Path) -> Reader:
    """The archive, read and verified, or RestoreRefused (damaged, newer)."""
    try:
        reader = Reader(path)
    except ArchiveError as error:
        raise RestoreRefused(str(error)) from None
    unknown = sorted(archive_nodes(reader) - tables.known_migrations())
    if reader.manifest.get("format", 0) > FORMAT or unknown:
        reader.close()
        raise RestoreRefused(
            _("این پشتیبان از نسخهٔ تازه‌تری از هم‌افزا (%(version)s) است و این نسخه آن را نمی‌شناسد "
              "(%(migrations)s). نخست هم‌افزا را به‌روز کنید.")
            % {"version": reader.manifest.get("hamafza_version", "?"),
               "migrations": "، ".join(f"{a}.{n}" for a, n in unknown[:5])}
        )
    try:
        reader.verify()
    except ArchiveError as error:
        reader.close()
        raise RestoreRefused(str(error)) from None
    return reader


def archive_nodes(reader: Reader) -> set[tables.Node]:
    return {(app, name) for app, name in reader.manifest.get("migrations", [])}


def holds_data(using: str) -> bool:
    applied = tables.applied_migrations(using)
    if not applied:
        return False
    return any(
        tables.has_rows(model, using)
        for model in tables.state_models(applied)
        if model._meta.label_lower not in MADE_BY_MIGRATE
    )


def _targets(executor: MigrationExecutor, nodes: set[tables.Node]) -> list:
    graph = executor.loader.graph
    targets = []
    for app in sorted({app for app, _ in graph.nodes}):
        mine = [n for n in nodes if n[0] == app]
        if not mine:
            targets.append((app, None))
            continue
        targets += [
            n for n in mine
            if not any(child.key in nodes and child.key[0] == app for child in graph.node_map[n].children)
        ]
    return targets


def migrate_to(using: str, nodes: set[tables.Node]) -> None:
    if tables.applied_migrations(using) == nodes:
        return
    executor = MigrationExecutor(connections[using])
    executor.migrate(_targets(executor, nodes))


def restore_media(reader: Reader, progress: Progress = _nothing) -> int:
    names = sorted(reader.manifest["media"])
    for done, name in enumerate(names, 1):
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(reader.media_bytes(name)))
        if saved != name:
            raise ArchiveError(_("پروندهٔ «%(name)s» با نام دیگری ذخیره شد.") % {"name": name})
        progress("media", done, len(names))
    return len(names)


def load_rows(reader: Reader, using: str, progress: Progress = _nothing) -> int:
    """Replace every table's rows by the archive's, in one transaction."""
    connection = connections[using]
    models = tables.state_models(archive_nodes(reader))
    by_label = {m._meta.label_lower: m for m in models}
    order = reader.manifest["order"]
    for label in order:
        model = by_label.get(label)
        if model is None or tables.columns(model) != reader.manifest["tables"][label]["columns"]:
            raise RestoreRefused(_("ساختار جدول «%(table)s» در پشتیبان با نسخهٔ آن نمی‌خواند.") % {"table": label})
    rows = 0
    # SQLite's backend remembers which tables refer to which (for the cascade) for the life of the
    # process; migrate_to may just have dropped or made tables (an archive of an older version).
    references = getattr(connection.ops, "_references_graph", None)
    if hasattr(references, "cache_clear"):
        references.cache_clear()
    with transaction.atomic(using=using):
        flush = connection.ops.sql_flush(
            no_style(), [m._meta.db_table for m in models], reset_sequences=True, allow_cascade=True
        )
        connection.ops.execute_sql_flush(flush)
        for done, label in enumerate(order, 1):
            rows += tables.insert_lines(by_label[label], using, reader.table_lines(label))
            progress("tables", done, len(order))
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    return rows


def rebuild_derived(using: str) -> None:
    """The search engine's own index (FTS5 table / tsvector column) from the restored documents."""
    from hamafza.search.backends import PostgresBackend, SQLiteBackend

    connection = connections[using]
    backend = PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        backend.rebuild(cursor)


def restore(path: Path, *, using: str = "default", replace: bool = False, media: bool = True,
            progress: Progress = _nothing) -> RestoreResult:
    reader = open_checked(path)
    try:
        if not replace and holds_data(using):
            raise RestoreRefused(
                _("پایگاه داده خالی نیست؛ بازگردانی روی داده‌های موجود آن‌ها را پاک می‌کند. "
                  "اگر همین را می‌خواهید، فرمان را با ‎--replace‎ اجرا کنید.")
            )
        migrate_to(using, archive_nodes(reader))
        files = restore_media(reader, progress) if media else 0
        rows = load_rows(reader, using, progress)
    finally:
        reader.close()
    call_command("migrate", database=using, interactive=False, verbosity=0)
    rebuild_derived(using)
    if using == "default":
        from django.contrib.contenttypes.models import ContentType

        from hamafza.agencies import registry
        from hamafza.core import pagecache

        ContentType.objects.clear_cache()
        cache.clear()
        registry.invalidate()
        pagecache.invalidate_all()  # the portal's stored pages (their generations may live outside the cache)
    return RestoreResult(tables=len(reader.manifest["tables"]), rows=rows, media=files,
                         warnings=_warnings(reader.manifest))
