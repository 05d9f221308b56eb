"""A local HTTP server speaking the Telegram Bot API shape (also Bale's) and Eitaayar's.

    /bot<token>/<method>   Bot API           /<token>/<method>   Eitaayar (server.eitaa=True paths)

It keeps its own log of what it accepted (`server.posted`), the oracle of the tests: a message is
logged only when the server answered it with ok. Behaviour can be scripted per method:

    server.script("sendMessage", "429:3", "500", "ok", "hang", "late", "drop", "400:Bad Request: chat not found")

"hang" never answers and never posts; "late" posts after hang_seconds (past the client's read
timeout), as a platform that was slow but accepted. GET /_log returns the live messages and the
log as JSON (for a process outside the test, the crash test's «person»).

With `marker` (a regex whose group 1 names an item), a second live post of the same item in a
chat is counted in `duplicates`, and every edit or delete remembers what it touched (`touched`:
the message's first text, so a test checks a follow-up hit its own item's message).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict, deque

from tests.fakes.http import FakeHttpServer

_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span"}
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)(\s[^<>]*)?>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_problem(text: str) -> str | None:
    """What Telegram would say about `text` with parse_mode=HTML, or None if it parses."""
    stack = []
    pos = 0
    for m in _TAG.finditer(text):
        between = text[pos:m.start()]
        if "<" in between or ">" in between:
            return "Bad Request: can't parse entities: unsupported start tag"
        for amp in re.finditer("&", between):
            if not _ENTITY.match(between, amp.start()):
                return "Bad Request: can't parse entities: unsupported entity"
        closing, name = m.group(1), m.group(2).lower()
        if name not in _ALLOWED_TAGS:
            return f"Bad Request: can't parse entities: unsupported start tag \"{name}\""
        if closing:
            if not stack or stack.pop() != name:
                return "Bad Request: can't parse entities: unmatched end tag"
        else:
            stack.append(name)
        pos = m.end()
    rest = text[pos:]
    if "<" in rest or ">" in rest:
        return "Bad Request: can't parse entities: unsupported start tag"
    for amp in re.finditer("&", rest):
        if not _ENTITY.match(rest, amp.start()):
            return "Bad Request: can't parse entities: unsupported entity"
    if stack:
        return "Bad Request: can't parse entities: can't find end tag"
    return None


def visible_length(text: str) -> int:
    import html

    return len(html.unescape(_TAG.sub("", text)).encode("utf-16-le")) // 2


class FakeBotServer(FakeHttpServer):
    def __init__(self, *, tokens=("123:GOOD",), admin_chats=("@hz_test", "-1001234567890"), delay: float = 0.0,
                 hang_seconds: float = 5.0, member_chats=(), marker: str | None = None,
                 chat_limit: tuple[int, float] | None = None,
                 max_photo_bytes: int = 10 * 1024 * 1024, max_video_bytes: int = 50 * 1024 * 1024):
        super().__init__()
        # Upload limits: a photo 10 MB; sendVideo (Bot API) and Eitaayar's sendFile 50 MB.
        self.max_photo_bytes = max_photo_bytes
        self.max_video_bytes = max_video_bytes
        self.tokens = set(tokens)
        self.admin_chats = set(admin_chats)
        self.member_chats = set(member_chats)  # the bot is in these, but not an administrator
        self.delay = delay
        # (messages, seconds): the platform's per-chat limit (Telegram: 20 a minute in a group or
        # channel); a send beyond it is answered 429, as the real platform does.
        self.chat_limit = chat_limit
        self.chat_sends: dict[str, list[float]] = defaultdict(list)
        self.throttled: list[dict] = []
        self.hang_seconds = hang_seconds
        self.posted: list[dict] = []  # accepted sends (the oracle)
        self.requests: list[dict] = []  # every call, with its answer
        self.refused: list[dict] = []  # sends and edits refused for their content (limits, kind, markup)
        self.messages: dict[tuple[str, int], dict] = {}
        self.scripts: dict[str, deque] = defaultdict(deque)
        self.random_failures: dict[str, float] = {}
        self.marker = re.compile(marker) if marker else None
        self.duplicates: list[dict] = []
        self.history: dict[tuple[str, int], str] = {}  # every message's first text, deleted ones too
        self.touched: list[dict] = []  # edits and deletes: method, chat, message id
        self._next_id = 1000
        # Private chats (a person's chat with the bot, for staff notices): updates the bot reads with
        # getUpdates (kept until confirmed by a higher offset), chats that started it, chats that
        # blocked it.
        self.updates: list[dict] = []
        self.user_chats: set[str] = set()
        self.blocked_chats: set[str] = set()
        self.update_calls: list[dict] = []
        self._next_update = 500
        self._rng = None

    # --- control -------------------------------------------------------------------------------
    def script(self, method: str, *behaviours: str) -> None:
        self.scripts[method].extend(behaviours)

    def user_says(self, chat_id, text: str) -> int:
        """A person writes to the bot in their private chat (e.g. «/start CODE» from a deep link)."""
        with self._lock:
            self._next_update += 1
            chat = str(chat_id)
            self.user_chats.add(chat)
            self.updates.append({"update_id": self._next_update, "message": {
                "message_id": self._next_update, "date": int(time.time()), "text": text,
                "chat": {"id": int(chat), "type": "private"}, "from": {"id": int(chat), "is_bot": False}}})
            return self._next_update

    def sent_to(self, chat_id) -> list[str]:
        return [p.get("text", "") for p in self.posted if p["chat_id"] == str(chat_id)]

    def texts(self) -> list[str]:
        return [p.get("text") or p.get("caption") or "" for p in self.posted]

    # --- handling ------------------------------------------------------------------------------
    def _get(self, handler, path: str):
        if path == "/_log":  # the live messages and the log, for a process outside the test
            self._answer(handler, 200, self.log())
            return True
        return None

    def _error(self, handler, code: int, description: str, **params) -> None:
        body = {"ok": False, "error_code": code, "description": description}
        if params:
            body["parameters"] = params
        self._answer(handler, code, body)

    def _handle(self, handler, path: str, fields: dict, files: dict) -> None:
        m = re.fullmatch(r"/(?:bot)?([^/]+)/([A-Za-z]+)", path)
        if not m:
            return self._error(handler, 404, "Not Found")
        token, method = m.group(1), m.group(2)
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            behaviour = self.scripts[method].popleft() if self.scripts[method] else "ok"
            self.requests.append({"method": method, "fields": dict(fields), "behaviour": behaviour, "at": time.time()})
        if behaviour == "hang":
            time.sleep(self.hang_seconds)
            handler.close_connection = True
            return
        if behaviour == "late":
            time.sleep(self.hang_seconds)  # the client has given up; the platform still accepts
        if behaviour == "drop":
            handler.close_connection = True
            handler.connection.close()
            return
        if behaviour.startswith("429"):
            retry = int(behaviour.split(":")[1]) if ":" in behaviour else 3
            return self._error(handler, 429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        if behaviour.startswith("5"):
            return self._error(handler, int(behaviour[:3]), "Internal Server Error")
        if behaviour.startswith("400"):
            return self._error(handler, 400, behaviour.split(":", 1)[1] if ":" in behaviour else "Bad Request")
        if token not in self.tokens:
            return self._error(handler, 401, "Unauthorized")
        if method == "getMe":
            return self._answer(handler, 200, {"ok": True, "result": {"id": 123, "is_bot": True, "username": "hz_bot",
                                                                     "first_name": "Hamafza"}})
        if method == "getUpdates":
            return self._updates(handler, fields)
        chat = fields.get("chat_id", "")
        if chat in self.blocked_chats and method.startswith("send"):
            return self._error(handler, 403, "Forbidden: bot was blocked by the user")
        if method == "getChatMember" and (chat in self.admin_chats or chat in self.member_chats):
            admin = chat in self.admin_chats
            return self._answer(handler, 200, {"ok": True, "result": {
                "status": "administrator" if admin else "member", "user": {"id": 123, "is_bot": True},
                **({"can_post_messages": True} if admin else {})}})
        if chat in self.member_chats and method.startswith(("send", "edit", "delete")):
            return self._error(handler, 403, "Forbidden: bot is not an administrator of the channel chat")
        if chat not in self.admin_chats and chat not in self.user_chats:
            if chat.startswith("@") or chat.startswith("-100"):
                return self._error(handler, 403, "Forbidden: bot is not a member of the channel chat")
            return self._error(handler, 400, "Bad Request: chat not found")
        if self.chat_limit and method.startswith("send"):
            count, window = self.chat_limit
            with self._lock:
                now = time.time()
                recent = [t for t in self.chat_sends[chat] if t > now - window]
                if len(recent) >= count:
                    self.throttled.append({"chat": chat, "at": now})
                    retry = max(1, int(recent[0] + window - now) + 1)
                    return self._error(handler, 429, f"Too Many Requests: retry after {retry}", retry_after=retry)
                self.chat_sends[chat] = [*recent, now]
        big = self.max_video_bytes if method in ("sendVideo", "sendFile") else self.max_photo_bytes
        for name, content in files.items():
            if len(content) > big:
                return self._error(handler, 413, "Request Entity Too Large")
        if method == "sendVideo":
            video = files.get("video", b"")
            if not video:
                return self._refuse(handler, method, "Bad Request: there is no video in the request")
            if video[4:8] != b"ftyp":  # Telegram plays MPEG-4 as a video
                return self._refuse(handler, method, "Bad Request: wrong file type of the video")
        text_field = "text" if "text" in fields else "caption"
        text = fields.get(text_field, "")
        html_mode = fields.get("parse_mode") == "HTML"
        if method == "sendMediaGroup":
            first = (json.loads(fields.get("media", "[]")) or [{}])[0]
            text, text_field, html_mode = first.get("caption", ""), "caption", first.get("parse_mode") == "HTML"
        if html_mode:
            problem = html_problem(text)
            if problem:
                return self._refuse(handler, method, problem)
        # The platform's limits, counted after entity parsing (UTF-16 units of the visible text).
        length = visible_length(text) if html_mode else len(text.encode("utf-16-le")) // 2
        if not self.eitaa_paths(path):
            if text_field == "text" and length > 4096:
                return self._refuse(handler, method, "Bad Request: message is too long")
            if text_field == "caption" and length > 1024:
                return self._refuse(handler, method, "Bad Request: message caption is too long")
        with self._lock:
            if method in ("sendMessage", "sendPhoto", "sendFile", "sendVideo"):
                mid = self._new_id()
                self._note_post(chat, mid, text, html_mode)
                self.messages[(chat, mid)] = {"text": text, "photo": bool(files), "html": html_mode}
                self.posted.append({"method": method, "chat_id": chat, text_field: text, "message_id": mid,
                                    "reply_to": fields.get("reply_to_message_id"), "files": sorted(files),
                                    "sizes": {k: len(v) for k, v in files.items()},
                                    "video": {k: fields[k] for k in ("duration", "width", "height", "supports_streaming")
                                              if k in fields},
                                    "at": time.time()})
                result = {"message_id": mid, "chat": {"id": chat}}
            elif method == "sendMediaGroup":
                media = json.loads(fields.get("media", "[]"))
                if not 2 <= len(media) <= 10:
                    return self._error(handler, 400, "Bad Request: wrong number of media")
                ids = [self._new_id() for _ in media]
                caption = media[0].get("caption", "")
                self._note_post(chat, ids[0], caption, html_mode)
                for mid in ids:
                    self.history.setdefault((chat, mid), caption)
                    self.messages[(chat, mid)] = {"text": caption if mid == ids[0] else "", "photo": True, "html": html_mode}
                self.posted.append({"method": method, "chat_id": chat, "caption": caption, "message_id": ids[0],
                                    "ids": ids, "files": sorted(files), "at": time.time()})
                result = [{"message_id": mid} for mid in ids]
            elif method in ("editMessageText", "editMessageCaption"):
                key = (chat, int(fields.get("message_id", 0)))
                if key not in self.messages:
                    return self._refuse(handler, method, "Bad Request: message to edit not found")
                if method == "editMessageText" and self.messages[key]["photo"]:
                    return self._refuse(handler, method, "Bad Request: there is no text in the message to edit")
                if method == "editMessageCaption" and not self.messages[key]["photo"]:
                    return self._refuse(handler, method, "Bad Request: there is no caption in the message to edit")
                if self.messages[key]["text"] == text:
                    return self._error(handler, 400, "Bad Request: message is not modified: specified new message "
                                                     "content and reply markup are exactly the same")
                self.messages[key]["text"] = text
                self.messages[key]["html"] = html_mode
                self.touched.append({"method": method, "chat": chat, "message_id": key[1]})
                self.posted.append({"method": method, "chat_id": chat, text_field: text, "message_id": key[1],
                                    "at": time.time()})
                result = {"message_id": key[1]}
            elif method == "deleteMessage":
                key = (chat, int(fields.get("message_id", 0)))
                if key not in self.messages:
                    return self._error(handler, 400, "Bad Request: message to delete not found")
                if self.messages[key].get("old"):
                    return self._error(handler, 400, "Bad Request: message can't be deleted")
                del self.messages[key]
                self.touched.append({"method": method, "chat": chat, "message_id": key[1]})
                self.posted.append({"method": method, "chat_id": chat, "message_id": key[1], "at": time.time()})
                result = True
            else:
                return self._error(handler, 404, "Not Found: method not found")
        return self._answer(handler, 200, {"ok": True, "result": result})

    def _updates(self, handler, fields: dict) -> None:
        """getUpdates: updates from `offset` on (those below it are confirmed and forgotten), at
        most `limit` (1-100), oldest first."""
        try:
            offset = int(fields.get("offset") or 0)
            limit = int(fields.get("limit") or 100)
        except ValueError:
            return self._error(handler, 400, "Bad Request: wrong parameter")
        if not 1 <= limit <= 100:
            return self._error(handler, 400, "Bad Request: limit must be between 1 and 100")
        with self._lock:
            self.update_calls.append({"offset": offset, "limit": limit})
            if offset:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            result = self.updates[:limit]
        return self._answer(handler, 200, {"ok": True, "result": result})

    def _refuse(self, handler, method: str, description: str) -> None:
        """A 400 for content the platform does not accept, kept in `refused` (tests assert that
        the product never asks for what the platform refuses)."""
        with self._lock:
            self.refused.append({"method": method, "description": description})
        return self._error(handler, 400, description)

    @staticmethod
    def eitaa_paths(path: str) -> bool:
        return not path.startswith("/bot")

    def log(self) -> dict:
        with self._lock:
            return {
                "live": [[chat, mid, m["text"]] for (chat, mid), m in self.messages.items()],
                "posted": [{k: v for k, v in p.items() if k != "files"} for p in self.posted],
            }

    def _item(self, text: str) -> str | None:
        m = self.marker.search(text or "") if self.marker else None
        return m.group(1) if m else None

    def _note_post(self, chat: str, mid: int, text: str, html_mode: bool) -> None:
        """Called under the lock before a new post is stored: a duplicate is a second live post
        of the same item in the chat (notices, in plain text, are not posts of the item)."""
        item = self._item(text) if html_mode else None
        if item is not None:
            for (c, other), m in self.messages.items():
                if c == chat and m.get("html") and self._item(m["text"]) == item:
                    self.duplicates.append({"chat": chat, "item": item, "message_id": mid, "earlier": other})
        self.history[(chat, mid)] = text

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id


class FakeRubikaServer(FakeBotServer):
    """The same local server, also speaking Rubika's Bot API (it still answers the Bot API and
    Eitaayar paths, so one server can stand for every platform of a test):

        POST /v3/<token>/<method>   JSON body; answers {"status": "OK", "data": {...}} or
                                    {"status": "<ERROR>", "status_det": "..."}
        POST /rubika-upload/<n>     multipart `file`, from requestSendFile's upload_url → file_id

    It enforces what Rubika is believed to enforce (adapters/rubika.py): the token
    (INVALID_ACCESS), the chat the bot administers (INVALID_ACCESS; unknown chat INVALID_INPUT),
    text ≤ 4096 and a file's text ≤ 1024 UTF-16 units (INVALID_INPUT, kept in `refused`), a file
    id it issued, a file ≤ 10 MB, edits and deletes of a message that exists. Scripts work as for
    the Bot API ("429", "500", "hang", "late", "drop", "400:<STATUS>")."""

    TEXT_LIMIT, FILE_TEXT_LIMIT = 4096, 1024
    NOTICE_STARTS = ("اصلاحیه", "این خبر از انتشار")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._lock = threading.RLock()  # a refusal is recorded while the message store is held
        self.uploads: dict[str, int] = {}  # file id → size
        self._upload_slots = 0

    def _rubika_answer(self, handler, data) -> None:
        self._answer(handler, 200, {"status": "OK", "data": data})

    def _rubika_error(self, handler, status: str, http: int = 200, detail: str = "", refused: str = "") -> None:
        if refused:
            with self._lock:
                self.refused.append({"method": refused, "description": f"{status}: {detail}"})
        self._answer(handler, http, {"status": status, "status_det": detail or status})

    def _handle(self, handler, path: str, fields: dict, files: dict) -> None:
        upload = re.fullmatch(r"/rubika-upload/(\d+)", path)
        if upload:
            content = files.get("file")
            if content is None:
                return self._rubika_error(handler, "INVALID_INPUT", detail="no file")
            if len(content) > 10 * 1024 * 1024:
                return self._rubika_error(handler, "INVALID_INPUT", http=413, detail="file too large", refused="upload")
            file_id = f"f{upload.group(1)}"
            with self._lock:
                self.uploads[file_id] = len(content)
            return self._rubika_answer(handler, {"file_id": file_id})
        m = re.fullmatch(r"/v3/([^/]+)/([A-Za-z]+)", path)
        if not m:
            return super()._handle(handler, path, fields, files)
        token, method = m.group(1), m.group(2)
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            behaviour = self.scripts[method].popleft() if self.scripts[method] else "ok"
            self.requests.append({"method": method, "fields": dict(fields), "behaviour": behaviour, "at": time.time(),
                                  "platform": "rubika"})
        if behaviour == "hang":
            time.sleep(self.hang_seconds)
            handler.close_connection = True
            return
        if behaviour == "late":
            time.sleep(self.hang_seconds)
        if behaviour == "drop":
            handler.close_connection = True
            handler.connection.close()
            return
        if behaviour.startswith("429"):
            return self._rubika_error(handler, "TOO_REQUESTS", http=429)
        if behaviour.startswith("5"):
            return self._answer(handler, int(behaviour[:3]), {"status": "SERVER_ERROR"})
        if behaviour.startswith("400"):
            return self._rubika_error(handler, behaviour.split(":", 1)[1] if ":" in behaviour else "INVALID_INPUT")
        if token not in self.tokens:
            return self._rubika_error(handler, "INVALID_ACCESS", detail="token")
        if method == "getMe":
            return self._rubika_answer(handler, {"bot": {"bot_id": "b0hz", "bot_title": "Hamafza", "username": "hz_bot"}})
        if method == "requestSendFile":
            with self._lock:
                self._upload_slots += 1
                slot = self._upload_slots
            return self._rubika_answer(handler, {"upload_url": f"{self.url}/rubika-upload/{slot}"})
        chat = fields.get("chat_id", "")
        if chat in self.member_chats:
            return self._rubika_error(handler, "INVALID_ACCESS", detail="bot is not an admin")
        if chat not in self.admin_chats:
            return self._rubika_error(handler, "INVALID_INPUT", detail="chat not found")
        text = fields.get("text", "")
        with self._lock:
            if method in ("sendMessage", "sendFile"):
                is_file = method == "sendFile"
                if is_file and fields.get("file_id") not in self.uploads:
                    return self._rubika_error(handler, "INVALID_INPUT", detail="file_id", refused=method)
                limit = self.FILE_TEXT_LIMIT if is_file else self.TEXT_LIMIT
                if len(text.encode("utf-16-le")) // 2 > limit or (not is_file and not text.strip()):
                    return self._rubika_error(handler, "INVALID_INPUT", detail="text", refused=method)
                mid = self._new_id()
                post = not text.startswith(self.NOTICE_STARTS)
                self._note_post(chat, mid, text, post)
                self.messages[(chat, mid)] = {"text": text, "photo": is_file, "html": post}
                self.posted.append({"method": method, "chat_id": chat, "text": text, "message_id": mid,
                                    "reply_to": fields.get("reply_to_message_id"), "files": [fields.get("file_id")] if is_file else [],
                                    "at": time.time()})
                return self._rubika_answer(handler, {"message_id": str(mid)})
            if method in ("editMessageText", "deleteMessage"):
                try:
                    key = (chat, int(fields.get("message_id", 0)))
                except ValueError:
                    key = (chat, 0)
                if key not in self.messages:
                    return self._rubika_error(handler, "INVALID_INPUT", detail="message_id",
                                              refused=method if method == "editMessageText" else "")
                if method == "editMessageText":
                    limit = self.FILE_TEXT_LIMIT if self.messages[key]["photo"] else self.TEXT_LIMIT
                    if len(text.encode("utf-16-le")) // 2 > limit:
                        return self._rubika_error(handler, "INVALID_INPUT", detail="text", refused=method)
                    self.messages[key]["text"] = text
                else:
                    del self.messages[key]
                self.touched.append({"method": method, "chat": chat, "message_id": key[1]})
                self.posted.append({"method": method, "chat_id": chat, "text": text, "message_id": key[1], "at": time.time()})
                return self._rubika_answer(handler, {})
        return self._rubika_error(handler, "INVALID_INPUT", http=404, detail="method")
