"""What the in-process benchmarks share (press, scorecard, reciprocity): a fresh database, a
council of agencies, a signed-in client, and p50 / max timing.

    from bench.harness import fresh_database, make_council, signed_in_client, timed

`fresh_database` must run before anything imports Django settings: SQLite in a new temporary
var/ (or DATABASE_URL's database, flushed), migrated."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def timed(fn, repeat: int) -> tuple[float, float]:
    """(p50, max) of `repeat` runs of fn, in ms, after one warm-up run."""
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out), max(out)


def fresh_database(name: str) -> None:
    """Set Django up on an empty, migrated database: SQLite in a fresh temporary var/ (prefix
    hz-<name>-bench-), or the DATABASE_URL database, flushed."""
    os.environ.setdefault("HAMAFZA_VAR_DIR", tempfile.mkdtemp(prefix=f"hz-{name}-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    os.environ.setdefault("HAMAFZA_LOG_LEVEL", "WARNING")
    os.environ.setdefault("HAMAFZA_TESTING", "1")  # plain static storage: no collectstatic manifest needed
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)


def make_council(agencies: int, *, hostname: str = "bench.localhost"):
    """A council of `agencies` road agencies (the first heads it); (council, [agencies])."""
    from hamafza.agencies import registry
    from tests import factories

    sectors = factories.make_sectors()
    members = [factories.make_agency(f"اداره کل بنچ {i}", short_name=f"بنچ {i}", sectors=[sectors["road"]])
               for i in range(agencies)]
    council = factories.make_council(members[0], members[1:], hostname=hostname)
    registry.invalidate()
    return council, members


def signed_in_client(user, host: str = "bench.localhost"):
    """A test client signed in as `user` (two-factor verified), on `host`."""
    from django.test import Client

    from tests.personas import sign_in_verified

    client = Client(HTTP_HOST=host)
    sign_in_verified(client, user)
    return client
