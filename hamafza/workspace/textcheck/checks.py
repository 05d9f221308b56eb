"""The editor's Persian text check: the normalizer's proposed changes for the title, kicker, lead
and body of an item, each with a stable id, and applying the ones the author accepts.

The HTML body is checked text node by text node: tags, attributes and comments are never given
to the normalizer, and each text node is checked without its surrounding white space (the
normalizer trims), so the changes' offsets point into the body as stored and `apply_changes`
works on the whole body."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _
from markupsafe import Markup, escape

from hamafza.persian.normalizer import Change, apply_changes, normalize

FIELDS = ("kicker", "title", "lead", "body")
FIELD_LABELS = {"kicker": _("روتیتر"), "title": _("تیتر"), "lead": _("لید"), "body": _("متن")}
KIND_LABELS = {
    "zwnj": _("نیم‌فاصله"),
    "letters": _("حروف عربی"),
    "digits": _("ارقام"),
    "diacritics": _("اعراب"),
    "kashida": _("کشیده"),
    "punctuation": _("نشانه‌گذاری"),
    "spacing": _("فاصله‌گذاری"),
    "other": _("املا"),
}
# Longer texts are not checked (the editor's own limits are far below this).
MAX_CHECKED = 200_000

# A tag (quoted attribute values may hold «>»), a comment, a doctype/CDATA, or a raw-text element.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>.*?(?:</\1\s*>|\Z)"
    r"|<[!?/]?[A-Za-z](?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class Suggestion:
    field: str
    change: Change

    @property
    def id(self) -> str:
        return f"{self.field}:{self.change.start}:{self.change.end}"

    @property
    def field_label(self) -> str:
        return str(FIELD_LABELS[self.field])

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.change.kind, KIND_LABELS["other"]))

    @property
    def old(self) -> str:
        return self.change.old

    @property
    def new(self) -> str:
        return self.change.new

    @property
    def is_question(self) -> bool:
        """A low-confidence change: shown as «شاید …؟», never applied by «پذیرش همه»."""
        return self.change.is_question

    @property
    def reason(self) -> str:
        return self.change.reason

    @property
    def old_shown(self) -> Markup:
        return shown(self.change.old)

    @property
    def new_shown(self) -> Markup:
        return shown(self.change.new)


_INVISIBLE = re.compile("[\u200c\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00a0]")


def shown(text: str) -> Markup:
    """The text escaped, each invisible character (ZWNJ, RLM, …) kept and marked so the
    author sees where it is."""
    out, pos = [], 0
    for m in _INVISIBLE.finditer(text):
        out.append(escape(text[pos : m.start()]))
        title = _("نیم‌فاصله") if m.group(0) == "\u200c" else _("نویسهٔ نامرئی")
        out.append(Markup('<span class="tc-zw" title="%s">%s</span>') % (title, m.group(0)))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def text_segments(html: str):
    """(start, end) of each text run of `html` outside tags, comments and raw-text elements."""
    pos = 0
    for m in _MARKUP.finditer(html):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(html):
        yield pos, len(html)


def text_changes(text: str, offset: int = 0) -> list[Change]:
    """Changes of a plain text, its leading and trailing white space left alone; offsets
    shifted by `offset`. The rules work word by word, so a long text is checked in one go
    (a 1,500-word article in well under 300 ms: bench/textcheck_bench.py)."""
    stripped = text.strip()
    if not stripped:
        return []
    base = offset + len(text) - len(text.lstrip())
    return [replace(c, start=c.start + base, end=c.end + base) for c in normalize(stripped).changes]


def html_changes(html: str) -> list[Change]:
    changes: list[Change] = []
    for start, end in text_segments(html):
        changes += text_changes(html[start:end], start)
    return changes


def field_changes(field: str, value: str) -> list[Change]:
    value = value or ""
    if not value.strip() or len(value) > MAX_CHECKED:
        return []
    return html_changes(value) if field == "body" else text_changes(value)


def suggestions(values: dict[str, str]) -> list[Suggestion]:
    """Every proposed change of the given fields, field by field in FIELDS order."""
    out = []
    for field in FIELDS:
        if field in values:
            out += [Suggestion(field, c) for c in field_changes(field, values[field])]
    return out


def fixes(found: list[Suggestion]) -> list[Suggestion]:
    """What «پذیرش همه» applies: every suggestion but the questions."""
    return [s for s in found if not s.is_question]


def item_values(item) -> dict[str, str]:
    return {field: getattr(item, field) or "" for field in FIELDS}


def apply(values: dict[str, str], accepted: list[Suggestion]) -> dict[str, str]:
    """The fields with the accepted suggestions applied; fields without any are left out."""
    out = {}
    for field in FIELDS:
        chosen = [s.change for s in accepted if s.field == field]
        if chosen:
            out[field] = apply_changes(values[field], chosen)
    return out
