#!/usr/bin/env python3
"""CPU cost of coverage monitoring on the embedded profile (SQLite): 500 feeds read every 15
minutes from a local server (127.0.0.1, in its own process so its CPU is not counted).

Each feed carries 20 entries with their full text (sentences of the shared corpus). Round 0
stores everything (the first reading after registration, once); each later round is a 15-minute
pass in which 1 feed in 5 has two new entries and the rest answer 304 to the conditional GET. One
in ten of the new entries is a reprint of one of our 300 items of the last 30 days. The figure is
the fetcher's CPU time per round (process time: fetch, parse, store, match, alerts) divided by
900 s — the average share of one core.

usage: .venv/bin/python bench/coverage_fetch_bench.py [--feeds 500] [--rounds 3]
The machine is shared: say «measured under load» with the figure.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import sys
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load_corpus import configure, corpus_path, read_records  # noqa: E402

PER_FEED = 20


def serve(port_queue, round_value, feeds: int, texts: list[tuple[str, str]]):
    import datetime as dt

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path == "/robots.txt":
                body = b"User-agent: *\nDisallow: /private/\n"
                etag = ""
            elif self.path.startswith("/feeds/"):
                n = int(self.path.split("/")[2].split(".")[0])
                r = round_value.value
                fresh = sum(2 for k in range(1, r + 1) if (n + k) % 5 == 0)
                count = PER_FEED + fresh
                items = []
                for i in range(count - PER_FEED, count):
                    title, text = texts[(n * 131 + i) % len(texts)]
                    when = format_datetime(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=count - i), usegmt=True)
                    items.append(f"<item><title>{escape(title)}</title><link>http://127.0.0.1:{port}/a/{n}/{i}</link>"
                                 f"<pubDate>{when}</pubDate><description>{escape(text)}</description></item>")
                body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>feed</title>"
                        + "".join(items) + "</channel></rss>").encode()
                etag = '"' + hashlib.sha1(f"{n}-{count}".encode()).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml; charset=utf-8")
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = httpd.server_port
    port_queue.put(port)
    httpd.serve_forever()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    records = read_records(corpus_path(2000), 2000)
    ours, others = records[:300], records[300:]
    rng = random.Random(7)
    texts = []
    for i, r in enumerate(others):
        if i % 10 == 0:  # a reprint of one of our items
            src = rng.choice(ours)
            texts.append(("بازنشر: " + src["title"], "به گزارش رسانه، " + src["lead"] + " " + " ".join(src["paragraphs"][:2])))
        else:
            texts.append((r["title"], r["lead"] + " " + " ".join(r["paragraphs"])))

    desc = configure(REPO / "bench" / "out" / "coverage-fetch.sqlite3", fresh=True)
    import os

    os.environ["HAMAFZA_COVERAGE_ALLOW_PRIVATE"] = "1"
    from django.conf import settings

    settings.HAMAFZA_COVERAGE_ALLOW_PRIVATE = True
    from bench.load_corpus import load

    load(ours, len(ours), verbose=False, world="minimal")
    import datetime as dt

    import httpx
    from django.utils import timezone

    from hamafza.agencies.models import Council
    from hamafza.coverage import fetcher
    from hamafza.coverage.models import Coverage, FeedState, MonitoredEntry
    from hamafza.newsroom.models import NewsItem
    from hamafza.press.models import Outlet
    from hamafza.search.models import SearchDocument

    now = timezone.now()
    for k, pk in enumerate(NewsItem.objects.order_by("id").values_list("pk", flat=True)):
        when = now - dt.timedelta(hours=2 + k)
        NewsItem.objects.filter(pk=pk).update(published_at=when)
        SearchDocument.objects.filter(item_id=pk).update(published_at=when)
    council = Council.objects.order_by("id").first()
    agency_id = council.agencies.values_list("pk", flat=True).first()

    round_value = multiprocessing.Value("i", 0)
    port_queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=serve, args=(port_queue, round_value, args.feeds, texts), daemon=True)
    proc.start()
    port = port_queue.get(timeout=30)
    try:
        for n in range(args.feeds):
            o = Outlet.objects.create(council=council, agency_id=agency_id, name=f"رسانه {n}",
                                      feed_url=f"http://127.0.0.1:{port}/feeds/{n}.xml")
            FeedState.objects.create(outlet=o, council=council)
        print(f"database: {desc}; {args.feeds} feeds on 127.0.0.1:{port}; 300 items in the matching window")
        clock = now
        results = []
        for r in range(args.rounds + 1):
            round_value.value = r
            FeedState.objects.update(next_fetch_at=clock)
            cpu0, wall0 = time.process_time(), time.perf_counter()
            with httpx.Client() as client:
                result = fetcher.run(now=clock, client=client, budget=3600, interval=0)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            label = "first reading (once)" if r == 0 else f"round {r}"
            print(f"{label}: {result['feeds']} feeds, {result['requests']} requests, {result['entries']} new entries, "
                  f"{result['coverage']} coverage records; CPU {cpu:.2f} s, wall {wall:.2f} s")
            if r:
                results.append(cpu)
            clock += dt.timedelta(minutes=15)
        avg = sum(results) / len(results)
        print(f"steady state: {avg:.2f} CPU s per 15-minute round = {avg / 900 * 100:.2f} % of one core "
              f"(measured under load; target < 10 %)")
        from collections import Counter

        statuses = Counter(Coverage.objects.values_list("status", flat=True))
        print(f"entries stored {MonitoredEntry.objects.count()}, coverage records {dict(statuses)}")
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
