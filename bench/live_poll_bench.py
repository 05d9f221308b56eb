#!/usr/bin/env python3
"""The live page under a crowd of readers with nothing new: the cost of a conditional poll.

usage (from the repository root):
  .venv/bin/python bench/live_poll_bench.py                   # SQLite in a fresh temporary var/
  .venv/bin/python bench/live_poll_bench.py --readers 2000 --every 15 --seconds 30
  DATABASE_URL=postgres://… .venv/bin/python bench/live_poll_bench.py

It builds one council with a running live event (40 published updates) and a board of 9
entities, then:
1. in-process: N conditional GETs of /live/<id>/poll/ with the current ETag through the WSGI
   application as the web server calls it (hamafza/wsgi.py: the fast-poll door, then the page
   cache, then Django), and prints the CPU time of one 304;
2. served: the web server `hamafza serve` starts (--server gunicorn|granian, --workers,
   --threads; 1 thread = gunicorn's sync workers; without the access log), and
   `readers` simulated readers each polling every `every` seconds (readers/every requests a
   second, paced evenly) for `seconds`; prints the server processes' CPU as a % of one core
   (from /proc: utime+stime of the gunicorn master and workers), and whether every answer was a
   304. The client runs in this process and is not counted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
HOST = "bench.localhost"


def _cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build() -> tuple[int, str]:
    import datetime as dt

    from django.utils import timezone

    from hamafza.accounts.models import CouncilRole, Membership
    from hamafza.agencies import registry
    from hamafza.live import actions
    from tests import factories
    from tests.personas import make_user

    sectors = factories.make_sectors()
    agencies = [factories.make_agency(f"اداره کل بنچ {i}", short_name=f"بنچ {i}", sectors=[sectors["road"]]) for i in range(4)]
    council = factories.make_council(agencies[0], agencies[1:], hostname=HOST)
    registry.invalidate()
    dabir = make_user("bench-dabir")
    CouncilRole.objects.create(user=dabir, council=council, role=CouncilRole.Role.SECRETARIAT)
    head = make_user("bench-head")
    Membership.objects.create(user=head, agency=agencies[0], role=Membership.Role.HEAD)
    now = timezone.now()
    event = actions.do_open_event(dabir, council.pk, title="اربعین", kind="campaign", starts_at=now - dt.timedelta(hours=2),
                                  ends_at=now + dt.timedelta(days=2), agency_ids=[a.pk for a in agencies],
                                  summary="مرزها باز است.")
    for n in range(40):
        actions.do_post_update(head, event, agency_id=agencies[0].pk, kind="traffic", text=f"به‌روزرسانی {n} از وضعیت جاده‌ها")
    for n, kind in enumerate(["crossing", "crossing", "road", "road", "airport", "station", "station", "port", "port"]):
        entity = actions.do_add_entity(dabir, council.pk, kind=kind, name=f"مورد {n}", agency_id=agencies[0].pk)
        actions.do_set_status(head, entity, state="open", wait_minutes=30)
    return event.pk, f"/live/{event.pk}/poll/"


def in_process(path: str, repeat: int) -> tuple[float, str]:
    from hamafza.wsgi import application as app  # as the web server calls it: FastPollApp outermost
    statuses = []

    def call(etag: str = "") -> tuple[str, dict]:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": HOST, "SERVER_PORT": "80",
            "HTTP_HOST": HOST, "wsgi.url_scheme": "http", "wsgi.input": __import__("io").BytesIO(b""),
            "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        }
        if etag:
            environ["HTTP_IF_NONE_MATCH"] = etag
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, dict(headers)

        body = app(environ, start_response)
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        return seen["status"], seen["headers"]

    status, headers = call()
    etag = headers["ETag"]
    for _ in range(50):
        call(etag)
    start = time.process_time()
    for _ in range(repeat):
        statuses.append(call(etag)[0])
    cpu = (time.process_time() - start) / repeat
    return cpu, statuses[-1]


def served(path: str, readers: int, every: float, seconds: float, workers: int, threads: int = 1,
           kind: str = "gunicorn") -> dict:
    from hamafza.core.management.commands.serve import web_command

    port = _free_port()
    env = dict(os.environ)
    server = subprocess.Popen(
        web_command(f"127.0.0.1:{port}", workers, threads, False, kind), cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", path, headers={"Host": HOST})
                first = conn.getresponse()
                first.read()
                etag = first.getheader("ETag")
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit("gunicorn did not start")
        for _ in range(20):  # warm every worker
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers={"Host": HOST, "If-None-Match": etag})
            conn.getresponse().read()
        pids = [server.pid, *_children(server.pid)]
        rate = readers / every
        counts: dict[int, int] = {}
        lock = threading.Lock()
        stop = time.monotonic() + seconds
        threads = 8

        def client(offset: int) -> None:
            interval = threads / rate
            next_at = time.monotonic() + offset * interval / threads
            while True:
                now = time.monotonic()
                if now >= stop:
                    return
                if next_at > now:
                    time.sleep(next_at - now)
                next_at += interval
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    c.request("GET", path, headers={"Host": HOST, "If-None-Match": etag})
                    r = c.getresponse()
                    r.read()
                    status = r.status
                except OSError:
                    status = -1
                with lock:
                    counts[status] = counts.get(status, 0) + 1

        cpu_before, wall_before = _cpu_seconds(pids), time.monotonic()
        pool = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        cpu_after, wall_after = _cpu_seconds(pids), time.monotonic()
        return {"rate": rate, "requests": sum(counts.values()), "statuses": counts,
                "cpu_percent": 100 * (cpu_after - cpu_before) / (wall_after - wall_before),
                "cpu_ms_per_request": 1000 * (cpu_after - cpu_before) / max(1, sum(counts.values()))}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", type=int, default=2000)
    parser.add_argument("--every", type=float, default=15.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument("--no-server", action="store_true", help="only the in-process measurement")
    args = parser.parse_args()

    os.environ.setdefault("HAMAFZA_VAR_DIR", tempfile.mkdtemp(prefix="hz-live-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamafza.settings")
    os.environ.setdefault("HAMAFZA_LOG_LEVEL", "WARNING")
    os.environ.setdefault("HAMAFZA_TESTING", "1")
    os.environ.setdefault("HAMAFZA_ALLOWED_HOSTS", f"{HOST},127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    _event, path = build()
    cpu, status = in_process(path, args.repeat)
    rate = args.readers / args.every
    print(f"database: {connection.vendor}; poll {path} with the current ETag")
    print(f"in-process (hamafza.wsgi.application): {status}, {cpu * 1e6:.0f} µs CPU per poll "
          f"→ {args.readers} readers every {args.every:g} s ({rate:.0f}/s) = {100 * cpu * rate:.1f}% of one core")
    if args.no_server:
        return
    connection.close()
    result = served(path, args.readers, args.every, args.seconds, args.workers, args.threads, args.server)
    print(f"{args.server} {args.workers} workers × {args.threads} threads; load average {os.getloadavg()[0]:.2f}; "
          f"{result['rate']:.0f} polls/s for {args.seconds:g} s: "
          f"{result['requests']} requests {result['statuses']}; server CPU {result['cpu_percent']:.1f}% of one core "
          f"({result['cpu_ms_per_request']:.2f} ms per poll, incl. accept/parse/close)")


if __name__ == "__main__":
    main()
