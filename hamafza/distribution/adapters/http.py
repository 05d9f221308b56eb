"""One HTTP client per process, with explicit timeouts, and the Bot API's error classes."""

from __future__ import annotations

import contextlib
import logging
import threading

import httpx
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits as fa

from .. import conf
from . import Permanent, RateLimited, Retryable, Unknown

_local = threading.local()
# httpx logs every request URL at INFO, and a Bot API URL holds the token: keep it out of logs.
logging.getLogger("httpx").setLevel(logging.WARNING)


def client() -> httpx.Client:
    c = getattr(_local, "client", None)
    if c is None:
        c = httpx.Client(http2=False, follow_redirects=False, trust_env=False)
        _local.client = c
    return c


def timeout() -> httpx.Timeout:
    connect = float(conf.get("CONNECT_TIMEOUT"))
    read = float(conf.get("READ_TIMEOUT"))
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


class NotModified(Permanent):
    """Editing a message into the text it already has: the platform refuses, we call it done."""


class CannotDelete(Permanent):
    """The message is too old (or otherwise cannot be deleted): edit it into a notice instead."""


class MessageGone(Permanent):
    """The message to delete is not there (deleted by hand, or by an earlier try of ours)."""


def post(url: str, *, data: dict | None = None, files: dict | None = None, safe_url: str = "") -> dict:
    """POST and return the decoded `result`; raise the adapter error that fits. `safe_url` is the
    URL without the token, for messages (a token never goes into an error or a log)."""
    with transport_errors():
        response = client().post(url, data=data, files=files, timeout=timeout())
    return decode(response)


@contextlib.contextmanager
def transport_errors():
    """Transport failures as adapter errors: nothing sent → Retryable; maybe sent → Unknown."""
    try:
        yield
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        # Nothing reached the platform: safe to retry.
        raise Retryable(_("اتصال به سرویس برقرار نشد: %(error)s") % {"error": exc.__class__.__name__}) from None
    except httpx.TimeoutException as exc:
        raise Unknown(
            _("پاسخ سرویس در زمان مقرر نرسید (%(error)s)؛ شاید پیام فرستاده شده باشد.") % {"error": exc.__class__.__name__}
        ) from None
    except httpx.HTTPError as exc:
        raise Unknown(
            _("ارتباط با سرویس پس از ارسال درخواست قطع شد (%(error)s)؛ شاید پیام فرستاده شده باشد.")
            % {"error": exc.__class__.__name__}
        ) from None


def decode(response: httpx.Response) -> dict:
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("ok") is True:
        return body.get("result")
    if not isinstance(body, dict):
        if status >= 500:
            raise Retryable(_("خطای سرور سرویس (%(status)s)") % {"status": fa(status)}, code=status)
        if status == 429:
            raise RateLimited(_("سرویس درخواست کرد کمی صبر کنیم."), retry_after=5, code=429)
        if 200 <= status < 300:
            raise Unknown(_("پاسخ سرویس خوانا نبود (%(status)s)؛ شاید پیام فرستاده شده باشد.") % {"status": fa(status)})
        raise Permanent(_("سرویس درخواست را نپذیرفت (%(status)s).") % {"status": fa(status)}, code=status)
    code = int(body.get("error_code") or status)
    description = str(body.get("description") or "")[:400]
    params = body.get("parameters") or {}
    low = description.lower()
    if code == 429 or status == 429:
        retry_after = float(params.get("retry_after") or 5)
        raise RateLimited(
            _("سرویس محدودیت سرعت اعلام کرد؛ ارسال‌های این ربات %(seconds)s ثانیه متوقف شد.") % {"seconds": fa(int(retry_after))},
            retry_after=retry_after, code=429, description=description,
        )
    if code >= 500 or status >= 500:
        raise Retryable(_("خطای سرور سرویس (%(status)s): %(description)s") % {"status": fa(code), "description": description},
                        code=code, description=description)
    if "message is not modified" in low:
        raise NotModified(description, code=code, description=description)
    if "message to delete not found" in low:
        raise MessageGone(description, code=code, description=description)
    if "message can't be deleted" in low:
        raise CannotDelete(description, code=code, description=description)
    if code == 401:
        message = _("توکن ربات نادرست است یا باطل شده است. توکن تازه را در تنظیمات مجرا وارد کنید.")
    elif code == 403:
        message = _("ربات در این کانال یا گروه عضو نیست یا اجازهٔ ارسال ندارد؛ ربات را مدیر کانال کنید.")
    elif "chat not found" in low:
        message = _("کانال یا گروهی با این شناسه پیدا نشد؛ شناسهٔ کانال را بررسی کنید.")
    elif "can't parse entities" in low:
        message = _("قالب‌بندی متن از نگاه سرویس نادرست است.")
    elif "caption is too long" in low:
        message = _("زیرنویس از سقف مجاز سرویس بلندتر است.")
    elif "too long" in low:
        message = _("متن از سقف مجاز سرویس بلندتر است.")
    elif "migrate_to_chat_id" in params or "migrated" in low:
        message = _("گروه به ابرگروه تبدیل شده است؛ شناسهٔ تازه: %(id)s") % {"id": params.get("migrate_to_chat_id", "")}
    else:
        message = _("سرویس درخواست را نپذیرفت.")
    # The platform's own words are English: isolated (LRI … PDI) so they read right in Persian text.
    detail = f" (\u2066{code}: {description}\u2069)" if description else ""
    raise Permanent(f"{message}{detail}", code=code, description=description)
