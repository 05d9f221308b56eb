"""Persian text normalization for news: a list of proposed changes the author accepts.

Built on shekar (see shared/notes/persian-text.md) with a thin wrapper that adds what it lacks:

- URLs, e-mail addresses, HTML tags, hashtags/mentions, Latin text and numbers with separators
  (3.5, 1,200, 10:30, 1404/09/05) are protected from the library; only their digits become
  Persian when they are bare numbers (never inside URLs or Latin words);
- shekar's solid-join compound entries («وزیر بهداشت» → «وزیربهداشت») and a few joins that
  change names or set phrases («اداره کل», «روابط عمومی», «یکی از») are dropped;
- «بایست» verb forms («میبایست» → «می‌بایست») and the product's own compounds, written joined
  or with a space («اطلاعرسانی», «هم افزایی» → «اطلاع‌رسانی», «هم‌افزایی») are added;
- «ه» + «ای/ایی» written joined («جادهای» → «جاده‌ای») is fixed when the stem is a known word.

`normalize(text)` never rewrites silently: it returns the fixed text and the list of changes
(offsets into the original), and `apply_changes(original, accepted)` applies any subset of them,
so an editor can offer each change on its own. shekar (with numpy and onnxruntime) is imported
on first use, never at Django start-up.
"""

from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial

from .digits import FA_DIGITS, to_persian_digits

ZWNJ = "\u200c"

# Compounds the product writes with a ZWNJ. Their joined form (ZWNJ deleted) and their spaced
# form (ZWNJ → space) are both corrected to the ZWNJ form. «حمل و نقل» with two spaces is a
# correct spelling used in official names, so it is left alone; «حملونقل» and «حمل ونقل» are not.
KNOWN_COMPOUNDS = (
    "اطلاع‌رسانی", "اطلاع‌رسانی‌ها", "اطلاع‌رسانی‌های", "هم‌افزایی", "حمل‌ونقل", "بی‌شک",
    "بی‌تردید", "خدمت‌رسانی", "برنامه‌ریزی", "سخت‌افزار", "نرم‌افزار", "بهره‌برداری",
    "بهره‌گیری", "به‌روزرسانی", "هم‌اندیشی", "بین‌المللی", "بین‌الملل", "جابه‌جایی",
    "رفت‌وآمد", "ساخت‌وساز", "بزرگ‌راه", "تصمیم‌گیری", "گزارش‌دهی", "بی‌سابقه",
    "کم‌برخوردار", "نیمه‌تمام", "پیش‌بینی", "پیش‌نویس",
)
# Joins of shekar's compound list that are wrong for news text: names and set phrases.
DROPPED_COMPOUNDS = frozenset({"اداره‌کل", "روابط‌عمومی", "یکی‌از"})
# «بایست» forms missing from shekar's verb list.
EXTRA_VERBS = (
    "می‌بایست", "نمی‌بایست", "می‌بایستی", "نمی‌بایستی", "می‌بایستند", "می‌بایستیم", "می‌بایستید",
)


@dataclass(frozen=True)
class Change:
    """Replace original[start:end] (== old) by new. `kind` says why, for the editor's label."""

    start: int
    end: int
    old: str
    new: str
    kind: str  # zwnj | letters | digits | diacritics | punctuation | spacing | other


@dataclass(frozen=True)
class NormalizeResult:
    text: str
    changes: list[Change]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


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
    """The normalized text and the changes that turn `text` into it."""
    if not text or not text.strip():
        return NormalizeResult(text or "", [])
    fixed = normalize_text(text)
    return NormalizeResult(fixed, diff_changes(text, fixed))


# --- the text --------------------------------------------------------------------------------

