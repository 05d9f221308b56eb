"""The migrations, run for real on the engine of this pass (SQLite, then PostgreSQL), into an empty
database of their own: they must run end to end and give exactly the schema, the applied
migrations and the rows that the suite's model-built test database has (tests/schema.py builds
it so). And the models have no change that lacks a migration."""

from __future__ import annotations

import contextlib
import importlib
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connections, migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from hamafza.ops.aliases import sqlite_file_alias, temporary_alias

# Every migration of Hamafza that runs code, and why the model-built test database needs nothing
# of it (tests/schema.py). A new one fails here until it is looked at and listed.
RUNS_CODE = {
    ("audit", "0002_agency_only"): "rows: marks existing entries",
    ("council", "0002_notices_move_to_notifications"): "rows: moves existing notices",
    ("distribution", "0005_channels_platforms_existing"): "rows: existing councils keep their platforms",
    ("distribution", "0006_channels_kept_without_council"): "rows: existing channels of agencies on no council",
    ("newsroom", "0007_forget_never_public_notices"): "rows: existing items",
    ("newsroom", "0008_uifix_states_return_reason"): "rows: existing comments",
    ("reach", "0002_reach_sketches"): "rows: today's and yesterday's reader marks become sketches",
    ("search", "0001_initial"): "schema: the FTS5 table / tsvector column, run by tests/schema.py",
}


def _runs_code(operations) -> bool:
    for operation in operations:
        if isinstance(operation, (migrations.RunPython, migrations.RunSQL)):
            return True
        if isinstance(operation, migrations.SeparateDatabaseAndState) and _runs_code(operation.database_operations):
            return True
    return False


def test_every_migration_that_runs_code_is_known():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = {key for key, migration in loader.disk_migrations.items()
             if migration.__module__.startswith("hamafza.") and _runs_code(migration.operations)}
    assert found == set(RUNS_CODE)
    assert importlib.import_module("tests.schema").search_index_sql(connections["default"].vendor)


def test_no_model_change_lacks_a_migration(db):  # makemigrations reads the migration history
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"makemigrations --check: the models have changes without a migration:\n{out.getvalue()}")
        raise AssertionError from exc


@contextlib.contextmanager
def empty_database(tmp_path):
    """An alias for a new, empty database on the engine of this pass."""
    default = connections["default"]
    if default.vendor == "sqlite":
        with sqlite_file_alias(str(tmp_path / "migrated.sqlite3")) as alias:
            yield alias
        return
    import psycopg

    settings = default.settings_dict
    name = f"{settings['NAME']}_migrated"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings.get("PASSWORD") else "")
    admin = psycopg.connect(f"postgresql://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/postgres",
                            autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with temporary_alias({"NAME": name, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False}) as alias:
            yield alias
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def schema(alias: str) -> dict:
    """Tables → their columns and their constraints and indexes (without names: a renamed
    table keeps the old name's indexes on PostgreSQL), the models' row counts, the triggers."""
    connection = connections[alias]
    introspection = connection.introspection
    models = set(introspection.django_table_names(include_views=False))
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            columns = sorted(
                (c.name, str(c.type_code), c.null_ok, c.default, getattr(c, "collation", None))
                for c in introspection.get_table_description(cursor, table)
            )
            constraints = Counter(
                (tuple(c["columns"]), c["primary_key"], c["unique"], c["foreign_key"], c["check"], c["index"],
                 c.get("type"), tuple(c.get("orders") or ()))
                for c in introspection.get_constraints(cursor, table).values()
            )
            rows = None
            if table in models:  # the search engine's own tables keep what earlier tests indexed
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                rows = cursor.fetchone()[0]
            out[table] = {"columns": columns, "constraints": sorted(constraints.items(), key=repr), "rows": rows}
        if connection.vendor == "sqlite":
            cursor.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name")
        else:
            cursor.execute("SELECT 'trigger', tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal "
                           "UNION ALL SELECT 'view', viewname, viewname FROM pg_views WHERE schemaname = 'public' ORDER BY 2")
        out["(triggers and views)"] = {"columns": [], "constraints": cursor.fetchall(), "rows": None}
    return out


def test_the_migrations_run_and_give_the_test_databases_schema(db, tmp_path, django_db_blocker, monkeypatch):
    # A database made at run time is not one the test declared: connect unpatched.
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", django_db_blocker._real_ensure_connection)
    with empty_database(tmp_path) as alias:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        migrated, built = schema(alias), schema("default")
        applied = set(MigrationRecorder(connections[alias]).applied_migrations())
        assert applied == set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
        assert set(MigrationRecorder(connections["default"]).applied_migrations()) == applied
        connections[alias].close()
    assert migrated.keys() == built.keys()
    different = {}
    for table in migrated:
        for part in ("columns", "constraints", "rows"):
            a, b = migrated[table][part], built[table][part]
            if a != b:
                only = ([x for x in a if x not in b], [x for x in b if x not in a]) if isinstance(a, list) else (a, b)
                different[f"{table} {part}"] = {"migrations only": only[0], "test database only": only[1]}
    assert not different, "\n".join(f"{k}: {v}" for k, v in different.items())
