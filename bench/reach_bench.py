#!/usr/bin/env python3
"""What counting readers costs the portal: the same server with reach counting off and on, side
by side, behind the page cache (the production setup, and the worst case for the relative cost:
a stored article is answered in well under a millisecond, so the counter's share is largest).

usage (from the repository root; Debian's wrk: apt-get install -y wrk):
  .venv/bin/python bench/reach_bench.py                    # 10,000 items, SQLite, default server
  .venv/bin/python bench/reach_bench.py --rounds 5 --pages article,home --servers sync:2,gthread:2x4
  .venv/bin/python bench/reach_bench.py --uncached         # also with the page cache off
options: --n, --reload, --threads, --connections as in portal_bench.py;
  --duration S    seconds of each measured wrk run (default 40: longer than the flush interval, so
                  each worker's flush of about 30 s of views falls inside the measured run)
  --servers LIST  gunicorn configurations (default: what `hamafza serve` starts)
  --pages LIST    article (counted) and any of portal_bench's pages (nothing is counted on them)
  --rounds R      off/on pairs, alternated so that other work on a shared machine hits both alike
                  (default 3); the table shows each side's median req/s
  --articles K    distinct article pages cycled (default 300; each is stored before measuring)
  --flush S       HAMAFZA_REACH_FLUSH_SECONDS of the counting server (default: the shipped 30 s; a
                  flush costs about 70 µs per item it touches whatever its views, so a shorter
                  interval — 2 s as sessions 6 and 7 ran it — multiplies that part: a stress figure)

Every request carries a browser agent with a number of its own (bench/paths.lua, WRK_USER_AGENT):
each one is a new reader, so every request of the counting server records a mark and every
flush writes marks and counts — the most work counting can do per request (and a new agent for the
agent check each time, which real traffic never is). With --proxy, both servers run as behind the
TLS proxy (HAMAFZA_HTTPS=1) and every request comes from an address of its own with one of 8
common browser agents (WRK_FORWARDED): still a new reader each time, with agents as they repeat. After the runs the
script checks that the counts reached the database (readers counted vs article requests sent).
Columns: req/s off and on (medians), cost % = (off − on) / off, p50/p99 ms, server CPU ms per
request on each side (gunicorn master and workers, flush threads included) and cpu +% = the extra
server CPU per request with counting: on a busy shared machine the req/s of separate runs differ
by more than the counter costs, and the CPU per request is the steadier measure of the cost. The load average is printed: other work on a shared machine lowers every
number and widens the spread between rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import portal_bench  # noqa: E402
from bench.pagecache_bench import default_server  # noqa: E402
from bench.portal_bench import Server, fmt_row, run_wrk  # noqa: E402

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def server(spec: str, counting: bool, cache_on: bool, flush: int) -> Server:
    os.environ["HAMAFZA_PAGE_CACHE"] = "1" if cache_on else "0"
    os.environ["HAMAFZA_REACH"] = "1" if counting else "0"
    os.environ["HAMAFZA_REACH_FLUSH_SECONDS"] = str(flush)
    return Server(spec)


def warm_store(url: str, paths: list[str], headers: dict | None = None) -> None:
    import urllib.request

    for path in paths:
        with urllib.request.urlopen(urllib.request.Request(url + path, headers=headers or {}), timeout=60) as r:
            r.read()


def _readers(proxy: bool, label: str) -> None:
    """Make the next wrk run's requests new readers: a new agent each (one address), or behind the
    proxy a new address each (an IPv6 block named by a hash of the label) with common agents."""
    import zlib

    if proxy:
        os.environ.pop("WRK_USER_AGENT", None)
        os.environ["WRK_FORWARDED"] = f"{zlib.crc32(label.encode()) & 0xFFFF:x}"
    else:
        os.environ.pop("WRK_FORWARDED", None)
        os.environ["WRK_USER_AGENT"] = f"{AGENT} {label}"


def inprocess_cost(article_paths: list[str], views: int = 50_000, rounds: int = 6) -> tuple[float, float, float]:
    """CPU µs per stored article through the product's WSGI stack in this process (hamafza.wsgi.build
    around Django), with counting off and on, in alternated blocks of `views` requests; each
    request a new reader (a new address, one of 8 agents), and the counting side's buffer flushed
    at the end of each block (50,000 views: counter.FLUSH_SOON, at which a busy worker flushes
    before its interval ends; a granian worker of this machine gets there in about 4 s). CPU
    time, so other work on the machine changes it less than it changes req/s. Returns the medians
    (off, on, of which the flush)."""
    import io
    from urllib.parse import unquote_to_bytes

    from django.conf import settings
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler

    from hamafza.core import pagecache
    from hamafza.reach import counter
    from hamafza.wsgi import build

    settings.REACH_FLUSH_SECONDS = 0  # flushed by hand, inside the measured block
    django = WSGIHandler()
    settings.REACH_COUNTING = True
    on = build(django)
    settings.REACH_COUNTING = False
    off = build(django)
    settings.REACH_COUNTING = True
    cache.clear()
    pagecache.reset_for_tests()
    paths = [unquote_to_bytes(p).decode("latin-1") for p in article_paths]
    agents = [f"Mozilla/5.0 (X11; Linux x86_64; rv:13{k}.0) Gecko/20100101 Firefox/13{k}.0" for k in range(8)]
    nonce = int(time.time()) & 0xFF  # new readers in each run of the day

    def environ(path: str, k: int, agent: str) -> dict:
        return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
                "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000",
                "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_USER_AGENT": agent,
                "REMOTE_ADDR": f"10.{nonce}.{(k >> 8) & 255}.{k & 255}" if k < 65536 else f"fd00::{nonce:x}:{k:x}",
                "HTTP_ACCEPT": "text/html", "HTTP_ACCEPT_LANGUAGE": "fa", "wsgi.input": io.BytesIO(),
                "wsgi.errors": sys.stderr}

    def answered(status, headers, exc_info=None):
        if not status.startswith("200"):
            raise SystemExit(f"in process: {status}")

    for path in paths:  # stored, with the page's note, by a request that is no reader
        b"".join(on(environ(path, 0, "curl/8"), answered))
    seq = 1
    sides: dict[bool, list[float]] = {False: [], True: []}
    flushes: list[float] = []
    for _round in range(rounds):
        for counting, app in ((False, off), (True, on)):
            envs = [environ(paths[(seq + i) % len(paths)], seq + i, agents[(seq + i) % 8]) for i in range(views)]
            seq += views
            t0 = time.process_time()
            for e in envs:
                for _chunk in app(e, answered):
                    pass
            t1 = time.process_time()
            if counting:
                counter.flush()
                flushes.append((time.process_time() - t1) * 1e6 / views)
            sides[counting].append((time.process_time() - t0) * 1e6 / views)
    return statistics.median(sides[False]), statistics.median(sides[True]), statistics.median(flushes)


def _inprocess_line(article_paths: list[str], served_cpu_us: float = 0.0) -> str:
    off, on, flush = inprocess_cost(article_paths)
    extra = on - off
    share = (f"; {extra * 100 / served_cpu_us:.1f} % of a stored article's served CPU ({served_cpu_us:.0f} µs, above)"
             if served_cpu_us else "")
    return (f"in process, a stored article through the WSGI stack, each view a new reader: off {off:.2f} µs, "
            f"on {on:.2f} µs (flush {flush:.2f}): +{extra:.2f} µs per view{share}")


def counted_total() -> int:
    from django.db import connection
    from django.db.models import Sum

    from hamafza.reach.models import ItemDailyViews

    connection.close()  # the servers wrote in other processes: read afresh
    return ItemDailyViews.objects.aggregate(n=Sum("views"))["n"] or 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--reload", action="store_true")
    ap.add_argument("--servers")
    ap.add_argument("--pages", default="article,home")
    ap.add_argument("--duration", type=int, default=40)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--flush", type=int, default=30)
    ap.add_argument("--uncached", action="store_true")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--inproc-only", action="store_true", help="only the in-process CPU per view")
    ap.add_argument("--proxy", action="store_true",
                    help="servers behind a TLS proxy (HAMAFZA_HTTPS=1): each request from an address of its own "
                         "with one of 8 common browser agents, instead of a new agent each from one address")
    a = ap.parse_args(argv)

    desc = portal_bench.prepare_database(a.n, a.reload)
    portal_bench.collectstatic()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)  # the reach tables on a corpus loaded before they existed
    all_paths = portal_bench.page_paths()
    paths = {p: all_paths[p][: a.articles] for p in (s.strip() for s in a.pages.split(",")) if p in all_paths}
    connection.close()
    if a.inproc_only:
        print(_inprocess_line(paths.get("article") or all_paths["article"][: a.articles]))
        return 0
    os.environ["WRK_USER_AGENT"] = AGENT
    servers = [s.strip() for s in (a.servers or default_server()).split(",") if s.strip()]
    modes = [True, False] if a.uncached else [True]
    print(f"# {desc}; {a.n} items; cpus {os.cpu_count()}; wrk -t{a.threads} -c{a.connections} -d{a.duration}s; "
          f"{a.rounds} rounds; load average {os.getloadavg()[0]:.2f}", flush=True)
    failed = False
    before = counted_total()
    article_requests = 0
    # Agents differ from every earlier run today too: the day's salt is kept, so a repeated agent
    # would be the same reader again (and rightly not counted).
    nonce = f"b{int(time.time())}"
    if a.proxy:
        os.environ["HAMAFZA_HTTPS"] = "1"
    last_article_off: list[dict] = []
    for spec in servers:
        for cache_on in modes:
            runs: dict[str, dict[bool, list[dict]]] = {p: {False: [], True: []} for p in paths}
            for _round in range(a.rounds):
                for counting in (False, True):
                    with server(spec, counting, cache_on, a.flush) as srv:
                        for page, urls in paths.items():
                            # every page stored (urllib is not a reader)
                            warm_store(srv.url, urls, {"X-Forwarded-Proto": "https"} if a.proxy else None)
                            # readers unique across runs too (paths.lua numbers them from 1 each run)
                            # the server and cache mode in the label too: a second server's runs are new readers, not
                            # the first one's again (the mixed run of session 6 counted 24 % "too few" for that reason)
                            label = f"{nonce} {spec}{int(cache_on)} warm{_round}{int(counting)}{page}"
                            _readers(a.proxy, label)
                            warm = run_wrk(srv.url, urls, page, 1, a.threads, a.connections)
                            _readers(a.proxy, f"{nonce} {spec}{int(cache_on)} run{_round}{int(counting)}{page}")
                            res = run_wrk(srv.url, urls, page, a.duration, a.threads, a.connections, srv)
                            if res["non2xx"] or res["connect"] + res["read"] + res["write"] + res["timeout"]:
                                failed = True
                                print(f"FAIL: {page}: non-2xx {res['non2xx']} (first {res['first_bad']})", flush=True)
                            if counting and page == "article":
                                article_requests += warm["requests"] + res["requests"]
                            runs[page][counting].append(res)
            print(f"\n## gunicorn {spec}; page cache {'on' if cache_on else 'off'}; load average {os.getloadavg()[0]:.2f}")
            widths = [8, 9, 9, 7, 7, 7, 7, 7, 7, 7, 8, 16]
            print(fmt_row(["page", "off r/s", "on r/s", "cost %", "off p50", "on p50", "off p99", "on p99",
                           "off cpu", "on cpu", "cpu +%", "rounds off/on"], widths))
            if "article" in runs:
                last_article_off = runs["article"][False]
            for page, r in runs.items():
                off = statistics.median(x["rps"] for x in r[False])
                on = statistics.median(x["rps"] for x in r[True])

                def med(side, key, scale=1.0):
                    return statistics.median(x[key] for x in r[side]) / scale

                print(fmt_row([
                    page, f"{off:.0f}", f"{on:.0f}", f"{(off - on) * 100 / max(off, 1e-9):+.1f}",
                    f"{med(False, 'p50_us', 1000):.2f}", f"{med(True, 'p50_us', 1000):.2f}",
                    f"{med(False, 'p99_us', 1000):.1f}", f"{med(True, 'p99_us', 1000):.1f}",
                    f"{med(False, 'srv_cpu_ms'):.3f}", f"{med(True, 'srv_cpu_ms'):.3f}",
                    f"{(med(True, 'srv_cpu_ms') - med(False, 'srv_cpu_ms')) * 100 / max(med(False, 'srv_cpu_ms'), 1e-9):+.1f}",
                    "/".join(f"{x['rps']:.0f}" for x in r[False]) + " | " + "/".join(f"{x['rps']:.0f}" for x in r[True]),
                ], widths), flush=True)
    counted = counted_total() - before
    # wrk stops with requests in flight: the server may have answered (and counted) up to one per
    # connection and run more than wrk saw.
    # Beyond 512 readers of an item in a day its count is a HyperLogLog estimate (1.6 % standard
    # error per item; hamafza/reach/sketch.py): 2 % of the total is allowed either way.
    slack = a.connections * a.rounds * 2 * len(servers) * len(modes)
    ok = article_requests * 0.98 <= counted <= article_requests * 1.02 + slack
    print(f"\nreaders counted {counted} of {article_requests} article requests that wrk saw answered with a counting "
          f"server (each request a new reader; up to {slack} more in flight when wrk stopped; "
          f"{(counted - article_requests) * 100 / max(article_requests, 1):+.2f} %){'' if ok else ' — MISMATCH'}")
    if "article" in paths:
        off_cpu = statistics.median(x["srv_cpu_ms"] for x in last_article_off) * 1000 if last_article_off else 0
        print(_inprocess_line(paths["article"], off_cpu))
    for name in ("HAMAFZA_PAGE_CACHE", "HAMAFZA_REACH", "HAMAFZA_REACH_FLUSH_SECONDS", "WRK_USER_AGENT", "WRK_FORWARDED",
                 "HAMAFZA_HTTPS"):
        os.environ.pop(name, None)
    return 1 if failed or not ok else 0


if __name__ == "__main__":
    sys.exit(main())
