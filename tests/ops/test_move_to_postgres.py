"""`hamafza move-to-postgres`: the embedded demo installation into an empty PostgreSQL database,
every table's count and checksum matching; a second run (a database no longer empty) refuses."""

import io
import os
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from hamafza.newsroom.models import NewsItem
from hamafza.ops.aliases import url_alias
from tests.demo.conftest import load_demo

from .helpers import table_digests

BASE_URL = os.environ.get("HAMAFZA_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def empty_postgres():
    name = f"h_ops_move_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(BASE_URL, autocommit=True)  # CI runs PostgreSQL for both passes
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield BASE_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _move(url: str) -> str:
    out = io.StringIO()
    call_command("move_to_postgres", url, "--no-progress", stdout=out)
    return out.getvalue()


def test_the_demo_moves_with_every_count_and_checksum(empty_postgres):
    """The embedded installation (the SQLite pass) moves; one already on PostgreSQL (the
    scale-profile pass) is refused, so each pass checks what applies to it and neither skips."""
    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="هم‌اکنون روی PostgreSQL است"):
            _move(empty_postgres)
        with psycopg.connect(empty_postgres) as target:
            assert target.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
        return
    load_demo()
    source = table_digests()
    output = _move(empty_postgres)
    assert f"DATABASE_URL={empty_postgres}" in output and "ناهمخوان" not in output

    with url_alias(empty_postgres) as target:
        assert table_digests(target) == source
        with connections[target].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_document WHERE vector IS NULL")
            assert cursor.fetchone()[0] == 0  # the search engine's index was built
            table = NewsItem._meta.db_table
            cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) > (SELECT max(id) FROM {table})")
            assert cursor.fetchone()[0]  # sequences continue after the moved rows

    with pytest.raises(CommandError, match="پایگاه دادهٔ مقصد خالی نیست"):
        _move(empty_postgres)


def test_the_command_is_spelled_with_hyphens(monkeypatch):
    from hamafza import cli

    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    monkeypatch.setattr("sys.argv", ["hamafza", "move-to-postgres", "postgres://x/y"])
    cli.main()
    assert seen == [["hamafza", "move_to_postgres", "postgres://x/y"]]
