"""Run the whole product on one machine: the web server, the task worker and the scheduler.

The web server is granian (a production server with its HTTP in Rust, speaking WSGI; gunicorn on
request, HAMAFZA_WEB_SERVER=gunicorn). The worker is the database
task worker in the embedded default, or an RQ worker when REDIS_URL is set. If one process
dies, it alone is restarted after a back-off (hamafza/core/supervisor.py); the others keep
running. SIGTERM or SIGINT stops them all.
"""

import os
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from hamafza.core.env import env_bool, env_int
from hamafza.core.stopping import stop_on_signals
from hamafza.core.supervisor import Supervisor


# The web server's defaults, measured on a 2-core machine (bench/README.md, «Web server»):
# HAMAFZA_WEB_WORKERS processes of HAMAFZA_WEB_THREADS threads each (granian: blocking threads;
# gunicorn: more than one thread is the gthread worker, which keeps connections alive, one the sync
# worker, which answers `Connection: close`). HAMAFZA_ACCESS_LOG=1 writes the access log to
# standard output.
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
# HAMAFZA_WEB_SERVER: "granian" (the default) or "gunicorn": the same application, the same
# workers × threads. granian is the default because a cached page costs 2.5–4× less server CPU
# than with gunicorn (the HTTP parsing, keep-alive and writing are in Rust), which is what keeps
# the portal within 3× of nginx and a live page's pollers under 10 % of a core; a 200 MB upload
# streams through it as through gunicorn (tests/core/test_serve_upload.py). Neither kills a stuck
# request: gunicorn's --timeout is a heartbeat of the worker process, which a gthread worker's
# main loop keeps sending while a request thread hangs. What bounds a request here is below it:
# SQLite's busy timeout (20 s), every outbound HTTP call's own timeout, and granian's 30 s limit on
# reading a request's headers (bench/README.md, «Web server»).
WEB_SERVERS = ("granian", "gunicorn")
DEFAULT_WEB_SERVER = "granian"


def web_command(bind: str, workers: int, threads: int, access_log: bool, server: str = DEFAULT_WEB_SERVER) -> list[str]:
    if server == "granian":
        return granian_command(bind, workers, threads, access_log)
    if server != "gunicorn":
        raise ValueError(f"HAMAFZA_WEB_SERVER must be one of {', '.join(WEB_SERVERS)}, not {server!r}")
    command = [
        sys.executable, "-m", "gunicorn", "hamafza.wsgi:application",
        "--bind", bind, "--workers", str(workers),
        "--graceful-timeout", "10", "--timeout", "60", "--no-control-socket",
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "5"]
    if access_log:
        command += ["--access-logfile", "-"]
    return command


def granian_command(bind: str, workers: int, threads: int, access_log: bool) -> list[str]:
    """granian's WSGI interface: `workers` processes, each answering on `threads` blocking threads;
    HTTP/1.1 with keep-alive, no websockets, a crashed worker respawned by granian itself."""
    host, _, port = bind.rpartition(":")
    command = [
        sys.executable, "-m", "granian", "--interface", "wsgi", "hamafza.wsgi:application",
        "--host", host.strip("[]") or "127.0.0.1", "--port", port or "8000", "--workers", str(workers),
        "--blocking-threads", str(max(1, threads)), "--http", "1", "--no-ws", "--log-level", "warning",
        "--respawn-failed-workers", "--workers-kill-timeout", "10",
    ]
    command.append("--access-log" if access_log else "--no-access-log")
    return command


# Further long-running processes of the embedded default, added by apps when they load (the
# messenger sender, for one): name → arguments of the `hamafza` command. Not started with --no-worker.
PROCESSES: dict[str, list[str]] = {}


def worker_command() -> list[str]:
    backend = settings.TASKS["default"]["BACKEND"]
    manage = [sys.executable, "-m", "hamafza"]
    if backend.startswith("django_tasks_rq"):
        return [*manage, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    if backend.startswith("django_tasks_db"):
        return [*manage, "db_worker", "--interval", "1"]
    return []  # immediate backend: tasks run inside the request


class Command(BaseCommand):
    help = "Start the web server, the task worker and the scheduler together."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("HAMAFZA_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=env_int("HAMAFZA_WEB_WORKERS", DEFAULT_WORKERS))
        parser.add_argument("--threads", type=int, default=env_int("HAMAFZA_WEB_THREADS", DEFAULT_THREADS))
        parser.add_argument("--access-log", action="store_true", default=env_bool("HAMAFZA_ACCESS_LOG", False))
        parser.add_argument("--web-server", choices=WEB_SERVERS,
                            default=os.environ.get("HAMAFZA_WEB_SERVER", DEFAULT_WEB_SERVER) or DEFAULT_WEB_SERVER)
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument("--no-scheduler", action="store_true")

    def handle(self, *args, bind: str, workers: int, threads: int, access_log: bool, web_server: str,
               no_worker: bool, no_scheduler: bool, **options):
        commands = {"web": web_command(bind, workers, threads, access_log, web_server)}
        if not no_worker and worker_command():
            commands["worker"] = worker_command()
        if not no_worker:
            commands.update({name: [sys.executable, "-m", "hamafza", *args] for name, args in PROCESSES.items()})
        if not no_scheduler:
            commands["scheduler"] = [sys.executable, "-m", "hamafza", "scheduler"]

        supervisor = Supervisor(commands, log=lambda line: self.stderr.write(line))
        supervisor.start()
        self.stdout.write(f"هم‌افزا: http://{bind}/  ({', '.join(commands)})")
        stopping = stop_on_signals()
        while not stopping():
            supervisor.tick()
            time.sleep(0.5)
        supervisor.stop()
