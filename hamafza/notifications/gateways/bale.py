"""The council's notice bot on Bale: read its updates (`getUpdates`, polled; no webhook) and send
a person a message (`sendMessage` to their private chat)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import conf
from . import Dead, Refused, Retry
from .http import post


class BaleBot:
    def __init__(self, *, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.token = token

    @classmethod
    def from_config(cls, config) -> "BaleBot":
        return cls(base_url=conf.get("BALE_BASE_URL"), token=config.get_bale_token())

    def call(self, method: str, data: dict):
        response = post(f"{self.base_url}/bot{self.token}/{method}", data)
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("ok") is True:
            return body.get("result")
        status = response.status_code
        code = int((body or {}).get("error_code") or status) if isinstance(body, dict) else status
        description = str((body or {}).get("description") or "")[:200] if isinstance(body, dict) else ""
        low = description.lower()
        if code == 429 or status == 429:
            after = float(((body or {}).get("parameters") or {}).get("retry_after") or 5) if isinstance(body, dict) else 5
            raise Retry(_("بله درخواست کرد کمی صبر کنیم."), after=after, code=429)
        if code >= 500 or status >= 500:
            raise Retry(_("خطای سرور بله."), code=code)
        if code == 401:
            raise Refused(_("توکن ربات اعلان‌ها نادرست است یا باطل شده است."), code=code)
        if code == 403 or "blocked" in low or "chat not found" in low or "deactivated" in low:
            raise Dead(_("ربات اعلان‌ها در بله مسدود شده یا گفت‌وگوی شما با آن پاک شده است؛ دوباره پیوند دهید."),
                       code=code)
        raise Refused(_("بله درخواست را نپذیرفت (\u2066%(code)s: %(description)s\u2069).")
                      % {"code": code, "description": description}, code=code)

    def get_updates(self, offset: int) -> list[dict]:
        data = {"limit": int(conf.get("UPDATES_LIMIT")), "timeout": 0}
        if offset:
            data["offset"] = offset
        return list(self.call("getUpdates", data) or [])

    def send_message(self, chat_id: str, text: str) -> str:
        result = self.call("sendMessage", {"chat_id": chat_id, "text": text})
        return str((result or {}).get("message_id", ""))
