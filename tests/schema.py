"""The test databases are built from the models (TEST["MIGRATE"] = False in tests/settings.py):
running the 59 migrations cost about 11 s of CPU per test database, and every xdist worker of
every pass built one. What the migrations do that the models do not is done here instead, and
tests/test_migrations.py runs the real migrations end to end on each engine and checks that they
give the very schema built here (a migration that breaks, or SQL of a migration missing below,
fails it).

What the migrations add to the models' schema:
- on PostgreSQL, a bigint id for auth_group_permissions (Django's own migration);
- the search engine's own index (search 0001: the FTS5 table on SQLite, the tsvector column and
  its GIN index on PostgreSQL), taken from the migration itself so that it cannot drift;
- every migration recorded as applied (the health check, backup / restore and move-to-postgres
  read the applied migrations).
The data migrations (RunPython on rows) change nothing on an empty database; the set of
migrations that run code is pinned in tests/test_migrations.py, so a new one must be looked at.
"""

from __future__ import annotations

import importlib

from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

SEARCH_INITIAL = "hamafza.search.migrations.0001_initial"


def search_index_sql(vendor: str) -> list[str]:
    migration = importlib.import_module(SEARCH_INITIAL)
    return {"sqlite": migration.SQLITE_CREATE, "postgresql": migration.POSTGRES_CREATE}.get(vendor, [])


def complete(alias: str) -> None:
    """Give the model-built database `alias` what the migrations would have: the search index
    and the record of every migration as applied. Does nothing on a database that has it."""
    connection = connections[alias]
    recorder = MigrationRecorder(connection)
    if recorder.has_table() and recorder.migration_qs.exists():
        return  # migrated for real (HAMAFZA_TEST_MIGRATE=1), or kept from an earlier run
    with connection.cursor() as cursor:
        for sql in search_index_sql(connection.vendor):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            # Django's auth migration gives the groups' permission links a bigint id (its
            # historical model takes the project's DEFAULT_AUTO_FIELD); the model says integer.
            cursor.execute("ALTER TABLE auth_group_permissions ALTER COLUMN id TYPE bigint")
    recorder.ensure_schema()
    applied = sorted(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    recorder.Migration.objects.using(alias).bulk_create(
        [recorder.Migration(app=app, name=name) for app, name in applied]
    )
