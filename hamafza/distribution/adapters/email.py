"""The e-mail newsletter as a channel: each published item goes to the instant subscribers
the channel reaches (the daily digest is a scheduler job, see newsletter.py)."""

from __future__ import annotations

from ..formatting import Message
from . import Sent


class EmailAdapter:
    supports_edit = False
    supports_delete = False

    def __init__(self, channel):
        self.channel = channel

    def send_item(self, item, message: Message) -> Sent:
        from ..newsletter import send_instant

        count = send_instant(item, self.channel)
        return Sent(remote_ids=[f"emails:{count}"])
