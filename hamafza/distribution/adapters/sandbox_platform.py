"""The sandbox platform: answers the API calls of a sandbox channel's adapter as the imitated
platform would, keeps the message (SandboxMessage) and refuses, in the platform's own error
shape, what the platform refuses (see distribution/sandbox.py for the text tools)."""

from __future__ import annotations

import datetime as dt
import json

import httpx
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .. import conf, platforms
from ..models import SandboxMessage
from ..sandbox import parse_html, utf16

MAX_PHOTO_BYTES = 10 * 1024 * 1024


# --- errors in each platform's own shape ---------------------------------------------------------

def fail(platform: str, status: int, description: str, **params):
    """Raise what the real adapter raises for this answer of the real platform."""
    if platform == "rubika":
        from .rubika import decode as rubika_decode

        rubika_decode(httpx.Response(200, json={"status": description}))
    from .http import decode

    body = {"ok": False, "error_code": status, "description": description}
    if params:
        body["parameters"] = params
    decode(httpx.Response(status, json=body))
    raise AssertionError("decode always raises on an error body")  # pragma: no cover


# --- the platform ---------------------------------------------------------------------------------

def _next_id(channel) -> int:
    last = SandboxMessage.objects.filter(channel=channel).aggregate(m=Max("message_id"))["m"] or 1000
    return last + 1


def _store(channel, **fields) -> SandboxMessage:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return SandboxMessage.objects.create(channel=channel, message_id=_next_id(channel),
                                                     created_at=timezone.now(), **fields)
        except IntegrityError:
            continue  # two senders took the same next id: take the following one
    raise IntegrityError("sandbox message id")


def _content(platform: platforms.Platform, code: str, text: str, parse_mode: str, *, caption: bool) -> dict:
    limit = platform.caption_limit if caption else platform.text_limit
    if parse_mode == "HTML" and platform.html:
        plain, entities, problem = parse_html(text)
        if problem:
            fail(code, 400, problem)
    else:
        plain, entities = text, []
    if utf16(plain) > limit:
        if code == "rubika":
            fail(code, 400, "INVALID_INPUT")
        fail(code, 400, "Bad Request: message caption is too long" if caption else "Bad Request: message is too long")
    if not caption and not plain.strip():
        fail(code, 400, "INVALID_INPUT" if code == "rubika" else "Bad Request: message text is empty")
    return {"text": text, "plain": plain, "entities": entities, "format": "HTML" if entities or parse_mode == "HTML" else ""}


def _photos(code: str, files: dict | None, photos) -> list[str]:
    names = []
    for _field, (basename, content) in (files or {}).items():
        if len(content) > MAX_PHOTO_BYTES:
            fail(code, 413, "Request Entity Too Large")
        full = next((p for p in photos if p.rsplit("/", 1)[-1] == basename), basename)
        names.append(full)
    return names


def _buttons(data: dict) -> list:
    raw = data.get("reply_markup") or data.get("inline_keypad")
    if not raw:
        return []
    try:
        markup = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    rows = markup.get("inline_keyboard") or markup.get("rows") or []
    out = []
    for row in rows:
        buttons = row.get("buttons", []) if isinstance(row, dict) else row
        out.append([{"text": str(b.get("text", "")), "url": str(b.get("url", ""))} for b in buttons if isinstance(b, dict)])
    return out


def _message(channel, code: str, data: dict) -> SandboxMessage:
    try:
        mid = int(data.get("message_id") or 0)
    except (TypeError, ValueError):
        mid = 0
    m = SandboxMessage.objects.filter(channel=channel, message_id=mid, deleted_at__isnull=True).first()
    if m is None:
        if code == "rubika":
            fail(code, 400, "INVALID_INPUT")
        fail(code, 400, "Bad Request: message to edit not found")
    return m


