#!/usr/bin/env python3
"""CPU milliseconds per request of public pages, through the production WSGI application in process.

usage (from the repository root):
  .venv/bin/python bench/wsgi_cpu.py                          # home, 10,000 items, SQLite
  .venv/bin/python bench/wsgi_cpu.py --n 100000 --pages home,feed --requests 500 --blocks 5
  .venv/bin/python bench/wsgi_cpu.py --profile home           # cProfile of the home page, top 40

On a machine shared with other work, wrk's requests per second swing with the load; the CPU time
this process spends per request (time.process_time) does not. Each page is asked `--requests`
times per block through `hamafza.wsgi.application` (the same stack gunicorn serves: the live-poll
and reach wrappers, the page-cache lookup — off, HAMAFZA_PAGE_CACHE=0 —, Django's handler and
every middleware), on the database bench/portal_bench.py uses; the figure is the median of the
blocks' means. Every answer must be 200 and the same bytes as the first one (minus the CSP nonce).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import portal_bench  # noqa: E402

_NONCE = re.compile(rb'nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+')


def environ(path: str) -> dict:
    """A plain anonymous GET as gunicorn hands it to the application."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000", "HTTP_ACCEPT": "text/html", "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "wsgi.version": (1, 0),
    }


def get(app, path: str) -> tuple[str, bytes]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    result = app(environ(path), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return seen["status"], body


def measure(app, urls: list[str], requests: int, blocks: int) -> tuple[float, list[float]]:
    """Median over `blocks` of the mean CPU ms per request; fails on a non-200 or changing bytes."""
    status, first = get(app, urls[0])
    if not status.startswith("200"):
        raise SystemExit(f"FAIL: {urls[0]} answered {status}")
    for _ in range(20):  # warm up
        get(app, urls[0])
    means = []
    for _ in range(blocks):
        c0 = time.process_time()
        for i in range(requests):
            status, body = get(app, urls[i % len(urls)])
        means.append((time.process_time() - c0) * 1000 / requests)
    if len(urls) == 1 and _NONCE.sub(b"", body) != _NONCE.sub(b"", first):
        raise SystemExit(f"FAIL: {urls[0]} changed between requests")
    return statistics.median(means), means


def profile(app, url: str, requests: int) -> None:
    for _ in range(20):
        get(app, url)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(requests):
        get(app, url)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats(os.environ.get("BENCH_SORT", "tottime"))
    stats.print_stats(40)
    print(out.getvalue())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--pages", default="home")
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--blocks", type=int, default=5)
    ap.add_argument("--profile", help="a page to profile with cProfile instead of measuring")
    ap.add_argument("--save", help="write the first page's body to this file (to compare bytes)")
    a = ap.parse_args(argv)
    os.environ.setdefault("HAMAFZA_PAGE_CACHE", "0")
    desc = portal_bench.prepare_database(a.n, reload=False)
    portal_bench.collectstatic()
    paths = portal_bench.page_paths()
    from django.db import connection

    connection.close()
    from hamafza.wsgi import application

    print(f"# {desc}; page cache {os.environ['HAMAFZA_PAGE_CACHE']}; load average {os.getloadavg()[0]:.2f}")
    pages = [p.strip() for p in a.pages.split(",") if p.strip()]
    if a.save:
        Path(a.save).write_bytes(_NONCE.sub(b"", get(application, paths[pages[0]][0])[1]))
    if a.profile:
        profile(application, paths[a.profile][0], a.requests)
        return 0
    for page in pages:
        median, means = measure(application, paths[page], a.requests, a.blocks)
        print(f"{page:8} {median:.3f} ms CPU/request (blocks: {', '.join(f'{m:.3f}' for m in means)})", flush=True)
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
