"""Search text: the one processing applied to documents at index time and to queries.

`analyze(text)` returns two token streams:

- `exact`: the words in order, characters folded (Arabic ي ك ة → ی ک ه, hamza spelling variants,
  diacritics, kashida and invisible marks removed), digits folded to ASCII, ZWNJ deleted, and
  words that Persian writes in three ways joined into one token: a known compound written with a
  space («اطلاع رسانی», «حمل و نقل»), a separated «می/نمی» prefix («می رود») and a separated
  plural suffix («کتاب ها»). Phrases match on this stream.
- `extra`: what else a document should be found by — the parts of each compound («اطلاع»,
  «رسانی»), and stems (shekar's stemmer for ZWNJ words, «ها/های/هایی» stripped from joined
  words whose stem is a known word, and for documents the stem of every reading the text check
  sees in a solid word: «سفرهای» gives سفر and سفره, «شدهاند» gives شده).

The compounds joined here are the text check's curated list (`lexicon.COMPOUNDS`), nothing
more: pairs the Academy writes apart («امام حسین», «میراث فرهنگی», «پلیس راه») stay two tokens,
so folding never depends on a rewrite the text check itself would not propose.

A query term matches either stream; a quoted phrase matches consecutive `exact` tokens.
shekar's data files are read directly and its stemmer is imported on first use (never at
Django start-up).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon, spelling

ZWNJ = "\u200c"

_FOLD = str.maketrans({
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
    "ٲ": "ا", "ٳ": "ا", "ء": None, "\u0640": None,
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
# Diacritics (including the hamza above «هٔ»), superscript alef, and invisible format marks
# other than ZWNJ (ZWJ, LRM/RLM, embeddings and isolates, BOM, soft hyphen).
_DROP = re.compile(r"[\u064b-\u065f\u0670\u00ad\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# «مسؤول» and «مسئول» are one word: ؤ before و is the ئ spelling; otherwise ؤ is written و («مؤثر»).
_HAMZA_WAW = re.compile("ؤ(?=و)")
_TOKEN = re.compile(rf"[^\W_]+(?:{ZWNJ}+[^\W_]+)*")
_MI = frozenset({"می", "نمی"})
_PLURAL = frozenset({"ها", "های", "هایی", "هایم", "هایش", "هایمان", "هایتان", "هایشان"})
_PLURAL_TAIL = re.compile(r"^(?P<stem>.{3,}?)(?:ها|های|هایی)$")


# str.translate with a dict costs about a microsecond a character; these characters are rare in
# real text, so a regex that visits only them is several times faster (same result).
_FOLD_STR = {chr(k): v or "" for k, v in _FOLD.items()}
_FOLD_CHARS = re.compile("[" + "".join(_FOLD_STR) + "]")


def _fold_char(m: re.Match) -> str:
    return _FOLD_STR[m.group()]


def fold(text: str) -> str:
    """Characters folded for search; ZWNJ kept (`exact_form` deletes it)."""
    text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text)
    text = _HAMZA_WAW.sub("ی", text).replace("ؤ", "و")
    return _FOLD_CHARS.sub(_fold_char, text).lower()


def exact_form(word: str) -> str:
    return word.replace(ZWNJ, "")


@lru_cache(maxsize=1)
def _compounds() -> dict[str, tuple[str, ...]]:
    """Joined exact form → its parts, for the curated compounds the text check also joins
    (`lexicon.COMPOUNDS`): a pair the Academy writes apart («امام حسین», «میراث فرهنگی») stays
    two tokens, so a phrase or a part finds it as written."""
    out: dict[str, tuple[str, ...]] = {}
    for word in lexicon.COMPOUNDS:
        folded = fold(word)
        parts = tuple(p for p in folded.split(ZWNJ) if p)
        if len(parts) < 2:
            continue
        # «حمل‌ونقل» is written «حمل و نقل»: its parts are «حمل», «نقل».
        parts = tuple(p[1:] if p.startswith("و") and len(p) > 2 and i > 0 else p for i, p in enumerate(parts))
        out[exact_form(folded)] = parts
    return out


@lru_cache(maxsize=1)
def _vocab() -> frozenset[str]:
    return frozenset(fold(word) for word in lexicon.vocab())


_stem_lock = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer():
    with _stem_lock:
        from shekar import Stemmer

        return Stemmer()


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    """Stems of one folded word (with its ZWNJs), as exact forms, other than the word itself."""
    exact = exact_form(word)
    out = []
    if ZWNJ in word:
        stem = exact_form(fold(_stemmer()(word)))
        if stem and stem != exact:
            out.append(stem)
    else:
        m = _PLURAL_TAIL.match(exact)
        if m and exact not in _vocab() and m.group("stem") in _vocab():
            out.append(m.group("stem"))
    return tuple(out)


@lru_cache(maxsize=65536)
def _reading_heads(exact: str) -> tuple[str, ...]:
    """A document's solid word is also found by the stem of each reading the text check sees
    before a suffix: both of «سفرهای» (سفر، سفره), «شده» of «شدهاند». Additions to the `extra`
    stream of documents only, never a rewrite of the exact token (nor a wider query)."""
    if lexicon.is_known(exact):
        return ()
    out = []
    for reading, _solid_ok, _weight in spelling.readings(exact):
        head, _, tail = reading.partition(ZWNJ)
        if tail and (tail.startswith("ها") or tail in spelling.HE_ENDINGS) and head != exact and head not in out:
            out.append(head)
    return tuple(out)


@dataclass
class Analysis:
    exact: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def exact_text(self) -> str:
        return " ".join(self.exact)

    @property
    def extra_text(self) -> str:
        return " ".join(self.extra)


def words(text: str) -> list[str]:
    """The folded words of a text, ZWNJs kept inside them."""
    return _TOKEN.findall(fold(text or ""))


@lru_cache(maxsize=1)
def _compound_heads() -> frozenset[str]:
    """First words of the compounds: only these can start one written with spaces."""
    return frozenset(exact_form(fold(word).split(ZWNJ)[0]) for word in lexicon.COMPOUNDS)


@lru_cache(maxsize=1)
def _special() -> frozenset[str]:
    """Exact forms that may start a joined token: compound heads, compounds, «می/نمی»."""
    return frozenset(_compound_heads() | _compounds().keys() | _MI)


_PLAIN_TOKEN = re.compile(r"[^\W_]+")


def analyze(text: str, stems: bool = True) -> Analysis:
    folded = fold(text or "")
    tokens = _TOKEN.findall(folded)
    # The same tokens without their ZWNJs: ZWNJ is not a word character, so deleting it first
    # joins exactly the parts that _TOKEN keeps together (one exact token per token).
    exacts = _PLAIN_TOKEN.findall(folded.replace(ZWNJ, "")) if ZWNJ in folded else tokens
    compounds, heads, special = _compounds(), _compound_heads(), _special()
    stem_of = _stems
    result = Analysis()
    out, extra = result.exact, result.extra
    i, n = 0, len(tokens)
    while i < n:
        exact = exacts[i]
        if exact not in special and (i + 1 == n or exacts[i + 1] not in _PLURAL):
            # The common case: a word on its own.
            out.append(exact)
            if stems:
                found_stems = stem_of(tokens[i])
                if found_stems:
                    extra.extend(found_stems)
                if ZWNJ not in tokens[i]:
                    extra.extend(h for h in _reading_heads(exact) if h not in found_stems)
            i += 1
            continue
        word, taken = tokens[i], 1
        found = False
        # A compound written with spaces: three words («حمل و نقل») or two («اطلاع رسانی»).
        if exact in heads:
            for size in (3, 2):
                if i + size <= n:
                    joined = "".join(exacts[i : i + size])
                    if joined in compounds:
                        extra.extend(e for e in exacts[i : i + size] if e != "و")
                        exact, word, taken, found = joined, ZWNJ.join(tokens[i : i + size]), size, True
                        break
        if not found:
            if exact in compounds:
                extra.extend(compounds[exact])
            elif i + 1 < n and (exact in _MI or exacts[i + 1] in _PLURAL):
                exact, word, taken = exact + exacts[i + 1], f"{word}{ZWNJ}{tokens[i + 1]}", 2
        out.append(exact)
        if stems:
            extra.extend(stem_of(word))
        i += taken
    return result


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: it matches a document containing any of `forms`."""

    forms: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    terms: tuple[QueryTerm, ...]  # all must match
    phrases: tuple[tuple[str, ...], ...]  # each: consecutive exact tokens

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def highlight_words(self) -> set[str]:
        out = {f for t in self.terms for f in t.forms}
        out.update(w for p in self.phrases for w in p)
        return out


