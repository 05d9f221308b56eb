"""Platform adapters: each turns a Message into HTTP calls and classifies what went wrong.

Every adapter raises one of the errors below; the worker decides the delivery's next state from
the error's class alone:

    Retryable     5xx, connection refused/reset before the request was sent → retry with back-off
    RateLimited   429 → pause the token for retry_after seconds
    Permanent     any other 4xx, or bad input found before sending → failed, with the message
    Unknown       read timeout, connection lost after sending → unknown (a person decides)
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DeliveryError(Exception):
    def __init__(self, message: str, *, code: int | None = None, description: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.description = description
        self.progress: dict = {}  # work done before the error (ids deleted), kept for the retry


class Retryable(DeliveryError):
    pass


class RateLimited(DeliveryError):
    def __init__(self, message: str, *, retry_after: float, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class Permanent(DeliveryError):
    pass


class Unknown(DeliveryError):
    pass


@dataclass
class Sent:
    remote_ids: list = field(default_factory=list)
    permalink: str = ""
    replaced_parent: bool = False  # a new message now stands for the parent's (see worker)
    remark: str = ""  # what happened, when it is not plain


def late_delivery_seconds(kind: str) -> float:
    """How long the platform may still deliver a request whose answer never came."""
    from hamafza.distribution import conf

    try:
        return float(conf.get(f"{kind.upper()}_LATE_DELIVERY"))
    except KeyError:
        return 0.0


def adapter_for(channel):
    from hamafza.distribution.models import Channel

    if channel.kind in (Channel.Kind.TELEGRAM, Channel.Kind.BALE):
        from .telegram_bale import BotApiAdapter

        return BotApiAdapter.for_channel(channel)
    if channel.kind == Channel.Kind.EITAA:
        from .eitaa import EitaaAdapter

        return EitaaAdapter.for_channel(channel)
    if channel.kind == Channel.Kind.RUBIKA:
        from .rubika import RubikaAdapter

        return RubikaAdapter.for_channel(channel)
    if channel.kind == Channel.Kind.EMAIL:
        from .email import EmailAdapter

        return EmailAdapter(channel)
    if channel.kind == Channel.Kind.SANDBOX:
        from .sandbox import for_channel

        return for_channel(channel)
    raise Permanent("این مجرا دستی است و ارسال خودکار ندارد.")
