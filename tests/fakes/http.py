"""What every fake service shares: a threaded HTTP server on a free loopback port, started and
stopped by the test, whose POST bodies (form, multipart or JSON) reach the fake's `_handle` as
fields and files, and whose answers are JSON."""

from __future__ import annotations

import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

POLL_INTERVAL = 0.01  # how long stop() may wait for the serving thread to notice


def parse_body(content_type: str, raw: bytes) -> tuple[dict, dict]:
    """(fields, files) of a request body: multipart form data, JSON (values as strings) or a form."""
    if content_type.startswith("multipart/form-data"):
        msg = email.message_from_bytes(
            b"Content-Type: " + content_type.encode() + b"\r\nMIME-Version: 1.0\r\n\r\n" + raw, policy=email.policy.HTTP
        )
        fields, files = {}, {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                files[name] = payload
            else:
                fields[name] = payload.decode()
        return fields, files
    if content_type.startswith("application/json"):
        return {k: str(v) for k, v in json.loads(raw or b"{}").items()}, {}
    return dict(parse_qsl(raw.decode(), keep_blank_values=True)), {}


class FakeHttpServer:
    """Subclasses implement `_handle(handler, path, fields, files)` and may answer GET in `_get`
    (None: treated as a POST with no body)."""

    url_path = ""  # appended to the server's address in `url`

    def __init__(self):
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if server._get(self, self.path) is None:
                    self.do_POST()

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fields, files = parse_body(self.headers.get("Content-Type", ""), raw)
                try:
                    server._handle(self, self.path, fields, files)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a read timeout, or a killed sender)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # serve_forever looks for a shutdown request every poll_interval (0.5 s by default), so
        # stop() waited up to half a second: 0.45 s of teardown per test that used a fake.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": POLL_INTERVAL},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.url_path}"

    def start(self):
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _get(self, handler, path: str):
        return None

    def _handle(self, handler, path: str, fields: dict, files: dict) -> None:
        raise NotImplementedError

    def _answer(self, handler, status: int, body) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
