"""Post links pasted by a person: which message of which channel they point to.

    https://t.me/<username>/<id>        Telegram, public channel (also telegram.me)
    https://t.me/c/<chat id without -100>/<id>   Telegram, private channel
    https://ble.ir/<username>/<id>      Bale
    https://eitaa.com/<username>/<id>   Eitaa

(shared/notes/channels.md; the same shapes the adapters build for `permalink`.)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .models import Channel

HOSTS = {
    Channel.Kind.TELEGRAM: {"t.me", "telegram.me"},
    Channel.Kind.BALE: {"ble.ir"},
    Channel.Kind.EITAA: {"eitaa.com"},
}
_PATH = re.compile(r"^/(?:(?P<private>c)/(?P<chat>\d{1,20})|(?P<username>[A-Za-z][A-Za-z0-9_]{2,64}))/(?P<id>\d{1,12})/?$")


class BadLink(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def message_id(channel: Channel, link: str) -> int:
    """The message id in a post link of this channel; BadLink (with a Persian message) when the
    link is not a post of this channel."""
    parts = urlsplit(link.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    hosts = HOSTS.get(channel.kind, set())
    if parts.scheme not in ("http", "https") or host not in hosts:
        raise BadLink(_("این پیوند پستی از %(kind)s نیست؛ پیوند را از خود پست رونوشت کنید (نمونه: %(example)s).")
                      % {"kind": channel.get_kind_display(), "example": example(channel)})
    m = _PATH.match(parts.path)
    if not m:
        raise BadLink(_("در این پیوند شمارهٔ پست پیدا نشد؛ نمونهٔ درست: %(example)s") % {"example": example(channel)})
    chat = str(channel.chat_id or "")
    if m.group("private"):
        ours = chat == f"-100{m.group('chat')}"
    else:
        names = {channel.public_username.lower().lstrip("@")} | ({chat[1:].lower()} if chat.startswith("@") else set())
        ours = m.group("username").lower() in names - {""}
    if not ours:
        raise BadLink(_("این پیوند از کانال دیگری است، نه از «%(name)s».") % {"name": channel.name})
    return int(m.group("id"))


def example(channel: Channel) -> str:
    base = {Channel.Kind.TELEGRAM: "https://t.me", Channel.Kind.BALE: "https://ble.ir"}.get(channel.kind, "https://eitaa.com")
    name = channel.public_username or (channel.chat_id[1:] if str(channel.chat_id).startswith("@") else "")
    if not name and channel.kind == Channel.Kind.TELEGRAM and str(channel.chat_id).startswith("-100"):
        return f"{base}/c/{channel.chat_id[4:]}/123"
    return f"{base}/{name or 'channel'}/123"
