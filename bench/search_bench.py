#!/usr/bin/env python3
"""Search benchmark: recall of the ZWNJ probe words, index build time, query latency.

usage (from the repository root):
  .venv/bin/python bench/search_bench.py 10000            # SQLite, fresh file bench/out/search-10000.sqlite3
  DATABASE_URL=postgres://root@127.0.0.1:5432/hz_search_bench .venv/bin/python bench/search_bench.py 10000
options: --repeat R (queries per kind, default 200), --keep (reuse a loaded database: no load),
  --no-reindex (with --keep: use the index as it is), --no-recall, --wrk (also serve the search
  page with gunicorn on 127.0.0.1:--port, default 8071, and drive it with wrk: --threads 2
  --connections 16 --duration 10, cycling over WRK_QUERIES with bench/paths.lua; req/s, p50, p99)

It loads the benchmark corpus (shared/corpus/make_corpus.py, via bench/load_corpus.py) into a
fresh database with bulk inserts, rebuilds the search index (`reindex_all`, timed), then
- recall: for each PROBE_WORDS entry, the items whose text holds the word (with or without its
  ZWNJ) against what search finds when the word is typed either way (all matches, not a page);
- latency of `search_public` (top 20 with snippets) for a frequent word, a rare word, a
  two-word query and a quoted phrase: p50 / p95 in ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load_corpus  # noqa: E402

ZWNJ = "\u200c"
PROBE_WORDS = ["حمل‌ونقل", "می‌شود", "فرودگاه‌ها", "کشتی‌ها", "بزرگ‌راه"]
QUERIES = {
    "frequent word": "حمل‌ونقل",  # in 84% of the items
    # The corpus has about 850 distinct words, none in fewer than ~200 of 100,000 items: the
    # rarest tokens are numbers such as «۱۶۹» (215 items); «کولاک» is in 27%.
    "rare word": "۱۶۹",
    "two words": "قطار مسافری",
    "phrase": '"ایستگاه جدید راه‌آهن"',
    "absent word": "کهکشان",
}
# The page under load: frequent and rare queries, words and phrases, with and without filters.
WRK_QUERIES = [
    "حمل‌ونقل", "۱۶۹", "قطار مسافری", '"ایستگاه جدید راه‌آهن"', "کولاک", "حمل و نقل", "فرودگاه‌ها",
    "۱۱۳", "کشتی‌ها", "بزرگ‌راه", "می‌شود", "کهکشان", "بندر", "ایستگاه", "جاده",
]


def truth(texts: dict[int, str], word: str) -> set[int]:
    """Item ids whose text holds the word, with or without its ZWNJ, as a whole word."""
    joined = word.replace(ZWNJ, "")
    pattern = re.compile(rf"(?<![\w{ZWNJ}]){re.escape(joined)}(?![\w{ZWNJ}])")
    return {item_id for item_id, text in texts.items() if pattern.search(text.replace(ZWNJ, ""))}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-reindex", action="store_true")
    parser.add_argument("--no-recall", action="store_true")
    parser.add_argument("--wrk", action="store_true")
    parser.add_argument("--port", type=int, default=8071)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args(argv)
    if args.wrk:
        os.environ["HAMAFZA_DEBUG"] = "0"
        os.environ.pop("HAMAFZA_TESTING", None)

    sqlite_path = load_corpus.OUT / f"search-{args.n}.sqlite3"
    desc = load_corpus.configure(sqlite_path, fresh=not args.keep)
    print(f"database: {desc}", file=sys.stderr)
    corpus = load_corpus.corpus_path(args.n)

    from django.db import connection

    from hamafza.newsroom.models import NewsItem, Placement
    from hamafza.persian.searchtext import parse_query
    from hamafza.search.backends import Filters, get_backend
    from hamafza.search.indexing import plain_text, reindex_all
    from hamafza.search.selectors import search_public

    if not args.keep or not NewsItem.objects.exists():
        started = time.perf_counter()
        load_corpus.load(str(corpus), args.n, world="minimal")
        print(f"corpus loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    if not args.no_reindex:
        started = time.perf_counter()
        indexed = reindex_all(batch_size=1000)
        build = time.perf_counter() - started
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"\n== {connection.vendor}, {indexed} items ==")
        print(f"index build (reindex_all): {build:.1f} s ({indexed / build:,.0f} items/s)")
    else:
        print(f"\n== {connection.vendor}, {NewsItem.objects.count()} items (index as it was) ==")

    council_id = Placement.objects.values_list("council_id", flat=True).first()
    all_ok = True
    if not args.no_recall:
        all_ok = recall(council_id, Placement, NewsItem, plain_text, parse_query, Filters, get_backend)
    latency(council_id, search_public, args.repeat)
    if args.wrk:
        page_under_load(args)
    return 0 if all_ok else 1


def recall(council_id, Placement, NewsItem, plain_text, parse_query, Filters, get_backend) -> bool:
    texts = {
        pk: "\n".join([title, lead, plain_text(body)])
        for pk, title, lead, body in NewsItem.objects.values_list("id", "title", "lead", "body").iterator()
    }
    on_portal = set(Placement.objects.filter(council_id=council_id).values_list("item_id", flat=True))
    backend = get_backend()

    print("\nrecall (all matches; typed with ZWNJ / without):")
    all_ok = True
    for word in PROBE_WORDS:
        expected = truth(texts, word) & on_portal
        line = f"  {word}: {len(expected)} items"
        for spelling in (word, word.replace(ZWNJ, ""), word.replace(ZWNJ, " ")):
            found = set(backend.candidates(parse_query(spelling), Filters(council_id), limit=None))
            share = len(expected & found) / len(expected) if expected else 1.0
            all_ok &= share == 1.0
            line += f" | «{spelling}» {share:.1%} (found {len(found)})"
        print(line)
    print(f"  100% for every spelling: {'yes' if all_ok else 'NO'}")
    return all_ok


def latency(council_id, search_public, repeat: int) -> None:
    print(f"\nsearch_public top 20 with snippets (results cache off), {repeat} runs each:")
    for label, query in QUERIES.items():
        page = search_public(council_id, query, cached=False)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            search_public(council_id, query, cached=False)
            times.append((time.perf_counter() - t0) * 1000)
        print(
            f"  {label:14} «{query}»: p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 95):6.1f} ms"
            f"  ({page.total_estimate} candidates, {len(page.items)} shown)"
        )


def page_under_load(args) -> None:
    """The search page served by gunicorn (DEBUG off), under wrk with a query mix."""
    from urllib.parse import urlencode

    from bench.portal_bench import Server, collectstatic, run_wrk

    collectstatic()
    paths = [f"/search/?{urlencode({'q': q})}" for q in WRK_QUERIES]
    paths += [f"/search/?{urlencode({'q': q, 'page': 2})}" for q in WRK_QUERIES[:3]]
    for label, seconds in (("results cache off", "0"), ("results cache on (60 s)", "60")):
        os.environ["HAMAFZA_SEARCH_CACHE_SECONDS"] = seconds
        server = Server(f"sync:{args.workers}")
        server.port = args.port
        with server:
            run_wrk(server.url, paths, "search", 2, args.threads, args.connections)  # warm-up
            res = run_wrk(server.url, paths, "search", args.duration, args.threads, args.connections)
        print(
            f"\nsearch page under wrk, {label} (gunicorn sync:{args.workers} on :{args.port}, -t{args.threads} "
            f"-c{args.connections} -d{args.duration}s, {len(paths)} URLs):"
        )
        print(
            f"  {res['rps']:.0f} req/s, p50 {res['p50_us'] / 1000:.1f} ms, p99 {res['p99_us'] / 1000:.1f} ms, "
            f"non-2xx {res['non2xx']}{' (first: ' + res['first_bad'] + ')' if res['non2xx'] else ''}, "
            f"socket errors {res['connect'] + res['read'] + res['write'] + res['timeout']}"
        )


if __name__ == "__main__":
    sys.exit(main())
