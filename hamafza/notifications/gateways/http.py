"""One HTTP client per thread for the notice gateways, with explicit timeouts; a URL holding a
token or an API key never reaches a log or an error message."""

from __future__ import annotations

import logging
import threading

import httpx
from django.utils.translation import gettext as _

from .. import conf
from . import Retry

_local = threading.local()
logging.getLogger("httpx").setLevel(logging.WARNING)


def client() -> httpx.Client:
    c = getattr(_local, "client", None)
    if c is None:
        c = httpx.Client(follow_redirects=False, trust_env=False)
        _local.client = c
    return c


def post(url: str, data: dict) -> httpx.Response:
    seconds = float(conf.get("TIMEOUT"))
    try:
        return client().post(url, data=data, timeout=httpx.Timeout(seconds))
    except httpx.HTTPError as exc:
        raise Retry(_("اتصال به سرویس برقرار نشد (%(error)s).") % {"error": exc.__class__.__name__}) from None
