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
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.harness import fresh_database, signed_in_client, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    fresh_database("scorecard")
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(DEMO_MODE=True):
        call_command("demo", verbosity=0, stdout=io.StringIO())

    from hamafza.accounts.models import CouncilRole
    from hamafza.agencies.models import Council
    from hamafza.reporting import periods
    from hamafza.scorecard import scoring

    council = Council.objects.order_by("id").first()
    year, _month = periods.current_month()
    period = periods.year(year)
    with CaptureQueriesContext(connection) as queries:
        scoring.board(council.pk, period)
    p50, worst = timed(lambda: scoring.board(council.pk, period), args.repeat)
    print(f"scoring.board, {len(scoring.board(council.pk, period).cards)} agencies, year {year} + previous: "
          f"p50 {p50:.1f} ms, max {worst:.1f} ms, {len(queries)} queries")

    observer = CouncilRole.objects.filter(council=council, role=CouncilRole.Role.OBSERVER).first().user
    client = signed_in_client(observer, council.hostname or "localhost")
    url = f"/workspace/scorecard/?kind=year&year={year}"
    assert client.get(url).status_code == 200
    p50, worst = timed(lambda: client.get(url), args.repeat)
    print(f"observer page {url}: p50 {p50:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
