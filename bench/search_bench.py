#!/usr/bin/env python3
"""Search benchmark: recall of the ZWNJ probe words, index build time, query latency.

usage (from the repository root):
  .venv/bin/python bench/search_bench.py 10000            # SQLite, fresh file bench/out/search-10000.sqlite3
  DATABASE_URL=postgres://root@127.0.0.1:5432/hz_search_bench .venv/bin/python bench/search_bench.py 10000
options: --repeat R (queries per kind, default 200), --keep (reuse a loaded database: no load)

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
    "frequent word": "حمل‌ونقل",
    "rare word": "کولاک",
    "two words": "قطار مسافری",
    "phrase": '"ایستگاه جدید راه‌آهن"',
}


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
    args = parser.parse_args(argv)

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

    council_id = Placement.objects.values_list("council_id", flat=True).first()
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
            recall = len(expected & found) / len(expected) if expected else 1.0
            all_ok &= recall == 1.0
            line += f" | «{spelling}» {recall:.1%} (found {len(found)})"
        print(line)
    print(f"  100% for every spelling: {'yes' if all_ok else 'NO'}")

    print(f"\nsearch_public top 20 with snippets, {args.repeat} runs each:")
    for label, query in QUERIES.items():
        page = search_public(council_id, query)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            search_public(council_id, query)
            times.append((time.perf_counter() - t0) * 1000)
        print(
            f"  {label:14} «{query}»: p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 95):6.1f} ms"
            f"  ({page.total_estimate} candidates, {len(page.items)} shown)"
        )
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