_QUOTED = re.compile(r"[\"«“”»](.*?)(?:[\"»”“]|$)")


def parse_query(text: str, max_terms: int = 12) -> Query:
    """A query typed by people: words (all required) and «"quoted phrases"». Anything else —
    FTS operators, punctuation, emoji, marks — is not syntax here: it is dropped with the
    non-word characters."""
    text = text or ""
    phrases = []
    for m in _QUOTED.finditer(text):
        tokens = tuple(analyze(m.group(1), stems=False).exact)
        if len(tokens) > 1:
            phrases.append(tokens[:max_terms])
        elif tokens:
            text += " " + tokens[0]
    rest = _QUOTED.sub(" ", text)
    terms, seen = [], set()
    for word in _merge_words(rest):
        if word in seen:
            continue
        seen.add(word)
        forms = (exact_form(word), *_stems(word))
        terms.append(QueryTerm(tuple(dict.fromkeys(forms))))
    return Query(tuple(terms[:max_terms]), tuple(phrases[:3]))


def _merge_words(text: str) -> list[str]:
    """The query's words with compounds and separated prefixes/suffixes joined (as in analyze)."""
    tokens = words(text)
    compounds = _compounds()
    out, i, n = [], 0, len(tokens)
    while i < n:
        for size in (3, 2):
            if i + size <= n and "".join(exact_form(t) for t in tokens[i : i + size]) in compounds:
                out.append(ZWNJ.join(tokens[i : i + size]))
                i += size
                break
        else:
            exact = exact_form(tokens[i])
            if i + 1 < n and (exact in _MI or exact_form(tokens[i + 1]) in _PLURAL):
                out.append(f"{tokens[i]}{ZWNJ}{tokens[i + 1]}")
                i += 2
            else:
                out.append(tokens[i])
                i += 1
    return out
