#!/usr/bin/env python3
"""Time `hamafza backup`, `hamafza restore` and `hamafza move-to-postgres` on N benchmark items.

usage (from the repository root):
  .venv/bin/python bench/move_bench.py --n 10000
  .venv/bin/python bench/move_bench.py --n 100000 --pg postgres://postgres@127.0.0.1:5432/postgres

Loads N corpus items (bench/load_corpus.py) into bench/out/move-N.sqlite3 once (kept; --fresh
reloads), then: backup of that embedded installation into bench/out/move-backups/, restore of the
archive into a fresh SQLite file (migrating it from nothing), and move-to-postgres into a new
PostgreSQL database made on the server of --pg (dropped afterwards), whose verification reads every
table back and compares its count and SHA-256. Prints the time of each step and its rate.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.load_corpus import OUT, configure, load  # noqa: E402


def _timed(label: str, rows: int, fn):
    started = time.perf_counter()
    result = fn()
    took = time.perf_counter() - started
    print(f"{label:<18} {took:8.1f} s   {rows / took:10,.0f} rows/s", flush=True)
    return result, took


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/postgres", help="a PostgreSQL server ('' skips the move)")
    ap.add_argument("--fresh", action="store_true", help="reload the items even if the database exists")
    args = ap.parse_args(argv)

    db = OUT / f"move-{args.n}.sqlite3"
    configure(db, fresh=args.fresh)
    from hamafza.newsroom.models import NewsItem

    if not NewsItem.objects.exists():
        started = time.perf_counter()
        load(None, args.n, verbose=False)
        print(f"loaded {args.n:,} items in {time.perf_counter() - started:.1f} s")

    from hamafza.ops.aliases import sqlite_file_alias
    from hamafza.ops.backup import make_backup
    from hamafza.ops.move import move_to_postgres
    from hamafza.ops.restore import restore

    items = NewsItem.objects.count()
    started = time.perf_counter()
    backup = make_backup(OUT / "move-backups")
    took = time.perf_counter() - started
    print(f"{'backup':<18} {took:8.1f} s   {backup.rows / took:10,.0f} rows/s", flush=True)
    size = backup.path.stat().st_size / 1e6
    print(f"  {items:,} items, {backup.rows:,} rows in {backup.tables} tables, archive {size:,.1f} MB: {backup.path}")

    target = OUT / f"move-restored-{args.n}.sqlite3"
    target.unlink(missing_ok=True)
    with sqlite_file_alias(str(target)) as alias:
        _timed("restore (sqlite)", backup.rows, lambda: restore(backup.path, using=alias, media=False))
    target.unlink(missing_ok=True)

    if args.pg:
        import psycopg

        name = f"h_ops_bench_{uuid.uuid4().hex[:6]}"
        admin = psycopg.connect(args.pg, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = args.pg.rsplit("/", 1)[0] + f"/{name}"
            result, _ = _timed("move-to-postgres", backup.rows, lambda: move_to_postgres(url, workdir=OUT))
            bad = [c.label for c in result.checks if not c.matches]
            print(f"  {len(result.checks)} tables verified (count and SHA-256): {'all match' if not bad else 'MISMATCH ' + ', '.join(bad)}")
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
