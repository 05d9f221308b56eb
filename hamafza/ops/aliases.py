"""Extra database connections made at run time: a snapshot file, a target database."""

from __future__ import annotations

import contextlib
import copy
import uuid
from collections.abc import Iterator

from django.db import connections


@contextlib.contextmanager
def temporary_alias(settings_dict: dict) -> Iterator[str]:
    """A connection alias for `settings_dict` (missing keys taken from the default connection's)."""
    alias = f"ops_{uuid.uuid4().hex[:8]}"
    merged = copy.deepcopy(connections["default"].settings_dict)
    merged.update(settings_dict)
    merged.setdefault("TEST", {})
    connections.settings[alias] = merged
    try:
        yield alias
    finally:
        if alias in connections:
            connections[alias].close()
            del connections[alias]
        del connections.settings[alias]


def sqlite_file_alias(path: str) -> contextlib.AbstractContextManager[str]:
    return temporary_alias({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": {}, "CONN_MAX_AGE": 0})


def url_alias(url: str) -> contextlib.AbstractContextManager[str]:
    import dj_database_url

    parsed = dj_database_url.parse(url)
    parsed.setdefault("OPTIONS", {})
    parsed["CONN_MAX_AGE"] = 0
    parsed["CONN_HEALTH_CHECKS"] = False
    return temporary_alias(parsed)
