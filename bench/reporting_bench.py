#!/usr/bin/env python3
"""Performance-reporting benchmark: the public dashboard for 20 agencies × 20 indicators × 10
Jalali years (48,000 approved monthly values), and the yearly consolidated PDF.

usage (from the repository root):
  .venv/bin/python bench/reporting_bench.py                # SQLite, fresh file bench/out/reporting.sqlite3
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/hz_reporting_bench .venv/bin/python bench/reporting_bench.py
options: --repeat R (requests per page, default 20), --keep (reuse a loaded database)

Times are server time in-process (Django's test client: URL resolution, middleware, queries,
Jinja2, charts), p50 and max in ms, for each page
- uncached: Django's cache emptied before every request; the charts come from the database, where
  they were drawn and stored after the approval (here: after the bulk load, charts.warm_council);
- cached: the cache kept between requests (the steady state);
- never drawn: no stored chart and an empty cache, so pygal draws every chart during the request
  (a page no approval has warmed yet, e.g. straight after a bulk import).
The PDF: report.build + WeasyPrint for the whole council and one year, in seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load_corpus  # noqa: E402

AGENCIES, INDICATORS, YEARS = 20, 20, 10
HOST = "bench.example.ir"


def load() -> None:
    from django.db import transaction

    from hamafza.agencies.models import Agency, Council, CouncilMembership, Sector
    from hamafza.reporting.models import Indicator, IndicatorValue
    from hamafza.reporting.periods import current_month

    rng = random.Random(20)
    now_y, now_m = current_month()
    first = now_y - YEARS + 1
    units = [u for u, _label in Indicator.Unit.choices]
    with transaction.atomic():
        sectors = [Sector.objects.create(code=f"s{i}", name=f"بخش {i}", slug=f"بخش-{i}", order=i) for i in range(6)]
        agencies = []
        for a in range(AGENCIES):
            agency = Agency.objects.create(name=f"اداره کل نمونهٔ شمارهٔ {a}", short_name=f"نمونه {a}", slug=f"نمونه-{a}", order=a)
            agency.sectors.set([sectors[a % 6]])
            agencies.append(agency)
        council = Council.objects.create(name="شورای سنجش", short_name="سنجش", slug="bench", region="خوزستان",
                                         head_agency=agencies[0], hostname=HOST, portal_title="درگاه سنجش")
        for agency in agencies:
            CouncilMembership.objects.create(council=council, agency=agency)
        values = []
        for agency in agencies:
            for n in range(INDICATORS):
                ind = Indicator.objects.create(
                    agency=agency, name=f"شاخص شمارهٔ {n} دستگاه", unit=units[n % len(units)], sector=sectors[agency.order % 6],
                    aggregation=("sum", "average", "last")[n % 3], yearly_target=Decimal(12000) if n % 2 else None, order=n,
                )
                for year in range(first, now_y + 1):
                    for month in range(1, 13):
                        if (year, month) >= (now_y, now_m):
                            break
                        v = Decimal(rng.randint(500, 1500))
                        values.append(IndicatorValue(indicator=ind, year=year, month=month, value=v, approved_value=v,
                                                     state=IndicatorValue.State.APPROVED))
        IndicatorValue.objects.bulk_create(values, batch_size=2000)
    print(f"loaded {len(values):,} approved values", file=sys.stderr)


def timed(client, url: str, repeat: int, cold: bool, undrawn: bool = False) -> tuple[float, float]:
    from django.core.cache import cache

    from hamafza.reporting.models import StoredChart

    times = []
    kept = list(StoredChart.objects.all()) if undrawn else []
    for _ in range(repeat):
        if undrawn:
            StoredChart.objects.all().delete()
        if cold:
            cache.clear()
        from hamafza.agencies.registry import get_registry

        get_registry()  # the registry is per process and loaded once; not part of a request
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=HOST)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if kept:
        StoredChart.objects.all().delete()
        StoredChart.objects.bulk_create(kept, batch_size=200)
    return statistics.median(times), max(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    # «uncached» empties Django's cache before each request; on Redis that is a FLUSHDB of a
    # database other processes may share, so the bench always uses its own file cache.
    import os

    os.environ.pop("REDIS_URL", None)
    desc = load_corpus.configure(load_corpus.OUT / "reporting.sqlite3", fresh=not args.keep)
    print(f"database: {desc}", file=sys.stderr)
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)  # the manifest storage needs it (DEBUG off)

    from django.test import Client
    from django.urls import reverse

    from hamafza.agencies.models import Agency
    from hamafza.reporting import periods, report
    from hamafza.reporting.models import IndicatorValue

    if not args.keep or not IndicatorValue.objects.exists():
        if args.keep is False:
            from django.core.management import call_command

            call_command("flush", interactive=False, verbosity=0)
        load()
    from hamafza.agencies.registry import get_registry
    from hamafza.reporting import charts

    started = time.perf_counter()
    drawn = charts.warm_council(get_registry().councils_by_host[HOST])
    print(f"charts drawn and stored after the load: {drawn} in {time.perf_counter() - started:.1f} s "
          f"(an approval redraws one agency's: about {drawn / AGENCIES:.0f})", file=sys.stderr)
    client = Client()
    agency = Agency.objects.order_by("order").first()
    sector_slug = agency.sectors.first().slug
    sector_agencies = Agency.objects.filter(sectors__slug=sector_slug).count()
    pages = {
        "council dashboard (20 agencies, key figures)": reverse("portal:dashboard"),
        "agency (20 indicators: 20 line charts + progress)": reverse("portal:dashboard_agency", args=[agency.slug]),
        f"sector ({sector_agencies} agencies: {sector_agencies * INDICATORS} line charts + progress)":
            reverse("portal:dashboard_sector", args=[sector_slug]),
        "open data JSON (one year, 4,800 rows)": reverse("portal:open_data_json") + f"?year={periods.current_month()[0] - 1}",
    }
    for url in pages.values():
        client.get(url, HTTP_HOST=HOST)  # warm the process (imports, templates)
    print(f"{'page':55} {'uncached p50':>12} {'max':>7} {'cached p50':>10} {'max':>7} {'never drawn':>11}")
    for name, url in pages.items():
        cold = timed(client, url, max(3, args.repeat // 2), cold=True)
        warm = timed(client, url, args.repeat, cold=False)
        first = timed(client, url, 1, cold=True, undrawn=True) if "chart" in name else (0.0, 0.0)
        print(f"{name:55} {cold[0]:12.1f} {cold[1]:7.1f} {warm[0]:10.1f} {warm[1]:7.1f} {first[0]:11.1f}")

    council = get_registry().councils_by_host[HOST]
    year = periods.current_month()[0] - 1
    started = time.perf_counter()
    data = report.build(council, periods.year(year))
    built = time.perf_counter() - started
    pdf, rendered = report.render_pdf(data)
    out = load_corpus.OUT / f"reporting-{year}.pdf"
    out.write_bytes(pdf)
    print(f"yearly PDF {year}: data {built:.2f} s + WeasyPrint {rendered:.2f} s = {built + rendered:.2f} s, "
          f"{len(pdf) / 1024:.0f} KB → {out}")


if __name__ == "__main__":
    main()
