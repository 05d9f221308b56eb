#!/usr/bin/env python3
"""Reciprocity benchmark: the council's reciprocity record and an agency's public cooperation
section on a busy council, server time.

usage (from the repository root):
  .venv/bin/python bench/reciprocity_bench.py              # SQLite in a fresh temporary var/
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hz_reciprocity_bench .venv/bin/python bench/reciprocity_bench.py
options: --agencies N (default 20), --requests R (default 5000), --repeat K (default 20)

It builds one council of N agencies and, over the last two Jalali years, R co-publication requests
(each to three agencies, answered, declined, expired or pending), R/2 help requests with two
offers each; then times (p50 / max, ms, after one warm-up):
- reciprocity.council_record for the current year (all agencies; five queries),
- the workspace page /workspace/cooperation/reciprocity/ for the secretariat (whole request),
- reciprocity.public_summary for one agency with an empty cache (one query).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.harness import fresh_database, make_council, signed_in_client, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=20)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    fresh_database("reciprocity")
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.utils import timezone

    from hamafza.accounts.models import CouncilRole
    from hamafza.cooperation import reciprocity
    from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget, HelpOffer, HelpRequest, Need
    from hamafza.reporting import periods
    from tests import factories
    from tests.personas import make_user

    rng = random.Random(6)
    council, agencies = make_council(args.agencies)
    items = {a.pk: factories.make_item(a, title=f"خبر بنچ {a.pk}") for a in agencies}
    now = timezone.now()
    span = dt.timedelta(days=730)
    statuses = ["accepted"] * 5 + ["declined"] * 2 + ["expired"] * 2 + ["pending"]
    with transaction.atomic():
        requests = []
        for _ in range(args.requests):
            asking = rng.choice(agencies)
            created = now - span * rng.random()
            requests.append(AmplificationRequest(
                council=council, kind=rng.choice(["republish"] * 4 + ["support"]), item=items[asking.pk],
                asking_agency=asking, deadline=created + dt.timedelta(days=2)))
        AmplificationRequest.objects.bulk_create(requests)
        targets = []
        for req in requests:
            req.created_at = now - span * rng.random()
            for agency in rng.sample([a for a in agencies if a.pk != req.asking_agency_id], 3):
                status = rng.choice(statuses)
                answered = status in ("accepted", "declined")
                targets.append(AmplificationTarget(
                    request=req, agency=agency, status=status,
                    responded_at=req.created_at + dt.timedelta(hours=rng.uniform(0.2, 40)) if answered else None))
        AmplificationRequest.objects.bulk_update(requests, ["created_at"], batch_size=1000)
        AmplificationTarget.objects.bulk_create(targets, batch_size=2000)
        helps = [HelpRequest(council=council, asking_agency=rng.choice(agencies), need=Need.PHOTOGRAPHER, title="عکاس",
                             day=now.date(), deadline=now) for _ in range(args.requests // 2)]
        HelpRequest.objects.bulk_create(helps)
        offers = []
        for hr in helps:
            hr.created_at = now - span * rng.random()
            for n, agency in enumerate(rng.sample([a for a in agencies if a.pk != hr.asking_agency_id], 2)):
                offers.append(HelpOffer(request=hr, agency=agency, text="پیشنهاد", status="accepted" if n == 0 else "not_chosen",
                                        delivered_at=now if n == 0 and rng.random() < .7 else None))
        HelpRequest.objects.bulk_update(helps, ["created_at"], batch_size=1000)
        HelpOffer.objects.bulk_create(offers, batch_size=2000)
    if connection.vendor == "postgresql":  # fresh statistics, as autovacuum keeps them in service
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    dabir = make_user("bench-dabir")
    CouncilRole.objects.create(user=dabir, council=council, role=CouncilRole.Role.SECRETARIAT)
    client = signed_in_client(dabir)
    year = periods.year(periods.current_month()[0])

    print(f"{connection.vendor}: {args.agencies} agencies, {len(requests)} requests / {len(targets)} targets, "
          f"{len(helps)} help requests / {len(offers)} offers; {args.repeat} runs")
    p50, top = timed(lambda: reciprocity.council_record(council.pk, year), args.repeat)
    print(f"council_record, one year, all agencies   p50 {p50:7.1f} ms   max {top:7.1f} ms")

    def page():
        response = client.get("/workspace/cooperation/reciprocity/")
        assert response.status_code == 200, response.status_code

    p50, top = timed(page, args.repeat)
    print(f"workspace reciprocity page (secretariat)   p50 {p50:7.1f} ms   max {top:7.1f} ms")

    def public():
        cache.delete(f"coop:public:{council.pk}:{agencies[3].pk}")
        reciprocity.public_summary(council.pk, agencies[3].pk)

    p50, top = timed(public, args.repeat)
    print(f"public_summary, cache empty             p50 {p50:7.1f} ms   max {top:7.1f} ms")


if __name__ == "__main__":
    main()
