"""Rubika through its official Bot API: `POST https://botapi.rubika.ir/v3/<token>/<method>` with a
JSON body; every answer is `{"status": "OK", "data": {...}}` or `{"status": "<ERROR>", "status_det":
"…"}` (client libraries read both with HTTP 200; a gateway may still answer 5xx or 429).

    sendMessage      chat_id, text, reply_to_message_id, disable_notification → {message_id}
    editMessageText  chat_id, message_id, text
    deleteMessage    chat_id, message_id
    getMe            → {bot: {bot_id, bot_title, username, …}}
    requestSendFile  type (Image, File, …) → {upload_url}; POST the file (multipart `file`) there
                     → {file_id}; then sendFile chat_id, file_id, text → {message_id}

Text is plain (no parse mode is relied on: the formatting is the renderer's plain text), one
image per post (the main image carries the text). Message ids are strings of digits; kept as
given. Statuses seen in client libraries: INVALID_ACCESS (bad token, or no right in the chat),
INVALID_INPUT (bad chat, bad message id, text too long), TOO_REQUESTS (rate limit),
SERVER_ERROR / INTERNAL_SERVER_ERROR — see shared/notes/channels.md (unverified)."""

from __future__ import annotations

import httpx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.persian.digits import to_persian_digits as fa

from ..formatting import Message
from . import Permanent, RateLimited, Retryable, Sent, Unknown
from .chat import ChatAdapter
from .http import MessageGone, client, timeout, transport_errors
from .telegram_bale import _open, check_photos

RETRY_STATUSES = {"SERVER_ERROR", "INTERNAL_SERVER_ERROR", "UNDER_MAINTENANCE", "SERVICE_UNAVAILABLE"}


def decode(response: httpx.Response):
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and str(body.get("status", "")).upper() == "OK":
        return body.get("data") if body.get("data") is not None else {}
    code = str((body or {}).get("status") or "").upper() if isinstance(body, dict) else ""
    detail = str((body or {}).get("status_det") or (body or {}).get("dev_message") or code)[:300] if isinstance(body, dict) else ""
    if status == 429 or code in ("TOO_REQUESTS", "TOO_MANY_REQUESTS"):
        raise RateLimited(_("روبیکا محدودیت سرعت اعلام کرد؛ ارسال‌های این ربات چند ثانیه متوقف شد."), retry_after=10,
                          code=429, description=detail)
    if status >= 500 or code in RETRY_STATUSES:
        raise Retryable(_("خطای سرور روبیکا (%(status)s)") % {"status": fa(status) if status >= 500 else code},
                        code=status if status >= 500 else 500, description=detail)
    if not code:
        if 200 <= status < 300:
            raise Unknown(_("پاسخ روبیکا خوانا نبود (%(status)s)؛ شاید پیام فرستاده شده باشد.") % {"status": fa(status)})
        raise Permanent(_("روبیکا درخواست را نپذیرفت (%(status)s).") % {"status": fa(status)}, code=status)
    if code == "INVALID_ACCESS":
        message = _("توکن ربات روبیکا نادرست است یا ربات در این کانال اجازهٔ ارسال ندارد؛ توکن و مدیر بودن ربات را بررسی کنید.")
    elif code == "INVALID_INPUT":
        message = _("روبیکا درخواست را نادرست دانست (شناسهٔ کانال، شناسهٔ پیام یا درازی متن).")
    else:
        message = _("روبیکا درخواست را نپذیرفت.")
    raise Permanent(f"{message} (\u2066{code}\u2069)", code=400, description=code)


class RubikaAdapter(ChatAdapter):
    supports_edit = True
    supports_delete = True
    # Edits go through editMessageText for a post with an image too (its text).
    edits_caption_as_text = True
    settings_prefix = "RUBIKA"
    no_token_message = gettext_lazy("توکن ربات روبیکای این مجرا ثبت نشده است.")

    # --- plumbing --------------------------------------------------------------------------
    def _post(self, url: str, **kwargs):
        with transport_errors():
            response = client().post(url, timeout=timeout(), **kwargs)
        return decode(response)

    def call(self, method: str, data: dict | None = None):
        body = {k: v for k, v in (data or {}).items() if v is not None}
        return self._post(f"{self.base_url}/{self.token}/{method}", json=body)

    def upload(self, upload_url: str, file: tuple[str, bytes]) -> str:
        data = self._post(upload_url, files={"file": file})
        file_id = (data or {}).get("file_id")
        if not file_id:
            raise Permanent(_("روبیکا شناسهٔ پروندهٔ بارگذاری‌شده را برنگرداند."))
        return str(file_id)

    @staticmethod
    def _id(result):
        return str((result or {}).get("message_id") or "")

    def _ref(self, remote_id):
        return str(remote_id)  # Rubika's message ids are strings of digits

    # --- operations ------------------------------------------------------------------------
    def get_me(self) -> dict:
        bot = (self.call("getMe") or {}).get("bot") or {}
        return {"id": bot.get("bot_id"), "username": bot.get("username"), "first_name": bot.get("bot_title")}

    def send(self, message: Message) -> Sent:
        remark = ""
        if message.photos:
            check_photos(message.photos[:1])
            try:
                target = (self.call("requestSendFile", {"type": "Image"}) or {}).get("upload_url")
                if not target:
                    raise Permanent(_("روبیکا نشانی بارگذاری پرونده را نداد."))
                file_id = self.upload(target, _open(message.photos[0]))
            except Permanent as exc:
                # Nothing was posted yet: the text (with the item's link) goes without the image.
                file_id = None
                remark = _("روبیکا تصویر را نپذیرفت (%(why)s)؛ متن خبر با پیوند آن بی‌تصویر فرستاده شد.") % {
                    "why": exc.description or exc.message}
            if file_id:
                result = self.call("sendFile", {"chat_id": self.chat_id, "file_id": file_id, "text": message.text})
            else:
                result = self.call("sendMessage", {"chat_id": self.chat_id, "text": message.text})
        else:
            result = self.call("sendMessage", {"chat_id": self.chat_id, "text": message.text})
        return self._sent(result, remark=remark)

    def edit(self, remote_ids: list, message: Message, was_caption: bool) -> Sent:
        self.call("editMessageText", {"chat_id": self.chat_id, "message_id": self._ref(remote_ids[0]), "text": message.text})
        return Sent(remote_ids=list(remote_ids), permalink=self.permalink(remote_ids[0]))

    def delete(self, remote_ids: list, done=()) -> Sent:
        for mid in remote_ids:
            if mid in set(done):
                continue
            try:
                self.call("deleteMessage", {"chat_id": self.chat_id, "message_id": self._ref(mid)})
            except MessageGone:
                pass
        return Sent(remote_ids=list(remote_ids))
