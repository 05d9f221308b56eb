"""Telegram and Bale: one adapter for the Bot API shape, with the base URL from settings."""

from __future__ import annotations

import json

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.persian.digits import to_persian_digits as fa

from .. import conf
from ..formatting import Message
from . import DeliveryError, Permanent, Sent
from .chat import ChatAdapter
from .http import MessageGone, NotModified, post


def check_photos(names: list[str]) -> None:
    """Refuse before sending what the platform would refuse: a missing or an oversized image."""
    limit = int(conf.get("MAX_PHOTO_BYTES"))
    for name in names:
        try:
            size = default_storage.size(name)
        except (OSError, NotImplementedError):
            raise Permanent(_("پروندهٔ تصویر «%(name)s» پیدا نشد.") % {"name": name}) from None
        if size > limit:
            raise Permanent(
                _("تصویر «%(name)s» %(size)s مگابایت است و سقف ارسال %(limit)s مگابایت است؛ تصویر کوچک‌تری بگذارید.")
                % {"name": name.rsplit("/", 1)[-1], "size": fa(round(size / 1048576, 1)), "limit": fa(limit // 1048576)}
            )


def check_video(name: str, limit: int) -> None:
    """Refuse before sending a video the platform would refuse for its size (or a lost file)."""
    try:
        size = default_storage.size(name)
    except (OSError, NotImplementedError):
        raise Permanent(_("پروندهٔ ویدیو «%(name)s» پیدا نشد.") % {"name": name}) from None
    if size > limit:
        raise Permanent(
            _("ویدیو %(size)s مگابایت است و سقف ارسال ویدیو در این پیام‌رسان %(limit)s مگابایت است.")
            % {"size": fa(round(size / 1048576, 1)), "limit": fa(limit // 1048576)}
        )


def video_fields(message: Message) -> dict:
    """sendVideo's optional fields: duration, width and height (whole numbers), streaming."""
    info = message.video_info or {}
    fields = {k: str(int(info[k])) for k in ("duration", "width", "height") if info.get(k)}
    return {**fields, "supports_streaming": "true"}


def _open(name: str) -> tuple[str, bytes]:
    with default_storage.open(name, "rb") as fh:
        return name.rsplit("/", 1)[-1], fh.read()


_STATUS = {"member": gettext_lazy("عضو ساده"), "left": gettext_lazy("بیرون از کانال"),
           "kicked": gettext_lazy("اخراج‌شده"), "restricted": gettext_lazy("محدودشده")}


class BotApiAdapter(ChatAdapter):
    supports_edit = True
    supports_delete = True

    def __init__(self, *, base_url: str, token: str, chat_id: str, link_base: str = "", username: str = "",
                 private_links: bool = False, kind: str = "telegram"):
        super().__init__(base_url=base_url, token=token, chat_id=chat_id, link_base=link_base, username=username)
        self.kind = kind
        self.private_links = private_links

    @classmethod
    def prefix_for(cls, channel) -> str:
        return "TELEGRAM" if channel.kind == "telegram" else "BALE"

    @classmethod
    def options_for(cls, channel) -> dict:
        return {"private_links": channel.kind == "telegram", "kind": channel.kind}

    # --- plumbing --------------------------------------------------------------------------
    def call(self, method: str, data: dict | None = None, files: dict | None = None):
        return post(f"{self.base_url}/bot{self.token}/{method}", data=data, files=files)

    def permalink(self, message_id) -> str:
        if not message_id or self.username:
            return super().permalink(message_id)
        chat = str(self.chat_id)
        if self.private_links and chat.startswith("-100"):
            return f"{self.link_base}/c/{chat[4:]}/{message_id}"
        return ""

    @staticmethod
    def _id(result):
        return result["message_id"]

    @staticmethod
    def _format(message: Message) -> dict:
        return {"parse_mode": "HTML"} if message.format == "html" else {}

    # --- operations ------------------------------------------------------------------------
    def get_me(self) -> dict:
        return self.call("getMe")

    def send(self, message: Message) -> Sent:
        photos = message.photos
        if message.video:
            check_video(message.video, int(conf.get(f"{self.kind.upper()}_MAX_VIDEO_BYTES")))
            result = self.call(
                "sendVideo", {"chat_id": self.chat_id, "caption": message.text, **video_fields(message), **self._format(message)},
                files={"video": _open(message.video)},
            )
            ids = [result["message_id"]]
        elif not photos:
            result = self.call("sendMessage", {"chat_id": self.chat_id, "text": message.text, **self._format(message)})
            ids = [result["message_id"]]
        elif len(photos) == 1:
            check_photos(photos)
            result = self.call(
                "sendPhoto", {"chat_id": self.chat_id, "caption": message.text, **self._format(message)},
                files={"photo": _open(photos[0])},
            )
            ids = [result["message_id"]]
        else:
            check_photos(photos)
            media, files = [], {}
            for n, name in enumerate(photos):
                entry = {"type": "photo", "media": f"attach://p{n}"}
                if n == 0:
                    entry.update(caption=message.text, **self._format(message))
                media.append(entry)
                files[f"p{n}"] = _open(name)
            result = self.call("sendMediaGroup", {"chat_id": self.chat_id, "media": json.dumps(media, ensure_ascii=False)},
                               files=files)
            ids = [m["message_id"] for m in result]
        return Sent(remote_ids=ids, permalink=self.permalink(ids[0]))

    def edit(self, remote_ids: list, message: Message, was_caption: bool) -> Sent:
        first = remote_ids[0]
        try:
            if was_caption:
                self.call("editMessageCaption", {"chat_id": self.chat_id, "message_id": first,
                                                 "caption": message.text, **self._format(message)})
            else:
                self.call("editMessageText", {"chat_id": self.chat_id, "message_id": first,
                                              "text": message.text, **self._format(message)})
        except NotModified:
            pass  # the message already says this
        return Sent(remote_ids=list(remote_ids), permalink=self.permalink(first))

    def delete(self, remote_ids: list, done=()) -> Sent:
        """Delete every message (an album has several). `done`: ids deleted by an earlier try,
        skipped; an error carries the ids deleted so far (`progress`), so a retry resumes from
        the message that failed. A message already gone counts as deleted."""
        deleted = [mid for mid in remote_ids if mid in set(done)]
        for message_id in remote_ids:
            if message_id in deleted:
                continue
            try:
                self.call("deleteMessage", {"chat_id": self.chat_id, "message_id": message_id})
            except MessageGone:
                pass
            except DeliveryError as exc:
                exc.progress = {"deleted": deleted}
                raise
            deleted.append(message_id)
        return Sent(remote_ids=list(remote_ids))

    def check_rights(self, me: dict) -> tuple[bool, str]:
        """Whether the bot may post in the chat, and what to tell the person (Persian).
        getChatMember answers for the bot itself: an administrator (with can_post_messages in a
        channel) or the creator may post. A platform without the method (Bale's is not
        documented) is not held against the channel."""
        try:
            member = self.call("getChatMember", {"chat_id": self.chat_id, "user_id": me.get("id")})
        except Permanent as exc:
            if exc.code == 404:
                return True, _("دسترسی ربات در این سرویس بررسی‌پذیر نیست؛ با «فرستادن پیام آزمایشی» بیازمایید.")
            raise
        status = (member or {}).get("status")
        if status == "creator" or (status == "administrator" and member.get("can_post_messages") is not False):
            return True, _("ربات مدیر کانال است و اجازهٔ فرستادن پیام دارد.")
        if status == "administrator":
            return False, _("ربات مدیر کانال است ولی اجازهٔ فرستادن پیام ندارد؛ در تنظیمات مدیران کانال «ارسال پیام» را برایش روشن کنید.")
        return False, _("ربات مدیر این کانال نیست (وضعیت: %(status)s)؛ ربات را مدیر کانال کنید و اجازهٔ «ارسال پیام» بدهید.") % {
            "status": _STATUS.get(status, status or "—")}
