"""The gateways that reach a person outside the workspace: Bale (its Bot API, shaped like
Telegram's) and SMS (behind `SmsGateway`; Kavenegar's REST API implemented).

Every gateway raises one of these; the worker decides from the class alone:

    Retry    the gateway did not answer or answered 5xx/429 → try again later, a few times
    Dead     the person's address does not work (bot blocked, chat gone, number refused) → the
             person sees it on their settings page and nothing more is sent there
    Refused  the council's configuration or the request is wrong (token, API key, credit) → failed
"""

from __future__ import annotations

from typing import Protocol


class GatewayError(Exception):
    def __init__(self, message: str, *, code: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code


class Retry(GatewayError):
    def __init__(self, message: str, *, after: float = 0.0, **kwargs):
        super().__init__(message, **kwargs)
        self.after = after


class Dead(GatewayError):
    pass


class Refused(GatewayError):
    pass


class SmsGateway(Protocol):
    def send(self, receptor: str, message: str) -> str:
        """Send one SMS; return the gateway's message id, or raise a GatewayError."""


def sms_gateway(config) -> SmsGateway:
    from .kavenegar import Kavenegar

    key = config.get_sms_api_key() if config else ""
    if not key:
        from django.utils.translation import gettext as _

        raise Refused(_("درگاه پیامک این شورا تنظیم نشده است."))
    return Kavenegar.from_config(config)


def bale_bot(config):
    from .bale import BaleBot

    token = config.get_bale_token() if config else ""
    if not token:
        from django.utils.translation import gettext as _

        raise Refused(_("ربات بلهٔ اعلان‌های این شورا تنظیم نشده است."))
    return BaleBot.from_config(config)
