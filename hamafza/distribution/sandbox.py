"""The sandbox's text tools: how Telegram reads a parse_mode=HTML text (visible text and
entities) and how the workspace draws a kept message. The platform itself (what each API call
gets back, what it refuses) is adapters/sandbox_platform.py.

About the sandbox: an in-process stand-in for Telegram, Bale, Eitaa(yar), Rubika and the
e-mail newsletter. A sandbox channel's adapter is the real platform's adapter with its transport
swapped for `sandbox_platform.handle` (adapters/sandbox.py), so the outbox, the worker's retries, edits and
deletes run exactly as for a real channel, and the message kept here is the one the real API
would have been sent: method, text, parse mode and the entities it yields, photos, buttons.

The platform's rules are enforced here and refused in the platform's own error shape (decoded
by the real adapter's decoder, so the delivery fails with the same message): text and caption
limits counted in UTF-16 units of the visible text, the number of photos in a post, a photo's
size, malformed HTML, editing a message of the other kind, an edit that changes nothing, and a
deletion after the delete window.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
                "s": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre", "a": "text_link",
                "blockquote": "blockquote"}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Entities(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, int, dict]] = []
        self.entities: list[dict] = []
        self.problem = ""

    def _offset(self) -> int:
        return utf16("".join(self.out))

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problem = self.problem or f'Bad Request: can\'t parse entities: unsupported start tag "{tag}"'
            return
        self.stack.append((tag, self._offset(), dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problem = self.problem or "Bad Request: can't parse entities: unmatched end tag"
            return
        name, start, attrs = self.stack.pop()
        length = self._offset() - start
        if length:
            entity = {"type": ALLOWED_TAGS[name], "offset": start, "length": length}
            if name == "a":
                entity["url"] = attrs.get("href", "")
            self.entities.append(entity)

    def handle_data(self, data):
        self.out.append(data)


def parse_html(text: str) -> tuple[str, list[dict], str]:
    """(visible text, entities, problem) of a parse_mode=HTML text, as Telegram reads it."""
    parser = _Entities()
    parser.feed(text)
    parser.close()
    problem = parser.problem
    if not problem and parser.stack:
        problem = "Bad Request: can't parse entities: can't find end tag"
    if not problem and ("<" in "".join(parser.out) and "&lt;" not in text):
        problem = "Bad Request: can't parse entities: unsupported start tag"
    return "".join(parser.out), sorted(parser.entities, key=lambda e: (e["offset"], -e["length"])), problem


_URL = re.compile(r"https?://[^\s<>\"']+")


def _links(escaped: str) -> str:
    """Addresses in an escaped text as links, as the messengers show them (left to right)."""
    return _URL.sub(lambda m: f'<a href="{m.group(0)}" dir="ltr" rel="nofollow noopener">{m.group(0)}</a>', escaped)


def visible_html(m) -> str:
    """The message's visible text as safe HTML, its entities applied (bold, italic, links…)."""
    text = m.plain or ""
    if not m.entities:
        return _links(html.escape(text))
    units = text.encode("utf-16-le")
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    tags = {"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "code": "code", "pre": "pre",
            "blockquote": "blockquote", "text_link": "a"}
    for e in m.entities:
        tag = tags.get(e.get("type"), "span")
        start, end = int(e["offset"]), int(e["offset"]) + int(e["length"])
        url = str(e.get("url", ""))
        url = url if url.startswith(("https://", "http://")) else "#"
        opening = f'<a href="{html.escape(url)}" rel="nofollow noopener">' if tag == "a" else f"<{tag}>"
        opens.setdefault(start, []).append(opening)
        closes.setdefault(end, []).insert(0, f"</{tag}>")
    out, pos = [], 0
    boundaries = sorted(set(opens) | set(closes) | {len(units) // 2})
    for b in boundaries:
        out.append(_links(html.escape(units[pos * 2:b * 2].decode("utf-16-le", errors="ignore"))))
        out.extend(closes.get(b, []))
        out.extend(opens.get(b, []))
        pos = b
    return "".join(out)


__all__ = ["ALLOWED_TAGS", "parse_html", "utf16", "visible_html"]
