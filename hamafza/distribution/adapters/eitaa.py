"""Eitaa through Eitaayar (https://eitaayar.ir/api/<token>/METHOD): sendMessage and sendFile,
no edit and no delete method known, so corrections and withdrawals are replies. Responses are
believed to be Telegram-shaped (`{ok, result}`); see shared/notes/channels.md (unverified)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import conf
from ..formatting import Message
from . import Permanent, Sent
from .http import post
from .telegram_bale import _open, check_photos, check_video


class EitaaAdapter:
    supports_edit = False
    supports_delete = False

    def __init__(self, *, base_url: str, token: str, chat_id: str, link_base: str = "", username: str = ""):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.chat_id = chat_id
        self.link_base = link_base.rstrip("/")
        self.username = username.lstrip("@") or (chat_id[1:] if chat_id.startswith("@") else "")

    @classmethod
    def for_channel(cls, channel) -> "EitaaAdapter":
        token = channel.get_token()
        if not token:
            raise Permanent(_("توکن ایتایار این مجرا ثبت نشده است."))
        return cls(base_url=conf.get("EITAA_BASE_URL"), token=token, chat_id=channel.chat_id,
                   link_base=conf.get("EITAA_LINK_BASE"), username=channel.public_username)

    def call(self, method: str, data: dict | None = None, files: dict | None = None):
        return post(f"{self.base_url}/{self.token}/{method}", data=data, files=files)

    def permalink(self, message_id) -> str:
        return f"{self.link_base}/{self.username}/{message_id}" if self.username and message_id else ""

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
        message_id = self._id(result)
        return Sent(remote_ids=[message_id], permalink=self.permalink(message_id))

    def reply(self, remote_id, text: str) -> Sent:
        result = self.call("sendMessage", {"chat_id": self.chat_id, "text": text, "reply_to_message_id": remote_id})
        message_id = self._id(result)
        return Sent(remote_ids=[message_id], permalink=self.permalink(message_id))

    def test_post(self, text: str) -> Sent:
        result = self.call("sendMessage", {"chat_id": self.chat_id, "text": text})
        message_id = self._id(result)
        return Sent(remote_ids=[message_id], permalink=self.permalink(message_id))
