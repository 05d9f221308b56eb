#!/usr/bin/env python3
"""Portal and API speed: the production server under wrk, plus in-process ms and SQL per page.

usage (from the repository root; wrk from Debian: apt-get install -y wrk):
  .venv/bin/python bench/portal_bench.py                  # 10,000 items, SQLite, default server
  .venv/bin/python bench/portal_bench.py --n 100000       # 100,000 items (loaded once, ~45 s)
  .venv/bin/python bench/portal_bench.py --n 100000 --servers sync:2,sync:3,sync:4,gthread:2x4 --pages home,article
  .venv/bin/python bench/portal_bench.py --n 100000 --no-wrk --explain --profile article
  DATABASE_URL=postgres://root@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/1 \
      .venv/bin/python bench/portal_bench.py --n 10000
options:
  --n N              corpus items (default 10000); the SQLite file is bench/out/bench-N.sqlite3,
                     loaded with bench/load_corpus.py when it holds fewer items (or with --reload;
                     on PostgreSQL --reload FLUSHES the whole database named by DATABASE_URL)
  --servers LIST     gunicorn configurations to run, comma-separated: sync:W (W sync workers) or
                     gthread:WxT (W workers of T threads); default sync:2 (see bench/README.md)
  --pages LIST       home,article,agency,sector,tag,feed,api (default: all that exist)
  --duration S --threads T --connections C   wrk settings (default 10 s, 2 threads, 16 connections)
  --inproc K         in-process requests per page for the median ms (default 50)
  --explain          print EXPLAIN QUERY PLAN (SQLite) / EXPLAIN (PostgreSQL) of every query of each page
  --profile PAGE     a pyinstrument profile of in-process requests to PAGE (pip install pyinstrument)
  --no-wrk           only the in-process numbers
  --nice N           run gunicorn and wrk under `nice -n N` (as root, a negative N may favour them over
                     other work on a shared machine; it did not help when that work ran in other
                     cgroups; the load average is printed with every row)
  --settings MODULE  another settings module for server and in-process runs (an experiment such as
                     bench.settings_persistent_sqlite; the default is the product's hamafza.settings)
Columns: req/s, p50 and p99 from wrk; non-2xx (must be 0); in-proc ms and in-proc cpu: median
wall and CPU ms of one request through Django's test client in this process; SQL: queries per
request (a range when it differs between articles); srv cpu: CPU ms the gunicorn processes spent
per request during the wrk run (from /proc); capacity: cores × 1000 / (srv cpu + wrk's CPU ms
per request), the req/s the machine would reach if server and wrk had every core to themselves —
the number to compare when the machine is busy with other work (load column: 1-minute load).

The article page cycles over 1,000 different published items through their canonical
/news/<id>/<slug>/ URLs (never /n/<id>, which redirects). Every response must be 2xx: the
script fails (exit 1) when wrk sees any other status or a socket error. DEBUG is off, there is no
page cache; the registry's version check in the shared cache is part of every request, as in
production.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load_corpus  # noqa: E402

REPO = load_corpus.REPO
OUT = load_corpus.OUT
VENV_BIN = Path(sys.executable).parent
PAGES = ["home", "article", "agency", "sector", "tag", "feed", "api"]
ARTICLE_IDS = 1000


# ------------------------------------------------------------------------------ database
def sqlite_items(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("SELECT COUNT(*) FROM newsroom_newsitem").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def prepare_database(n: int, reload: bool) -> str:
    """Configure Django on the bench database, loading the corpus when needed."""
    os.environ["HAMAFZA_DEBUG"] = "0"
    os.environ.pop("HAMAFZA_TESTING", None)
    # the benchmark's own host names (wrk and the servers on 127.0.0.1, the test client's «testserver»)
    os.environ.setdefault("HAMAFZA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    if os.environ.get("DATABASE_URL"):
        desc = load_corpus.configure()
        from django.core.management import call_command

        from hamafza.newsroom.models import NewsItem

        if reload:
            call_command("flush", interactive=False, verbosity=0)
        if NewsItem.objects.count() < n:
            load_corpus.load(None, n)
        return desc
    path = Path(os.environ.get("HAMAFZA_SQLITE_PATH") or load_corpus.default_sqlite_path(n))
    have = sqlite_items(path)
    fresh = reload or have < n
    desc = load_corpus.configure(path, fresh=fresh)
    if fresh:
        print(f"loading {n} corpus items into {path} (it had {have})", file=sys.stderr)
        load_corpus.load(None, n)
        bad = load_corpus.check_listing(200)
        if bad:
            raise SystemExit(f"listing check failed for {len(bad)} items")
    return desc


def collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


# ------------------------------------------------------------------------------ the pages
def page_paths(seed: int = 1) -> dict[str, list[str]]:
    """The paths of each page; a page whose URL does not exist yet is left out (and reported)."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from hamafza.agencies.registry import get_registry
    from hamafza.newsroom.models import ItemAgency, ItemSector, ItemTag, Placement, Tag

    reg = get_registry()
    council = reg.default_council
    if council is None:
        raise SystemExit("no council in the database")
    out: dict[str, list[str]] = {}

    def rev(name, **kwargs):
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None

    def put(page, paths):
        paths = [p for p in paths if p]
        if paths:
            out[page] = paths
        else:
            print(f"note: page {page!r} has no URL yet: skipped", file=sys.stderr)

    put("home", [rev("portal:home")])
    placed = list(Placement.objects.filter(council_id=council.id).values_list("item_id", "item__slug"))
    picked = random.Random(seed).sample(placed, min(ARTICLE_IDS, len(placed)))
    put("article", [rev("portal:article", item_id=i, slug=s) for i, s in picked])
    members = set(council.member_ids)
    busiest = (
        ItemAgency.objects.filter(agency_id__in=members, published_at__isnull=False)
        .values("agency_id").annotate(c=Count("id")).order_by("-c").first()
    )
    put("agency", [rev("portal:agency", slug=reg.agencies[busiest["agency_id"]].slug)] if busiest else [])
    top_sector = (
        ItemSector.objects.filter(published_at__isnull=False).values("sector_id").annotate(c=Count("id"))
        .order_by("-c").first()
    )
    put("sector", [rev("portal:sector", slug=reg.sectors[top_sector["sector_id"]].slug)] if top_sector else [])
    top_tag = (
        ItemTag.objects.filter(published_at__isnull=False).values("tag_id").annotate(c=Count("id")).order_by("-c").first()
    )
    put("tag", [rev("portal:tag", slug=Tag.objects.get(pk=top_tag["tag_id"]).slug)] if top_tag else [])
    put("feed", [rev("portal:feed_rss")])
    put("api", [first_resolving("/api/v1/news/", "/api/v1/news")])
    return out


