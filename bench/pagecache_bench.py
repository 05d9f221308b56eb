#!/usr/bin/env python3
"""The page cache side by side with nginx: every public page, one run, one table.

usage (from the repository root; Debian's wrk and nginx: apt-get install -y wrk nginx-light):
  .venv/bin/python bench/pagecache_bench.py                 # 10,000 items, SQLite, default server
  .venv/bin/python bench/pagecache_bench.py --n 100000
  .venv/bin/python bench/pagecache_bench.py --servers sync:2,sync:3,gthread:2x4 --pages home,article
  DATABASE_URL=postgres://root@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/1 \\
      .venv/bin/python bench/pagecache_bench.py
options: --n, --reload, --pages, --duration, --threads, --connections as in portal_bench.py;
  --servers LIST   gunicorn configurations (sync:W or gthread:WxT); default: what `hamafza serve`
                   starts (HAMAFZA_WEB_WORKERS / HAMAFZA_WEB_THREADS defaults)
  --no-uncached    skip the runs with the page cache off
  --alternate R    side by side on a shared machine: R rounds, each measuring nginx and then every
                   server of --servers with the cache on (pages in turn), so that a burst of other
                   work on the machine hits all of them alike; prints each round and the median
                   ratio per server and page, with the load average (cached only; e.g.
                   --servers gthread:2x4,granian:2x4 --alternate 3)

For each page it runs wrk (paths cycled with bench/paths.lua) against:
  nginx     Debian nginx serving the very bytes the cached server answered, saved as static files
            (2 worker processes, access log off, keep-alive): the bar;
  cached    gunicorn with the shipped page cache on (the lean lookup in hamafza/core/pagecache_app.py
            answers every request after the first of each page);
  uncached  gunicorn with HAMAFZA_PAGE_CACHE=0 (every request through Django's whole stack).
Columns: req/s, p50 and p99 ms per server; `x nginx` = nginx req/s / cached req/s (the target is
≤ 3); `srv cpu` = CPU ms the gunicorn processes spent per request. Every response must be 2xx.
The load average is printed: other work on a shared machine lowers every number.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import portal_bench  # noqa: E402
from bench.portal_bench import OUT, Server, free_port, fmt_row, run_wrk  # noqa: E402

PAGES = ["home", "article", "agency", "sector", "tag", "feed", "atom", "sitemap", "archive", "search"]
SEARCH_WORDS = ["حمل‌ونقل", "راه", "بندر", "فرودگاه", "قطار", "جاده", "هواشناسی", "مسکن"]


def all_paths() -> dict[str, list[str]]:
    from django.urls import reverse

    from hamafza.persian import jalali

    paths = portal_bench.page_paths()
    paths["atom"] = [reverse("portal:feed_atom")]
    paths["sitemap"] = [reverse("portal:sitemap")]
    from hamafza.newsroom.models import NewsItem

    newest = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("-published_at").first()
    if newest is not None:
        paths["archive"] = [f"/archive/{jalali.to_jalali(newest.published_at).year}/"]
    paths["search"] = ["/search/?q=" + urllib.parse.quote(w) for w in SEARCH_WORDS]
    paths.pop("api", None)
    return paths


# ------------------------------------------------------------------------------ nginx
NGINX_CONF = """
worker_processes 2;
user root;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port} backlog=2048;
        root {root}/site;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


class Nginx:
    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(root=self.root, port=self.port))
        self.proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.root)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/", timeout=2)
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"nginx did not start; see {self.root}/error.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        return 0.0

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def save_site(server_url: str, paths: dict[str, list[str]], root: Path) -> None:
    """The bytes the cached server answers, as static files nginx serves at the same paths."""
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    for urls in paths.values():
        for url in urls:
            path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
            with urllib.request.urlopen(server_url + url, timeout=30) as r:
                body = r.read()
            target = site / path.lstrip("/")
            if path.endswith("/"):
                target = target / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


