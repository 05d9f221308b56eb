#!/usr/bin/env python3
"""Scorecard benchmark: the council's scorecard on the Khuzestan demo (8 agencies, every
built-in criterion), server time.

usage (from the repository root):
  .venv/bin/python bench/scorecard_bench.py              # SQLite in a fresh temporary var/
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hz_scorecard_bench .venv/bin/python bench/scorecard_bench.py
options: --repeat K (default 10)

Loads the demo, then times (p50 / max, ms, after one warm-up) and counts the queries of
scoring.board for the current Jalali year (with the previous year's scores for the trend), and of
the observer's page /workspace/scorecard/ (whole request).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _times(fn, repeat: int) -> tuple[float, float]:
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out), max(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("HAMAFZA_VAR_DIR", tempfile.mkdtemp(prefix="hz-scorecard-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    os.environ.setdefault("HAMAFZA_LOG_LEVEL", "WARNING")
    os.environ.setdefault("HAMAFZA_TESTING", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    with override_settings(DEMO_MODE=True):
        call_command("demo", verbosity=0, stdout=io.StringIO())

    from hamafza.accounts.models import CouncilRole
    from hamafza.agencies.models import Council
    from hamafza.reporting import periods
    from hamafza.scorecard import scoring
    from tests.personas import sign_in_verified

    council = Council.objects.order_by("id").first()
    year, _month = periods.current_month()
    period = periods.year(year)
    with CaptureQueriesContext(connection) as queries:
        scoring.board(council.pk, period)
    p50, worst = _times(lambda: scoring.board(council.pk, period), args.repeat)
    print(f"scoring.board, {len(scoring.board(council.pk, period).cards)} agencies, year {year} + previous: "
          f"p50 {p50:.1f} ms, max {worst:.1f} ms, {len(queries)} queries")

    observer = CouncilRole.objects.filter(council=council, role=CouncilRole.Role.OBSERVER).first().user
    client = Client(HTTP_HOST=council.hostname or "localhost")
    sign_in_verified(client, observer)
    url = f"/workspace/scorecard/?kind=year&year={year}"
    assert client.get(url).status_code == 200
    p50, worst = _times(lambda: client.get(url), args.repeat)
    print(f"observer page {url}: p50 {p50:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