def handle(channel, method: str, data: dict | None = None, files: dict | None = None, *, photos=()) -> object:
    """Answer one API call of the imitated platform, as its adapter's `call` would be answered."""
    code = channel.platform
    platform = platforms.of(channel)
    data = {k: v for k, v in (data or {}).items() if v is not None}
    if method == "getMe":
        if code == "rubika":
            return {"bot": {"bot_id": f"sandbox{channel.pk}", "bot_title": "hamafza", "username": f"sandbox_{code}_bot"}}
        return {"id": channel.pk, "is_bot": True, "username": f"sandbox_{code}_bot", "first_name": "Hamafza"}
    if method == "getChatMember":
        return {"status": "administrator", "can_post_messages": True, "user": {"id": channel.pk, "is_bot": True}}
    if method == "requestSendFile":  # Rubika: where to upload; the sandbox keeps the name as the file id
        return {"upload_url": f"sandbox://{channel.pk}"}
    reply_to = data.get("reply_to_message_id")
    common = {"reply_to": int(reply_to) if str(reply_to or "").isdigit() else None, "buttons": _buttons(data)}

    if method == "sendMessage":
        content = _content(platform, code, str(data.get("text", "")), data.get("parse_mode", ""), caption=False)
        m = _store(channel, method=method, **content, **common)
        return _sent(code, m)
    if method in ("sendPhoto", "sendFile"):
        names = _photos(code, files, photos) or ([data["file_id"]] if data.get("file_id") else [])
        caption = str(data.get("caption", data.get("text", "")))
        content = _content(platform, code, caption, data.get("parse_mode", ""), caption=True)
        m = _store(channel, method=method, photos=names, **content, **common)
        return _sent(code, m)
    if method == "sendMediaGroup":
        media = json.loads(data.get("media") or "[]")
        if not 2 <= len(media) <= max(2, platform.max_media):
            fail(code, 400, "Bad Request: wrong number of media")
        names = _photos(code, files, photos)
        first = media[0]
        content = _content(platform, code, first.get("caption", ""), first.get("parse_mode", ""), caption=True)
        head = _store(channel, method=method, photos=names, **content, **common)
        ids = [head.message_id]
        SandboxMessage.objects.filter(pk=head.pk).update(album=head.message_id)
        for _n in names[1:]:
            ids.append(_store(channel, method=method, album=head.message_id, **common).message_id)
        return [{"message_id": mid} for mid in ids]
    if method in ("editMessageText", "editMessageCaption"):
        m = _message(channel, code, data)
        caption = method == "editMessageCaption"
        if code != "rubika" and bool(m.photos) != caption:
            fail(code, 400, "Bad Request: there is no caption in the message to edit" if caption
                 else "Bad Request: there is no text in the message to edit")
        text = str(data.get("caption" if caption else "text", ""))
        content = _content(platform, code, text, data.get("parse_mode", ""), caption=bool(m.photos))
        if content["text"] == m.text and code != "rubika":
            fail(code, 400, "Bad Request: message is not modified: specified new message content and reply markup "
                            "are exactly the same")
        now = timezone.now()
        edits = list(m.edits or []) + [{"text": m.plain, "at": now.isoformat()}]
        SandboxMessage.objects.filter(pk=m.pk).update(edits=edits, edited_at=now, **content)
        return {"message_id": m.message_id} if code != "rubika" else {}
    if method == "deleteMessage":
        try:
            m = _message(channel, code, data)
        except Exception:
            if code == "rubika":
                raise
            fail(code, 400, "Bad Request: message to delete not found")
        window = dt.timedelta(hours=float(conf.get("DELETE_WINDOW_HOURS")))
        if timezone.now() - m.created_at >= window:
            fail(code, 400, "INVALID_ACCESS" if code == "rubika" else "Bad Request: message can't be deleted")
        SandboxMessage.objects.filter(pk=m.pk).update(deleted_at=timezone.now())
        return True if code != "rubika" else {}
    fail(code, 404, "INVALID_INPUT" if code == "rubika" else "Not Found: method not found")


def upload(channel, file: tuple[str, bytes], *, photos=()) -> str:
    """Rubika's upload step: the file id is the storage name of the image."""
    return _photos(channel.platform, {"file": file}, photos)[0]


def _sent(code: str, m: SandboxMessage) -> dict:
    if code == "rubika":
        return {"message_id": str(m.message_id)}
    return {"message_id": m.message_id, "chat": {"id": "sandbox"}}


def record_email(channel, *, subject: str, text: str) -> SandboxMessage:
    return _store(channel, method="email", subject=subject[:300], text=text, plain=text)
