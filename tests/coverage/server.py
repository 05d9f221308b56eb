"""A local HTTP server for the coverage tests and bench: serves tests/coverage/fixtures/ on
127.0.0.1 (never the internet), answers conditional GETs with 304, and logs every request.

Placeholders in the files: {{base}} (this server), {{rfc822_1h}} / {{iso_1h}} (an hour ago),
{{portal_item_N}} (set through `server.portal_links`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
POLL_INTERVAL = 0.01  # how long a shutdown may wait for the serving thread to notice
TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


class FixtureServer:
    def __init__(self, root: Path = FIXTURES, pages: dict[str, bytes] | None = None):
        self.root = root
        self.pages = pages or {}  # extra in-memory pages (bench/)
        self.portal_links: dict[str, str] = {}
        self.log: list[tuple[str, int]] = []
        self.times: list[float] = []  # time.monotonic() of each request, in order
        self.status_override: dict[str, int] = {}
        self.redirects: dict[str, str] = {}  # path → Location (302)
        self.lock = threading.Lock()
        self.hour_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).replace(microsecond=0)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        # A shutdown is noticed within poll_interval (Python's default 0.5 s was a wait per test).
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": POLL_INTERVAL},
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def content(self, path: str) -> bytes | None:
        if path in self.pages:
            return self.pages[path]
        file = (self.root / path.lstrip("/")).resolve()
        if self.root not in file.parents or not file.is_file():
            return None
        text = file.read_text(encoding="utf-8")
        hour_ago = self.hour_ago
        text = text.replace("{{base}}", self.base).replace("{{rfc822_1h}}", format_datetime(hour_ago, usegmt=True))
        text = text.replace("{{iso_1h}}", hour_ago.isoformat())
        for key, value in self.portal_links.items():
            text = text.replace("{{" + key + "}}", value)
        return text.encode("utf-8")

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        if path in self.redirects:
            with self.lock:
                self.log.append((path, 302))
                self.times.append(time.monotonic())
            h.send_response(302)
            h.send_header("Location", self.redirects[path])
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        status = self.status_override.get(path)
        body = self.content(path)
        if status is None:
            status = 200 if body is not None else 404
        etag = '"' + hashlib.sha1(body or b"").hexdigest()[:16] + '"'
        if status == 200 and h.headers.get("If-None-Match") == etag:
            status = 304
        with self.lock:
            self.log.append((path, status))
            self.times.append(time.monotonic())
        h.send_response(status)
        if status == 200:
            h.send_header("Content-Type", TYPES.get(Path(path).suffix, "application/octet-stream"))
            h.send_header("ETag", etag)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
        else:
            h.send_header("Content-Length", "0")
            h.end_headers()

    def requested(self, prefix: str) -> list[tuple[str, int]]:
        with self.lock:
            return [r for r in self.log if r[0].startswith(prefix)]
