"""A local fake of Kavenegar's REST API (`POST /v1/<API-KEY>/sms/send.json`), enforcing what the
real one checks: the API key (403), the required fields (406), the receptor (411; numbers in
`dead` are refused as invalid receptors), the sender line (412), an empty or too long message
(413), and credit (418, scripted). Answers have Kavenegar's shape:
`{"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": …, "status": 1, …}]}`
with the status as the HTTP status too. `script("500", "418")` makes the next answers fail.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.distribution.fakes import _parse

MESSAGES = {
    200: "تایید شد", 403: "کد شناسائی API-Key معتبر نمی‌باشد", 406: "پارامترهای اجباری خالی ارسال شده اند",
    411: "دریافت کننده نامعتبر است", 412: "ارسال کننده نامعتبر است", 413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
    418: "اعتبار حساب شما کافی نیست", 500: "خطای سرور",
}


class FakeKavenegar:
    def __init__(self, *, api_key: str = "KAVE-KEY", senders=("10004346",), dead=()):
        self.api_key = api_key
        self.senders = set(senders)
        self.dead = set(dead)
        self.sent: list[dict] = []  # accepted messages: the oracle
        self.requests: list[dict] = []
        self.scripts: deque = deque()
        self._lock = threading.Lock()
        self._next_id = 8792343
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fields, _files = _parse(self.headers.get("Content-Type", ""), raw)
                server._handle(self, self.path, fields)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> "FakeKavenegar":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def script(self, *statuses: str) -> None:
        self.scripts.extend(statuses)

    def to(self, number: str) -> list[str]:
        return [m["message"] for m in self.sent if m["receptor"] == number]

    def _answer(self, handler, status: int, entries=None) -> None:
        body = {"return": {"status": status, "message": MESSAGES.get(status, "")}, "entries": entries}
        data = json.dumps(body, ensure_ascii=False).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler, path: str, fields: dict) -> None:
        with self._lock:
            self.requests.append({"path": re.sub(r"/v1/[^/]+/", "/v1/<key>/", path), "fields": dict(fields)})
            scripted = self.scripts.popleft() if self.scripts else None
        if scripted:
            return self._answer(handler, int(scripted))
        m = re.fullmatch(r"/v1/([^/]+)/sms/send\.json", path)
        if not m:
            return self._answer(handler, 404)
        if m.group(1) != self.api_key:
            return self._answer(handler, 403)
        receptor, message, sender = fields.get("receptor", ""), fields.get("message", ""), fields.get("sender", "")
        if not receptor or not message:
            return self._answer(handler, 406)
        if not re.fullmatch(r"09\d{9}", receptor) or receptor in self.dead:
            return self._answer(handler, 411)
        if sender and sender not in self.senders:
            return self._answer(handler, 412)
        if len(message) > 900:
            return self._answer(handler, 413)
        with self._lock:
            self._next_id += 1
            entry = {"messageid": self._next_id, "message": message, "status": 1, "statustext": "در صف ارسال",
                     "sender": sender or "10004346", "receptor": receptor, "date": int(time.time()), "cost": 120}
            self.sent.append(entry)
        return self._answer(handler, 200, [entry])
