"""Sandbox channels: the real platform's adapter with its transport swapped for the in-process
sandbox platform (adapters/sandbox_platform.py). Everything above the transport — how a message is
split into API calls, edits of captions or texts, album deletes, replies for platforms without
edit — is the real adapter's own code, so the sandbox keeps what the real API would be sent."""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import sandbox_platform as sandbox
from ..formatting import Message
from . import Sent
from .eitaa import EitaaAdapter
from .rubika import RubikaAdapter
from .telegram_bale import BotApiAdapter


class _SandboxTransport:
    channel = None
    _photos: list = []

    def call(self, method: str, data: dict | None = None, files: dict | None = None):
        return sandbox.handle(self.channel, method, data, files, photos=self._photos)

    def send(self, message: Message) -> Sent:
        self._photos = list(message.photos)
        sent = super().send(message)
        return sent

    def permalink(self, message_id) -> str:
        if not message_id or not self.channel.pk:
            return ""
        # The workspace's view of the sandbox, relative: it opens on whatever host the person is on.
        return f"/workspace/distribution/channels/{self.channel.pk}/sandbox/#m{message_id}"


class SandboxBotApi(_SandboxTransport, BotApiAdapter):
    pass


class SandboxEitaa(_SandboxTransport, EitaaAdapter):
    pass


class SandboxRubika(_SandboxTransport, RubikaAdapter):
    def upload(self, upload_url: str, file: tuple[str, bytes]) -> str:
        """The file id the sandbox gives back is the image's storage name (shown in the preview)."""
        return sandbox.upload(self.channel, file, photos=self._photos)


class SandboxEmail:
    """The newsletter's instant e-mail for the item, as one subscriber would receive it."""

    supports_edit = False
    supports_delete = False

    def __init__(self, channel):
        self.channel = channel

    def send_item(self, item, message: Message) -> Sent:
        from ..newsletter import render_item_email

        subject, text = render_item_email(item, self.channel)
        m = sandbox.record_email(self.channel, subject=subject, text=text)
        return Sent(remote_ids=[m.message_id], remark=_("رایانامه فرستاده نشد؛ در مجرای آزمایشی نگه داشته شد."))

    def send(self, message: Message) -> Sent:
        m = sandbox.record_email(self.channel, subject=_("اطلاعیه"), text=message.text)
        return Sent(remote_ids=[m.message_id])

    def get_me(self) -> dict:
        return {"first_name": _("خبرنامهٔ آزمایشی")}


def for_channel(channel):
    platform = channel.platform
    kwargs = {"token": "sandbox", "chat_id": f"sandbox-{channel.pk}"}
    if platform in ("telegram", "bale"):
        adapter = SandboxBotApi(base_url="sandbox:", **kwargs)
    elif platform == "eitaa":
        adapter = SandboxEitaa(base_url="sandbox:", **kwargs)
    elif platform == "rubika":
        adapter = SandboxRubika(base_url="sandbox:", **kwargs)
    else:
        return SandboxEmail(channel)
    adapter.channel = channel
    return adapter
