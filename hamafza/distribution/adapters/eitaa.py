"""Eitaa through Eitaayar (https://eitaayar.ir/api/<token>/METHOD): sendMessage and sendFile,
no edit and no delete method known, so corrections and withdrawals are replies. Responses are
believed to be Telegram-shaped (`{ok, result}`); see shared/notes/channels.md (unverified)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from .. import conf
from ..formatting import Message
from . import Sent
from .chat import ChatAdapter
from .http import post
from .telegram_bale import _open, check_photos, check_video


class EitaaAdapter(ChatAdapter):
    supports_edit = False
    supports_delete = False
    settings_prefix = "EITAA"
    no_token_message = gettext_lazy("توکن ایتایار این مجرا ثبت نشده است.")

    def call(self, method: str, data: dict | None = None, files: dict | None = None):
        return post(f"{self.base_url}/{self.token}/{method}", data=data, files=files)

    @staticmethod
    def _id(result) -> object:
        if isinstance(result, dict):
            return result.get("message_id") or result.get("id")
        return result

    def get_me(self) -> dict:
        return self.call("getMe")

    def send(self, message: Message) -> Sent:
        if message.video:
            # Eitaayar has no sendVideo: the video goes through sendFile, which Eitaa shows as a video.
            check_video(message.video, int(conf.get("EITAA_MAX_VIDEO_BYTES")))
            result = self.call("sendFile", {"chat_id": self.chat_id, "caption": message.text},
                               files={"file": _open(message.video)})
        elif message.photos:
            # One file per post: the main image carries the caption.
            check_photos(message.photos[:1])
            result = self.call("sendFile", {"chat_id": self.chat_id, "caption": message.text},
                               files={"file": _open(message.photos[0])})
        else:
            result = self.call("sendMessage", {"chat_id": self.chat_id, "text": message.text})
        return self._sent(result)
