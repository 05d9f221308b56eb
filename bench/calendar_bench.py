#!/usr/bin/env python3
"""Calendar benchmark: the workspace month view with 500 events, server time.

usage (from the repository root):
  .venv/bin/python bench/calendar_bench.py                 # SQLite in a fresh temporary var/
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hz_council_bench .venv/bin/python bench/calendar_bench.py
options: --events N (default 500), --repeat R (default 50)

It builds one council of 8 agencies, and in Azar 1405: approved programs (40%), task deadlines
(30%), meetings (10%) and scheduled posts (20%); then renders /workspace/council/calendar/?y=1405&m=9
for the secretariat (who sees them all) through Django's test client, R times after one warm-up,
and prints p50 / p95 / max of the whole request (view, queries, template) in ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.harness import fresh_database, make_council, signed_in_client  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    fresh_database("calendar")
    from django.db import connection

    from hamafza.accounts.models import CouncilRole
    from hamafza.council.models import Campaign, Meeting, ProgramProposal, Task
    from hamafza.newsroom.models import NewsItem
    from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian
    from tests.personas import make_user

    council, agencies = make_council(8)
    dabir = make_user("bench-dabir")
    CouncilRole.objects.create(user=dabir, council=council, role=CouncilRole.Role.SECRETARIAT)

    first = jalali_to_gregorian(1405, 9, 1)
    days = [first + dt.timedelta(days=i) for i in range(30)]
    n = args.events
    counts = {"program": int(n * 0.4), "task": int(n * 0.3), "meeting": int(n * 0.1)}
    counts["post"] = n - sum(counts.values())
    campaign = Campaign.objects.create(council=council, title="پویش بنچ", slug="bench", start_date=days[0], end_date=days[-1])
    ProgramProposal.objects.bulk_create([
        ProgramProposal(campaign=campaign, agency=agencies[i % 8], title=f"برنامه شماره {i}", date=days[i % 30],
                        start_time=dt.time(8 + i % 10, 0), status=ProgramProposal.Status.APPROVED)
        for i in range(counts["program"])
    ])
    Task.objects.bulk_create([
        Task(council=council, agency=agencies[i % 8], title=f"وظیفه شماره {i}", deadline=days[i % 30]) for i in range(counts["task"])
    ])
    meetings = Meeting.objects.bulk_create([
        Meeting(council=council, title=f"نشست شماره {i}", starts_at=dt.datetime.combine(days[i % 30], dt.time(10), tzinfo=TEHRAN))
        for i in range(counts["meeting"])
    ])
    through = Meeting.invited_agencies.through
    through.objects.bulk_create([through(meeting_id=m.pk, agency_id=agencies[j].pk) for m in meetings for j in range(3)])
    NewsItem.objects.bulk_create([
        NewsItem(lead_agency=agencies[i % 8], title=f"خبر زمان‌بندی‌شده {i}", slug=f"post-{i}", status=NewsItem.Status.SCHEDULED,
                 published_at=dt.datetime.combine(days[i % 30], dt.time(9 + i % 8), tzinfo=TEHRAN))
        for i in range(counts["post"])
    ])

    client = signed_in_client(dabir)
    url = "/workspace/council/calendar/?y=1405&m=9"
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    shown = response.content.decode().count('class="ev ev-')
    queries: list[tuple[float, str]] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(record):
        client.get(url)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"database: {connection.vendor}; events in the month: {shown} ({counts}); {len(queries)} queries per request")
    if os.environ.get("BENCH_SHOW_QUERIES"):
        for ms, sql in queries:
            print(f"  {ms:6.2f} ms  {sql[:150]}")
    print(f"month view, {args.repeat} requests: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")


if __name__ == "__main__":
    main()