def first_resolving(*candidates: str) -> str | None:
    from django.urls import Resolver404, resolve

    for path in candidates:
        try:
            resolve(path)
            return path
        except Resolver404:
            continue
    return None


# ------------------------------------------------------------------------------ in process
def measure_inprocess(paths: dict[str, list[str]], k: int) -> dict[str, dict]:
    """Median ms per request through Django's test Client, and SQL queries of one request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for page, urls in paths.items():
        for url in urls[:3]:  # warm up (and fail loudly)
            r = client.get(url)
            if not 200 <= r.status_code < 300:
                raise SystemExit(f"FAIL: {page} {url} answered {r.status_code} in process")
        counts = []
        for url in urls[:5]:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            counts.append(len(ctx.captured_queries))
        times, cpu = [], []
        for i in range(k):
            url = urls[i % len(urls)]
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            cpu.append((time.process_time() - c0) * 1000)
            times.append((time.perf_counter() - t0) * 1000)
        results[page] = {"ms": statistics.median(times), "cpu_ms": statistics.median(cpu),
                         "queries": max(counts), "queries_min": min(counts)}
    return results


def explain(paths: dict[str, list[str]]) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for page, urls in paths.items():
        with CaptureQueriesContext(connection) as ctx:
            client.get(urls[0])
        print(f"\n=== {page} {urls[0]}: {len(ctx.captured_queries)} queries")
        for q in ctx.captured_queries:
            sql = q["sql"]
            print(f"\n-- {q['time']}s  {sql[:600]}{' …' if len(sql) > 600 else ''}")
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cur:
                try:
                    if connection.vendor == "sqlite":
                        cur.execute("EXPLAIN QUERY PLAN " + sql)
                        for row in cur.fetchall():
                            print(f"   plan: {row[-1]}")
                    else:
                        cur.execute("EXPLAIN " + sql)
                        for row in cur.fetchall():
                            print(f"   plan: {row[0]}")
                except Exception as e:  # noqa: BLE001 - the logged SQL has its parameters inlined
                    print(f"   (no plan: {e})")


def profile(paths: dict[str, list[str]], page: str, k: int) -> None:
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    urls = paths[page]
    for url in urls[:3]:
        client.get(url)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for i in range(k):
        client.get(urls[i % len(urls)])
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


# ------------------------------------------------------------------------------ the server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_server(spec: str) -> tuple[str, int, int]:
    kind, _, rest = spec.partition(":")
    if kind == "sync":
        return "sync", int(rest or 3), 1
    if kind in ("gthread", "granian"):
        w, _, t = rest.partition("x")
        return kind, int(w or 2), int(t or 4)
    raise SystemExit(f"bad server spec {spec!r}: use sync:W, gthread:WxT or granian:WxT")


NICE: list[str] = []  # e.g. ["nice", "-n", "-10"]: run server and wrk ahead of other work on the machine


class Server:
    def __init__(self, spec: str):
        self.kind, self.workers, self.threads = parse_server(spec)
        self.spec = spec
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = OUT / f"gunicorn-{self.port}.log"

    def __enter__(self):
        if self.kind == "granian":  # what `hamafza serve` starts with HAMAFZA_WEB_SERVER=granian
            from hamafza.core.management.commands.serve import granian_command

            cmd = [*NICE, *granian_command(f"127.0.0.1:{self.port}", self.workers, self.threads, False)]
            return self._start(cmd)
        cmd = [
            *NICE, str(VENV_BIN / "gunicorn"), "hamafza.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--worker-class", self.kind, "--log-level", "warning", "--backlog", "2048",
            "--timeout", "60",
        ]
        if self.kind == "gthread":
            cmd += ["--threads", str(self.threads)]
        return self._start(cmd)

    def _start(self, cmd: list[str]):
        env = {**os.environ, "HAMAFZA_DEBUG": "0"}
        self.logf = open(self.log, "w")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=self.logf, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}; see {self.log}")
            try:
                # behind the TLS proxy (HAMAFZA_HTTPS=1), as the proxy would say it
                proxied = {"X-Forwarded-Proto": "https"} if os.environ.get("HAMAFZA_HTTPS") == "1" else {}
                with urllib.request.urlopen(urllib.request.Request(f"{self.url}/", headers=proxied), timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"gunicorn did not answer within 60 s; see {self.log}")
            time.sleep(0.2)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # gunicorn's graceful stop of its own workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if hasattr(self, "logf"):
            self.logf.close()

    def __exit__(self, *exc):
        self.stop()

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers so far (Linux /proc)."""
        pids = [self.proc.pid]
        try:
            pids += [int(p) for p in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
        except OSError:
            pass
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
        return total / os.sysconf("SC_CLK_TCK")


def run_wrk(url: str, paths: list[str], page: str, duration: int, threads: int, connections: int,
            server: Server | None = None) -> dict:
    paths_file = OUT / f"paths-{page}.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    cmd = [*NICE, "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
           "-s", str(REPO / "bench" / "paths.lua"), url, "--", str(paths_file)]
    srv0 = server.cpu_seconds() if server else 0.0
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    srv1 = server.cpu_seconds() if server else 0.0
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if r.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    res = json.loads(line[6:])
    res["rps"] = res["requests"] / (res["duration_us"] / 1e6)
    n = max(res["requests"], 1)
    res["srv_cpu_ms"] = (srv1 - srv0) * 1000 / n
    res["wrk_cpu_ms"] = ((ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)) * 1000 / n
    # what the machine could serve if the server and wrk had all its cores to themselves
    res["capacity"] = (os.cpu_count() or 1) * 1000 / max(res["srv_cpu_ms"] + res["wrk_cpu_ms"], 1e-6)
    return res


