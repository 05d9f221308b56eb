"""A copy of the test database for real subprocesses (servers, workers) to run on."""

import sqlite3
from pathlib import Path


class SubprocessDatabase:
    """A database of its own for server or worker subprocesses, copied from the test database as
    it is now (a SQLite file copied with the backup API, or a PostgreSQL database made from the
    test database as a template). Use it from a transactional test (django_db(transaction=True)),
    so that nothing holds a transaction open on the test database while it is copied."""

    def __init__(self, tmp_path: Path, suffix: str):
        from django.db import connections

        self.settings = dict(connections["default"].settings_dict)  # the test database's
        self.postgres = "postgresql" in self.settings["ENGINE"]
        connections.close_all()
        if self.postgres:
            import psycopg

            self.name = f"{self.settings['NAME']}_{suffix}"
            self.admin = psycopg.connect(self._dsn("postgres"), autocommit=True)
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.settings["NAME"]}"')
        else:
            self.path = tmp_path / "db.sqlite3"
            src, dst = sqlite3.connect(self.settings["NAME"]), sqlite3.connect(self.path)
            src.backup(dst)
            src.close(), dst.close()

    def _dsn(self, name: str) -> str:
        s = self.settings
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"

    def env(self) -> dict:
        if self.postgres:
            return {"DATABASE_URL": self._dsn(self.name)}
        return {"HAMAFZA_SQLITE_PATH": str(self.path)}

    def query(self, sql: str) -> list[tuple]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self._dsn(self.name)) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.path, timeout=20) as conn:
            return conn.execute(sql).fetchall()

    def drop(self) -> None:
        if self.postgres:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.admin.close()
