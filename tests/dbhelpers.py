"""Helpers for tests that write from several threads or processes at once."""

import time

from django.db import OperationalError, connection


def retrying_when_locked(func):
    """The test database of SQLite is in memory with a shared cache, where a second writer gets
    "table is locked" at once instead of waiting as it does on the product's file database
    (busy_timeout). Retrying the whole job stands in for that wait; use it only for jobs that
    are safe to run again, which is what such tests are about. PostgreSQL never needs it."""
    for _attempt in range(500):
        try:
            return func()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("the database stayed locked")