# ------------------------------------------------------------------------------ main
def fmt_row(cols, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cols, widths)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--reload", action="store_true")
    ap.add_argument("--servers", default="sync:2")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--inproc", type=int, default=50)
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--profile")
    ap.add_argument("--no-wrk", action="store_true")
    ap.add_argument("--settings", help="DJANGO_SETTINGS_MODULE for both the server and the in-process part "
                    "(default hamafza.settings; e.g. bench.settings_persistent_sqlite)")
    ap.add_argument("--nice", type=int, default=0,
                    help="run gunicorn and wrk under `nice -n N` (root may give a negative N to keep a busy "
                    "shared machine's other work from skewing the numbers)")
    a = ap.parse_args(argv)
    os.environ.setdefault("HAMAFZA_PAGE_CACHE", "0")  # the uncached path (bench/pagecache_bench.py: the cache)
    if a.nice:
        NICE[:] = ["nice", "-n", str(a.nice)]
    if a.settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = a.settings

    desc = prepare_database(a.n, a.reload)
    from django.conf import settings
    from django.db import connection

    from hamafza.newsroom.models import NewsItem

    assert not settings.DEBUG
    collectstatic()
    wanted = [p.strip() for p in a.pages.split(",") if p.strip()]
    unknown = set(wanted) - set(PAGES)
    if unknown:
        raise SystemExit(f"unknown pages {sorted(unknown)}; choose from {PAGES}")
    all_paths = page_paths()
    paths = {p: all_paths[p] for p in wanted if p in all_paths}
    items = NewsItem.objects.count()
    print(f"# {desc}: {items} items; cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.2f} "
          "(other work on the machine skews every number: compare runs made at load < 0.5)")

    inproc = measure_inprocess(paths, a.inproc)
    if a.explain:
        explain(paths)
    if a.profile:
        profile(paths, a.profile, max(a.inproc, 200))
    connection.close()

    failed = False
    if a.no_wrk:
        widths = [8, 12, 12, 12]
        print(fmt_row(["page", "in-proc ms", "in-proc cpu", "SQL queries"], widths))
        for page in paths:
            q = inproc[page]
            qs = str(q["queries"]) if q["queries"] == q["queries_min"] else f"{q['queries_min']}-{q['queries']}"
            print(fmt_row([page, f"{q['ms']:.2f}", f"{q['cpu_ms']:.2f}", qs], widths))
        return 0
    for spec in [s.strip() for s in a.servers.split(",") if s.strip()]:
        with Server(spec) as server:
            # warm every worker up (imports, the registry, SQLite page cache)
            for page, urls in paths.items():
                run_wrk(server.url, urls, page, 2, a.threads, a.connections)
            print(f"\n## {spec} [{os.environ['DJANGO_SETTINGS_MODULE']}{', nice ' + str(a.nice) if a.nice else ''}] ({server.kind}, {server.workers} workers"
                  f"{f' x {server.threads} threads' if server.kind == 'gthread' else ''}); "
                  f"wrk -t{a.threads} -c{a.connections} -d{a.duration}s; N = {a.n}")
            widths = [8, 8, 8, 8, 7, 11, 12, 8, 8, 9, 5]
            print(fmt_row(["page", "req/s", "p50 ms", "p99 ms", "non-2xx", "in-proc ms", "in-proc cpu", "SQL",
                           "srv cpu", "capacity", "load"],
                          widths))
            for page, urls in paths.items():
                res = run_wrk(server.url, urls, page, a.duration, a.threads, a.connections, server)
                q = inproc[page]
                qs = str(q["queries"]) if q["queries"] == q["queries_min"] else f"{q['queries_min']}-{q['queries']}"
                load = os.getloadavg()[0]
                print(fmt_row([page, f"{res['rps']:.1f}", f"{res['p50_us'] / 1000:.1f}", f"{res['p99_us'] / 1000:.1f}",
                               res["non2xx"], f"{q['ms']:.2f}", f"{q['cpu_ms']:.2f}", qs,
                               f"{res['srv_cpu_ms']:.2f}", f"{res['capacity']:.0f}", f"{load:.1f}"], widths), flush=True)
                socket_errors = res["connect"] + res["read"] + res["write"] + res["timeout"]
                if res["non2xx"] or socket_errors:
                    failed = True
                    print(f"FAIL: {page}: {res['non2xx']} non-2xx responses (first: {res['first_bad']}), "
                          f"socket errors connect {res['connect']} read {res['read']} write {res['write']} "
                          f"timeout {res['timeout']}", flush=True)
    if failed:
        print("FAIL: some responses were not 2xx (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
