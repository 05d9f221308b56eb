"""What the chat adapters share (Telegram and Bale's Bot API, Eitaa through Eitaayar, Rubika): a
bot token and a chat, the base URL and public link base from the platform's settings, a post's
public link by the channel's username, and the plain `sendMessage` that a reply and a test post
are. Each platform keeps its own transport (`call`), its reading of a message id (`_id`), and its
own send, edit and delete."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from .. import conf
from . import Permanent, Sent


class ChatAdapter:
    settings_prefix = ""  # <PREFIX>_BASE_URL and <PREFIX>_LINK_BASE in the distribution settings
    no_token_message = gettext_lazy("توکن ربات این مجرا ثبت نشده است.")

    def __init__(self, *, base_url: str, token: str, chat_id: str, link_base: str = "", username: str = ""):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.chat_id = chat_id
        self.link_base = link_base.rstrip("/")
        self.username = username.lstrip("@") or (chat_id[1:] if chat_id.startswith("@") else "")

    @classmethod
    def for_channel(cls, channel):
        token = channel.get_token()
        if not token:
            raise Permanent(str(cls.no_token_message))
        prefix = cls.prefix_for(channel)
        return cls(base_url=conf.get(f"{prefix}_BASE_URL"), token=token, chat_id=channel.chat_id,
                   link_base=conf.get(f"{prefix}_LINK_BASE"), username=channel.public_username,
                   **cls.options_for(channel))

    @classmethod
    def prefix_for(cls, channel) -> str:
        return cls.settings_prefix

    @classmethod
    def options_for(cls, channel) -> dict:
        """The platform's own constructor arguments, from the channel."""
        return {}

    def call(self, method: str, data: dict | None = None):
        raise NotImplementedError

    def permalink(self, message_id) -> str:
        return f"{self.link_base}/{self.username}/{message_id}" if self.username and message_id else ""

    @staticmethod
    def _id(result):
        raise NotImplementedError

    def _ref(self, remote_id):
        """A stored message id as the platform wants it in a request."""
        return remote_id

    def _sent(self, result, **fields) -> Sent:
        message_id = self._id(result)
        return Sent(remote_ids=[message_id], permalink=self.permalink(message_id), **fields)

    def reply(self, remote_id, text: str) -> Sent:
        return self._sent(self.call("sendMessage", {"chat_id": self.chat_id, "text": text,
                                                    "reply_to_message_id": self._ref(remote_id)}))

    def test_post(self, text: str) -> Sent:
        return self._sent(self.call("sendMessage", {"chat_id": self.chat_id, "text": text}))