_DIGIT = "0-9۰-۹٠-٩"
_PROTECT = re.compile(
    r"(?P<tag><[^<>\n]{1,500}>|&[a-zA-Z]{2,8};|&\#\d{2,6};)"
    r"|(?P<url>(?:https?://|ftp://|www\.)[^\s<>\"«»]+)"
    r"|(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    r"|(?P<handle>(?<![\w])[#@][\w\u200c]+)"
    rf"|(?P<number>[{_DIGIT}]+(?:[.,:/\-٫٬][{_DIGIT}]+)+)"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9_'’\-.]*(?:[ \t,;:!?&]+[A-Za-z0-9][A-Za-z0-9_'’\-.]*)*)"
)
_TRAILING_PUNCT = ".,;:!?،؛)]»'\""
_PLACEHOLDER_BASE = 0xF0000  # supplementary private use area: no library rule touches it
_PLACEHOLDER_RE = re.compile("[\U000f0000-\U000ffffd]")
_MULTI_ZWNJ = re.compile(ZWNJ + "{2,}")
_HE_AY = re.compile(rf"(?<![\w{ZWNJ}])(?P<stem>[\u0600-\u06ff]{{2,}}ه)(?P<suffix>ای|ایی)(?![\w{ZWNJ}])")


def _protect(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []

    def repl(m: re.Match) -> str:
        value = m.group(0)
        tail = ""
        if m.lastgroup in ("url", "latin"):
            stripped = value.rstrip(_TRAILING_PUNCT)
            tail, value = value[len(stripped) :], stripped
        if m.lastgroup == "number":
            value = to_persian_digits(value.translate(_ARABIC_TO_FA))
        kept.append(value)
        return chr(_PLACEHOLDER_BASE + len(kept) - 1) + tail

    if _PLACEHOLDER_RE.search(text):  # text that already holds our private characters: protect nothing
        return text, []
    return _PROTECT.sub(repl, text), kept


_ARABIC_TO_FA = str.maketrans("٠١٢٣٤٥٦٧٨٩", FA_DIGITS)


def _restore(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    return _PLACEHOLDER_RE.sub(lambda m: kept[ord(m.group(0)) - _PLACEHOLDER_BASE], text)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _pipeline():
    """shekar's normalizer with our changes, built once per process (about 0.4 s)."""
    with _lock:
        from flashtext import KeywordProcessor
        from shekar import data
        from shekar.pipeline import Pipeline
        from shekar.preprocessing import (
            AlphabetNormalizer,
            ArabicUnicodeNormalizer,
            DigitNormalizer,
            PunctuationNormalizer,
            RemoveDiacritics,
            RepeatedLetterNormalizer,
            SpacingNormalizer,
        )

        spacing = SpacingNormalizer()
        steps = dict(spacing.steps)
        words = steps["WordSpacingNormalizer"]
        verbs = steps["VerbalSpacingNormalizer"]

        kp = KeywordProcessor(case_sensitive=True)
        for ch in data.persian_letters + data.persian_digits + data.arabic_digits:
            kp.add_non_word_boundary(ch)
        vocab = data.vocab
        for word in data.compound_words:
            if "#" in word or word in DROPPED_COMPOUNDS or ZWNJ not in word:
                continue
            kp.add_keyword(word.replace(ZWNJ, " "), word)
        for word in KNOWN_COMPOUNDS:
            if word in DROPPED_COMPOUNDS:
                continue
            kp.add_keyword(word.replace(ZWNJ, " "), word)
            kp.add_keyword(word.replace(ZWNJ, ""), word)
        words.compound_kp = kp
        verbs.conjugated_verbs = set(verbs.conjugated_verbs) | set(EXTRA_VERBS)
        verbs._verbal_prefix_corrector = partial(verbs._prefix_spacing, vocab=verbs.conjugated_verbs)

        # Repeated letters: shekar turns «ااا» into «اا»; keep that, but a word like «ســــلام»
        # only loses its kashida.
        return Pipeline(
            steps=[
                ("AlphabetNormalizer", AlphabetNormalizer()),
                ("ArabicUnicodeNormalizer", ArabicUnicodeNormalizer()),
                ("DigitNormalizer", DigitNormalizer()),
                ("PunctuationNormalizer", PunctuationNormalizer()),
                ("DiacriticRemover", RemoveDiacritics()),
                ("RepeatedLetterNormalizer", RepeatedLetterNormalizer()),
                ("SpacingNormalizer", spacing),
            ]
        ), vocab


def _fix_he_ay(text: str, vocab) -> str:
    def repl(m: re.Match) -> str:
        word = m.group(0)
        stem = m.group("stem")
        if word in vocab or stem not in vocab:
            return word
        return f"{stem}{ZWNJ}{m.group('suffix')}"

    return _HE_AY.sub(repl, text)


def normalize_text(text: str) -> str:
    """Only the fixed text (the editor uses `normalize`, which also lists the changes)."""
    pipeline, vocab = _pipeline()
    text = unicodedata.normalize("NFC", text)
    protected, kept = _protect(text)
    # Keep the paragraph structure: shekar trims each text, so normalize line by line.
    lines = protected.split("\n")
    out = []
    for line in lines:
        if not line.strip():
            out.append("")
            continue
        fixed = pipeline(line)
        fixed = _fix_he_ay(fixed, vocab)
        out.append(_MULTI_ZWNJ.sub(ZWNJ, fixed))
    return _restore("\n".join(out), kept)


# --- the changes -----------------------------------------------------------------------------

_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")
_ARABIC_LETTERS = set("يكةىأإ")
_TO_ASCII_ALL = str.maketrans(FA_DIGITS + "٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def _kind(old: str, new: str) -> str:
    if ZWNJ in old + new and old.replace(ZWNJ, "").replace(" ", "") == new.replace(ZWNJ, "").replace(" ", ""):
        return "zwnj"
    if "".join(old.split()) == "".join(new.split()):
        return "spacing"
    if old.translate(_TO_ASCII_ALL) == new.translate(_TO_ASCII_ALL):
        return "digits"
    if _DIACRITICS.search(old) and _DIACRITICS.sub("", old) == new:
        return "diacritics"
    if "\u0640" in old and old.replace("\u0640", "") == new:
        return "kashida"
    if any(ch in _ARABIC_LETTERS for ch in old):
        return "letters"
    if any(unicodedata.category(ch).startswith("P") for ch in old + new):
        return "punctuation"
    return "other"


def diff_changes(original: str, fixed: str) -> list[Change]:
    """The differences between two texts as changes of whole space-delimited chunks, with
    offsets into `original`. Compared paragraph by paragraph when both have the same number of
    lines (normalize_text keeps them), which keeps the character diff fast on long articles."""
    a_lines, b_lines = original.split("\n"), fixed.split("\n")
    if len(a_lines) != len(b_lines):
        return _diff_block(original, fixed, 0)
    changes, offset = [], 0
    for a, b in zip(a_lines, b_lines):
        if a != b:
            changes += _diff_block(a, b, offset)
        offset += len(a) + 1
    return changes


def _diff_block(a: str, b: str, offset: int) -> list[Change]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    regions = [op[1:] for op in matcher.get_opcodes() if op[0] != "equal"]
    merged: list[list[int]] = []
    k = 0
    while k < len(regions):
        i1, i2, j1, j2 = regions[k]
        # Grow to the whole chunk on the left (through equal text: i and j move together) ...
        while i1 > 0 and not a[i1 - 1].isspace():
            if merged and merged[-1][1] == i1:
                i1, j1 = merged[-1][0], merged[-1][2]
                merged.pop()
            else:
                i1, j1 = i1 - 1, j1 - 1
        # ... and on the right, swallowing the next region when it is reached.
        while i2 < len(a) and not a[i2].isspace():
            if k + 1 < len(regions) and regions[k + 1][0] == i2:
                k += 1
                i2, j2 = regions[k][1], regions[k][3]
            else:
                i2, j2 = i2 + 1, j2 + 1
        if merged and merged[-1][1] >= i1:
            i1, j1 = merged[-1][0], merged[-1][2]
            merged.pop()
        merged.append([i1, i2, j1, j2])
        k += 1
    return [
        Change(offset + i1, offset + i2, a[i1:i2], b[j1:j2], _kind(a[i1:i2], b[j1:j2]))
        for i1, i2, j1, j2 in merged
    ]
