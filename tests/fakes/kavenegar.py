"""A local fake of Kavenegar's REST API (`POST /v1/<API-KEY>/sms/send.json`), enforcing what the
real one checks: the API key (403), the required fields (406), the receptor (411; numbers in
`dead` are refused as invalid receptors), the sender line (412), an empty or too long message
(413), and credit (418, scripted). Answers have Kavenegar's shape:
`{"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": …, "status": 1, …}]}`
with the status as the HTTP status too. `script("500", "418")` makes the next answers fail.
"""

from __future__ import annotations

import re
import time
from collections import deque

from tests.fakes.http import FakeHttpServer

MESSAGES = {
    200: "تایید شد", 403: "کد شناسائی API-Key معتبر نمی‌باشد", 406: "پارامترهای اجباری خالی ارسال شده اند",
    411: "دریافت کننده نامعتبر است", 412: "ارسال کننده نامعتبر است", 413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
    418: "اعتبار حساب شما کافی نیست", 500: "خطای سرور",
}


class FakeKavenegar(FakeHttpServer):
    url_path = "/v1"

    def __init__(self, *, api_key: str = "KAVE-KEY", senders=("10004346",), dead=()):
        super().__init__()
        self.api_key = api_key
        self.senders = set(senders)
        self.dead = set(dead)
        self.sent: list[dict] = []  # accepted messages: the oracle
        self.requests: list[dict] = []
        self.scripts: deque = deque()
        self._next_id = 8792343

    def script(self, *statuses: str) -> None:
        self.scripts.extend(statuses)

    def to(self, number: str) -> list[str]:
        return [m["message"] for m in self.sent if m["receptor"] == number]

    def _reply(self, handler, status: int, entries=None) -> None:
        self._answer(handler, status, {"return": {"status": status, "message": MESSAGES.get(status, "")}, "entries": entries})

    def _handle(self, handler, path: str, fields: dict, files: dict) -> None:
        with self._lock:
            self.requests.append({"path": re.sub(r"/v1/[^/]+/", "/v1/<key>/", path), "fields": dict(fields)})
            scripted = self.scripts.popleft() if self.scripts else None
        if scripted:
            return self._reply(handler, int(scripted))
        m = re.fullmatch(r"/v1/([^/]+)/sms/send\.json", path)
        if not m:
            return self._reply(handler, 404)
        if m.group(1) != self.api_key:
            return self._reply(handler, 403)
        receptor, message, sender = fields.get("receptor", ""), fields.get("message", ""), fields.get("sender", "")
        if not receptor or not message:
            return self._reply(handler, 406)
        if not re.fullmatch(r"09\d{9}", receptor) or receptor in self.dead:
            return self._reply(handler, 411)
        if sender and sender not in self.senders:
            return self._reply(handler, 412)
        if len(message) > 900:
            return self._reply(handler, 413)
        with self._lock:
            self._next_id += 1
            entry = {"messageid": self._next_id, "message": message, "status": 1, "statustext": "در صف ارسال",
                     "sender": sender or "10004346", "receptor": receptor, "date": int(time.time()), "cost": 120}
            self.sent.append(entry)
        return self._reply(handler, 200, [entry])
