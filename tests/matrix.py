"""Shared by the permission-matrix tests: every persona tries an action from the same starting
state (each try runs in a savepoint that is rolled back, and the setting's objects are read
afresh), and the outcomes form one row of the hand-written table."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction


def row(personas: Iterable[str], attempt: Callable[[str], bool], setting: Iterable = ()) -> dict[str, int]:
    """{persona: 1 if `attempt(persona)` went through, else 0}."""
    got = {}
    for who in personas:
        sid = transaction.savepoint()
        try:
            got[who] = int(attempt(who))
        finally:
            transaction.savepoint_rollback(sid)
        for obj in setting:
            obj.refresh_from_db()
    return got