def prime(server_url: str, urls: list[str]) -> None:
    """Ask for every path once (4 at a time), so that the server has stored each page (the shared
    store lets the other workers find it) before wrk measures."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(url: str) -> None:
        with urllib.request.urlopen(server_url + url, timeout=60) as r:
            r.read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, urls))


# ------------------------------------------------------------------------------ main
def server_with(spec: str, cache_on: bool) -> Server:
    os.environ["HAMAFZA_PAGE_CACHE"] = "1" if cache_on else "0"
    return Server(spec)


def default_server() -> str:
    from hamafza.core.management.commands.serve import DEFAULT_THREADS, DEFAULT_WEB_SERVER, DEFAULT_WORKERS

    if DEFAULT_WEB_SERVER == "granian":
        return f"granian:{DEFAULT_WORKERS}x{DEFAULT_THREADS}"
    return f"gthread:{DEFAULT_WORKERS}x{DEFAULT_THREADS}" if DEFAULT_THREADS > 1 else f"sync:{DEFAULT_WORKERS}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--reload", action="store_true")
    ap.add_argument("--servers")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--no-uncached", action="store_true")
    ap.add_argument("--alternate", type=int, default=0)
    a = ap.parse_args(argv)

    desc = portal_bench.prepare_database(a.n, a.reload)
    portal_bench.collectstatic()
    from django.db import connection

    paths_all = all_paths()
    wanted = [p.strip() for p in a.pages.split(",") if p.strip()]
    paths = {p: paths_all[p] for p in wanted if p in paths_all}
    connection.close()
    servers = [s.strip() for s in (a.servers or default_server()).split(",") if s.strip()]
    root = OUT / "nginx"
    root.mkdir(parents=True, exist_ok=True)
    print(f"# {desc}; {a.n} items; cpus {os.cpu_count()}; wrk -t{a.threads} -c{a.connections} -d{a.duration}s; "
          f"load average {os.getloadavg()[0]:.2f}")
    failed = False

    def measure(target, page, urls, server=None):
        nonlocal failed
        if server is not None and len(urls) > 20:
            # Every article stored in every worker (else a short run measures misses): the embedded
            # profile's shared store (FileBasedCache) keeps only 300 entries, so a worker renders a
            # page the other one rendered; 3 passes leave ~95% hits.
            for _ in range(3):
                prime(target.url, urls)
        run_wrk(target.url, urls, page, 2, a.threads, a.connections)  # warm up (and store the pages)
        res = run_wrk(target.url, urls, page, a.duration, a.threads, a.connections, server)
        if res["non2xx"] or res["connect"] + res["read"] + res["write"] + res["timeout"]:
            failed = True
            print(f"FAIL: {page} at {target.url}: non-2xx {res['non2xx']} (first {res['first_bad']}), socket errors "
                  f"{res['connect']}/{res['read']}/{res['write']}/{res['timeout']}", flush=True)
        return res

    if a.alternate:
        return alternate(a, servers, paths, root, measure) or (1 if failed else 0)
    for spec in servers:
        results: dict[str, dict] = {p: {} for p in paths}
        with server_with(spec, cache_on=True) as cached:
            save_site(cached.url, paths, root)
            for page, urls in paths.items():
                results[page]["cached"] = measure(cached, page, urls, cached)
        with Nginx(root) as nginx:
            for page, urls in paths.items():
                results[page]["nginx"] = measure(nginx, page, urls)
        if not a.no_uncached:
            with server_with(spec, cache_on=False) as uncached:
                for page, urls in paths.items():
                    results[page]["uncached"] = measure(uncached, page, urls, uncached)
        print(f"\n## {spec}; N = {a.n}; load average {os.getloadavg()[0]:.2f}")
        widths = [8, 10, 10, 9, 9, 9, 8, 10, 9, 9, 8]
        print(fmt_row(["page", "nginx r/s", "cache r/s", "x nginx", "c p50", "c p99", "c cpu",
                       "nocache r/s", "n p50", "n p99", "n cpu"], widths))
        for page, r in results.items():
            n, c, u = r["nginx"], r["cached"], r.get("uncached")
            print(fmt_row([
                page, f"{n['rps']:.0f}", f"{c['rps']:.0f}", f"{n['rps'] / max(c['rps'], 1e-9):.1f}",
                f"{c['p50_us'] / 1000:.2f}", f"{c['p99_us'] / 1000:.2f}", f"{c['srv_cpu_ms']:.2f}",
                f"{u['rps']:.0f}" if u else "-", f"{u['p50_us'] / 1000:.1f}" if u else "-",
                f"{u['p99_us'] / 1000:.1f}" if u else "-", f"{u['srv_cpu_ms']:.2f}" if u else "-",
            ], widths), flush=True)
    os.environ.pop("HAMAFZA_PAGE_CACHE", None)
    if failed:
        print("FAIL: some responses were not 2xx (see above)")
        return 1
    return 0


def alternate(a, servers: list[str], paths: dict[str, list[str]], root: Path, measure) -> int:
    """nginx, then each server, `a.alternate` times; the median of each server's ratio to nginx."""
    import statistics

    with server_with(servers[0], cache_on=True) as first:
        save_site(first.url, paths, root)
    ratios: dict[tuple[str, str], list[float]] = {}
    widths = [8] + [22] * (len(servers) + 1)
    for rnd in range(1, a.alternate + 1):
        rows: dict[str, list[str]] = {p: [] for p in paths}
        loads = [os.getloadavg()[0]]
        with Nginx(root) as nginx:
            bar = {page: measure(nginx, page, urls) for page, urls in paths.items()}
        for page in paths:
            rows[page].append(f"{bar[page]['rps']:.0f}")
        for spec in servers:
            loads.append(os.getloadavg()[0])
            with server_with(spec, cache_on=True) as srv:
                for page, urls in paths.items():
                    res = measure(srv, page, urls, srv)
                    ratio = bar[page]["rps"] / max(res["rps"], 1e-9)
                    ratios.setdefault((spec, page), []).append(ratio)
                    rows[page].append(f"{res['rps']:.0f} ×{ratio:.1f} {res['srv_cpu_ms']:.2f}ms")
        print(f"\n## round {rnd}; load average at each start {' / '.join(f'{x:.2f}' for x in loads)}; "
              f"cells: req/s ×nginx cpu-ms/req")
        print(fmt_row(["page", "nginx r/s", *servers], widths))
        for page, cols in rows.items():
            print(fmt_row([page, *cols], widths), flush=True)
    print(f"\n## median × nginx over {a.alternate} rounds (target ≤ 3); load average {os.getloadavg()[0]:.2f}")
    print(fmt_row(["page", *servers], [8] + [14] * len(servers)))
    for page in paths:
        print(fmt_row([page, *(f"{statistics.median(ratios[(s, page)]):.1f}" for s in servers)],
                      [8] + [14] * len(servers)))
    os.environ.pop("HAMAFZA_PAGE_CACHE", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
