"""Kavenegar's REST API: `POST {base}/{API-KEY}/sms/send.json` with receptor, message and sender.

The answer is `{"return": {"status": 200, "message": "…"}, "entries": [...]}`; the status is also
the HTTP status. What the statuses mean for us (Kavenegar's list of return codes):
    200            sent to the operator
    411            the receptor is not a valid number → the person's number is dead
    401 403 412 418  account disabled, API key invalid, sender invalid, credit too low → the
                   council's configuration; nothing the person can fix
    409 5xx        the gateway could not answer → try again
    other 4xx      refused
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from .. import conf
from . import Dead, Refused, Retry
from .http import post

DEAD = {411}
CONFIG = {
    401: N_("حساب درگاه پیامک غیرفعال است."),
    403: N_("کلید API درگاه پیامک نادرست است."),
    412: N_("شمارهٔ فرستندهٔ پیامک نادرست است."),
    418: N_("اعتبار درگاه پیامک کافی نیست."),
}
LATER = {409, 414}


class Kavenegar:
    def __init__(self, *, base_url: str, api_key: str, sender: str = ""):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.sender = sender

    @classmethod
    def from_config(cls, config) -> "Kavenegar":
        return cls(base_url=conf.get("KAVENEGAR_BASE_URL"), api_key=config.get_sms_api_key(), sender=config.sms_sender)

    def send(self, receptor: str, message: str) -> str:
        data = {"receptor": receptor, "message": message}
        if self.sender:
            data["sender"] = self.sender
        response = post(f"{self.base_url}/{self.api_key}/sms/send.json", data)
        try:
            body = response.json()
        except ValueError:
            body = None
        ret = body.get("return") if isinstance(body, dict) else None
        status = int(ret.get("status") or response.status_code) if isinstance(ret, dict) else response.status_code
        if status == 200:
            entries = body.get("entries") or [{}]
            return str(entries[0].get("messageid", ""))
        if status in DEAD:
            raise Dead(_("شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید."), code=status)
        if status in CONFIG:
            raise Refused(_(CONFIG[status]), code=status)
        if status in LATER or status >= 500:
            raise Retry(_("درگاه پیامک پاسخ نداد (%(status)s).") % {"status": status}, code=status)
        raise Refused(_("درگاه پیامک درخواست را نپذیرفت (%(status)s).") % {"status": status}, code=status)
