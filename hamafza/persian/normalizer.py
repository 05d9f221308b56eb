"""Persian text normalization for news: a list of proposed changes the author accepts.

`normalize(text)` never rewrites silently: it returns the text with the fixes applied and the
list of changes (offsets into the original, each with a kind, a confidence and a short Persian
reason), and `apply_changes(original, accepted)` applies any subset of them, so an editor can
offer each change on its own. A change of confidence «low» is a question («شاید …؟»): it is
listed but not part of `normalize(text).text`, and «پذیرش همه» leaves it out.

The rules (precision first) are in `spelling`; the words they trust in `lexicon`. Each change
is widened to whole space-delimited chunks («سلام ،» → «سلام،»), so the editor shows words, not
characters; edits whose chunks touch are one change.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import spelling

ZWNJ = "\u200c"
HIGH, LOW = spelling.HIGH, spelling.LOW


@dataclass(frozen=True)
class Change:
    """Replace original[start:end] (== old) by new. `kind` says what, `reason` why."""

    start: int
    end: int
    old: str
    new: str
    kind: str  # zwnj | letters | digits | diacritics | kashida | punctuation | spacing | other
    confidence: str = HIGH  # high: a fix; low: a question, never applied by «پذیرش همه»
    reason: str = ""

    @property
    def is_question(self) -> bool:
        return self.confidence == LOW


@dataclass(frozen=True)
class NormalizeResult:
    text: str
    changes: list[Change]

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def fixes(self) -> list[Change]:
        return [c for c in self.changes if not c.is_question]


def apply_changes(original: str, changes: list[Change]) -> str:
    """Apply a subset of the changes that `normalize(original)` proposed, in any order."""
    out, pos = [], 0
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if change.start < pos or original[change.start : change.end] != change.old:
            raise ValueError(f"change at {change.start} does not fit the text")
        out.append(original[pos : change.start])
        out.append(change.new)
        pos = change.end
    out.append(original[pos:])
    return "".join(out)


def normalize(text: str) -> NormalizeResult:
    """The text with the fixes applied and every proposed change (fixes and questions)."""
    if not text or not text.strip():
        return NormalizeResult(text or "", [])
    changes = changes_of(text, spelling.check(text))
    return NormalizeResult(apply_changes(text, [c for c in changes if not c.is_question]), changes)


def _chunk_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _chunk_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def changes_of(text: str, edits: list[spelling.Edit]) -> list[Change]:
    """Edits widened to whole chunks and merged where the chunks meet."""
    groups: list[list] = []  # [start, end, [edits]]
    for edit in edits:
        start = _chunk_start(text, edit.start)
        end = _chunk_end(text, edit.end)
        if groups and start < groups[-1][1] or groups and start == groups[-1][1] and not text[start - 1 : start].isspace():
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append(edit)
        else:
            groups.append([start, end, [edit]])
    out = []
    for start, end, group in groups:
        pieces, pos = [], start
        for e in group:
            pieces.append(text[pos : e.start])
            pieces.append(e.new)
            pos = e.end
        pieces.append(text[pos:end])
        new = "".join(pieces)
        old = text[start:end]
        if new == old:
            continue
        question = any(e.confidence == LOW for e in group)
        reasons = list(dict.fromkeys(e.reason for e in group if e.reason))
        kind = next((e.kind for e in group if e.kind == "zwnj"), group[0].kind)
        out.append(Change(start, end, old, new, kind, LOW if question else HIGH, "؛ ".join(reasons)))
    return out
