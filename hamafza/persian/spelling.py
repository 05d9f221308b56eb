"""The Persian text check's rules, precision first.

A change is proposed only when its result is a known word or form and what was written is not
(`lexicon` decides); everything else is left as the author wrote it. Each proposal has a kind,
a confidence («high»: a fix, applied by «پذیرش همه»; «low»: a question, «شاید …؟», applied only
when the author picks it) and a short Persian reason.

The rules:
- characters: Arabic «ي ك ى» → «ی ک», kashida and diacritics (not the hamza of «خانهٔ»)
  removed, Latin and Arabic-Indic digits → Persian digits. URLs, e-mail addresses, HTML
  entities, hashtags, Latin text and numbers with separators (۳٫۵، 1,200، 10:30، 1404/09/05) keep
  their form: only a number's digits change.
- ZWNJ: «می/نمی» + a verb form (stems and endings from the lexicon, not a list of verbs),
  «ها/های…» after a word, «ای/اند/ام/ایم/اید» after a word ending in «ه» (past participles
  included: «شدهاند» → «شده‌اند» for every verb), «ترین/تر», and compounds: the curated list
  (`lexicon.COMPOUNDS`) when written apart, shekar's list when written solid. A solid word with
  two readings («سفرهای»: سفر‌های or سفره‌ای) is left alone when the spelling is right for one
  of them, and otherwise asked about, never fixed. Names of people, places and offices and
  compound verbs are never joined.
- punctuation: no space before «، ؛ : ؟ ! . ) »», none after «( «», one after «، ؛ ؟» before a
  word; «,» «;» «?» after a Persian word → «، ؛ ؟»; repeated spaces → one. Dashes (an en dash in
  «اهواز–آبادان»), quotes and numbers are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .digits import to_persian_digits

ZWNJ = "\u200c"
HIGH, LOW = "high", "low"

# Letters that join the next one: after these a ZWNJ is visible, and the site writes it
# («کتاب‌ها»); after «ا د ذ ر ز ژ و» it is invisible and the site writes the word solid («قطارها»).
_NON_JOINING = lexicon.NON_JOINING
PLURALS = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
HE_ENDINGS = ("ایم", "اید", "اند", "ایی", "ای", "ام", "ات", "اش")
COPULAS = ("اند", "ایم", "اید", "ای", "ام")
_MI = ("نمی", "می")
# After these «های» cannot be a plural (a plural «های» needs a following word in ezafe).
_NOT_EZAFE = frozenset("است بود هست نیست شد شود را که و یا در به از با برای تا هم نیز".split())


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: str
    kind: str
    confidence: str
    reason: str


# --- tokens ----------------------------------------------------------------------------------

_DIGIT = "0-9۰-۹٠-٩"
_PROTECT = re.compile(
    r"<[^<>\n]{1,500}>|&[a-zA-Z]{2,8};|&#\d{2,6};"
    r"|(?:https?://|ftp://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?،؛)\]]"
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
    rf"|(?<![\w{ZWNJ}])[#@][\w{ZWNJ}]+"
    r"|[A-Za-z][A-Za-z0-9_'’\-.]*[A-Za-z0-9_](?:[ \t]*[,;:&/+]?[ \t]*[A-Za-z0-9][A-Za-z0-9_'’\-.]*[A-Za-z0-9_])*"
    r"|[A-Za-z]"
)
_NUMBER = re.compile(rf"[{_DIGIT}]+(?:[.,:/\-٫٬][{_DIGIT}]+)+|[{_DIGIT}]+")
_WORD = re.compile(rf"[\w\u064b-\u065f\u0670\u0640{ZWNJ}]+")
# Not U+064B, the tanvin of «اصلاً، حتماً» (Persian spelling), nor U+0654, the hamza of «خانهٔ».
_DIACRITICS = re.compile(r"[\u064c-\u0653\u0655-\u065f\u0670]")
_ARABIC = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
_ARABIC_CHARS = re.compile("[يكى]")
_LATIN_DIGITS = re.compile(r"[0-9٠-٩]")
_PERSIAN_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECT.finditer(text)]


# --- one word --------------------------------------------------------------------------------

def _fold_chars(word: str) -> tuple[str, list[tuple[str, str]]]:
    """The word with its characters fixed, and (kind, reason) for each kind of fix."""
    why = []
    if _ARABIC_CHARS.search(word):
        word = word.translate(_ARABIC)
        why.append(("letters", "حرف عربی به جای حرف فارسی"))
    if "ة" in word and word.endswith("ة") and lexicon.freq(word[:-1] + "ه"):
        word = word[:-1] + "ه"
        why.append(("letters", "«ة» عربی به جای «ه»"))
    if "\u0640" in word:
        word = word.replace("\u0640", "")
        why.append(("kashida", "کشیده در میان حروف"))
    if _DIACRITICS.search(word):
        word = _DIACRITICS.sub("", word)
        why.append(("diacritics", "اعراب در متن خبر لازم نیست"))
    return word, why


_SURE = 10**12  # the weight of a reading that does not rest on a stem's frequency
# A reading whose stem is this many times rarer than another reading's is not worth keeping.
DOMINANCE = 10
_FLOOR = 20_000  # below this a vocabulary entry is too rare to be a stem of its own


def readings(word: str) -> list[tuple[str, bool, int]]:
    """The ZWNJ readings of a solid word: (reading, the solid spelling is right for it, weight)."""
    out: list[tuple[str, bool, int]] = []
    v, freq = lexicon.vocab(), lexicon.freq
    # «می/نمی» + a verb form.
    for mi in _MI:
        if word.startswith(mi) and word[len(mi) :] in lexicon.verb_forms():
            out.append((f"{mi}{ZWNJ}{word[len(mi):]}", False, _SURE))
            break
    # A plural: the stem is a known word (a compound's solid spelling counts). A verb stem
    # («رسان») is no plural's stem when its «ه» word («رسانه») is the commoner one.
    for suffix in PLURALS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2:
            compound = lexicon.curated_solid().get(stem) or lexicon.solid_compounds().get(stem)
            if compound:
                sep = "" if stem[-1] in _NON_JOINING else ZWNJ  # «کلان‌شهرها», «اطلاع‌رسانی‌ها»
                out.append((f"{compound}{sep}{suffix}", False, _SURE))
            elif stem in v and freq(stem) >= _FLOOR:
                if stem in lexicon.stems()[0] and freq(stem + "ه") > freq(stem):
                    break
                if stem[-1] in _NON_JOINING:
                    out.append((word, True, freq(stem)))  # «قطارها»: the site writes it solid
                else:
                    out.append((f"{stem}{ZWNJ}{suffix}", False, freq(stem)))
            break
    # «ه» + «ای/ام/اند…»: a known word or a past participle.
    for ending in HE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.endswith("ه") and len(stem) >= 3:
            if stem in lexicon.participles() and ending in COPULAS and ending != "ای":
                out.append((f"{stem}{ZWNJ}{ending}", False, _SURE))
            elif freq(stem) >= _FLOOR:
                out.append((f"{stem}{ZWNJ}{ending}", False, freq(stem)))
            break
    # «ی» + «ای»: «کشتیای» → «کشتی‌ای».
    if word.endswith("یای") and freq(word[:-2]) >= _FLOOR:
        out.append((f"{word[:-2]}{ZWNJ}ای", False, freq(word[:-2])))
    # «تر/ترین» (the Academy writes them apart, but for «بیشتر، کمتر، بهتر، …»).
    for ending in ("ترین", "تری", "تر"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and _comparable(stem, word):
            out.append((f"{stem}{ZWNJ}{ending}", False, freq(stem)))
            break
    # A participle adjective written solid: «نوسازیشده» → «نوسازی‌شده».
    for tail in _PARTICIPLE_TAILS:
        head = word[: -len(tail)]
        if word.endswith(tail) and len(head) >= 3 and head[-1] not in _NON_JOINING and freq(head) >= lexicon.PLAUSIBLE:
            out.append((f"{head}{ZWNJ}{tail}", False, freq(head)))
            break
    # A compound written solid.
    compound = lexicon.solid_compounds().get(word)
    if compound:
        out.append((compound, False, _SURE))
    if not out:
        return out
    strongest = max(w for _, _, w in out)
    return [r for r in out if r[2] * DOMINANCE >= strongest]


_SOLID_COMPARATIVES = frozenset({"بیش"})
# The Academy writes these either way; the solid spelling is the commoner one.
_SOLID_PRONOUNS = frozenset({"آنها", "اینها", "آنهایی", "اینهایی"})
_PARTICIPLE_TAILS = ("شده", "کرده", "شدگان")


def _comparable(stem: str, word: str) -> bool:
    """«مهمتر»: a frequent stem (three letters or more: not «برتر», «بهتر») that joins the next
    letter and, before «تر/تری», is much commoner than the solid word (not «شوشتر», «دفتر»)."""
    if len(stem) < 3 or stem in _SOLID_COMPARATIVES or stem[-1] in _NON_JOINING:
        return False
    if lexicon.freq(stem) < lexicon.PLAUSIBLE:
        return False
    # Names end in «تر» («شوشتر») far more often than in «ترین».
    return word.endswith("ترین") or lexicon.freq(stem) >= DOMINANCE * lexicon.freq(word)


def _known_noun(word: str) -> bool:
    """A word beginning with «می» that is a known word other than a verb, or one inflected."""
    v, forms = lexicon.vocab(), lexicon.verb_forms()
    for ending in ("ی", "یی"):
        base = word[: -len(ending)]
        if word.endswith(ending) and base in v and not any(base.startswith(m) and base[len(m) :] in forms for m in _MI):
            return True
    return False


def _curated(word: str) -> str | None:
    """A curated compound written solid, alone or with a plural («کلانشهرها» → «کلان‌شهرها»),
    even when the vocabulary has the solid spelling: the curated list is the house style."""
    found = lexicon.curated_solid().get(word)
    if found:
        return found
    for suffix in PLURALS:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and stem in lexicon.curated_solid():
            sep = "" if stem[-1] in _NON_JOINING else ZWNJ
            return f"{lexicon.curated_solid()[stem]}{sep}{suffix}"
    return None


def word_fix(word: str, next_word: str | None = None) -> tuple[str, str, str, str] | None:
    """(new, kind, confidence, reason) for a solid word without a ZWNJ, or None."""
    if len(word) < 4:
        return None
    curated = _curated(word)
    if curated:
        return curated, "zwnj", HIGH, "واژهٔ مرکب با نیم‌فاصله (دستور خط فرهنگستان)"
    if word in _SOLID_PRONOUNS:
        return None
    if word.startswith(_MI):
        if _known_noun(word):
            return None  # «میدانی» (of a میدان), not «می‌دانی»
    elif lexicon.is_known(word) and not _comparable_solid(word):
        return None
    found = readings(word)
    if not found:
        return None
    distinct = {r for r, _, _ in found}
    if any(ok for _, ok, _ in found):
        if len(distinct) == 1:
            return None
        # The solid spelling is right for one reading: keep it unless the next word rules it out.
        he = [r for r, ok, _ in found if not ok and r.endswith(ZWNJ + "ای")]
        if he and next_word in _NOT_EZAFE:
            return he[0], "zwnj", HIGH, "«ه» و «ای» جدا نوشته می‌شوند"
        return None
    if len(distinct) > 1:
        # Two readings, neither written right: ask about the likelier one.
        best = max(found, key=lambda r: r[2])[0]
        others = " یا ".join(f"«{r}»" for r in sorted(distinct - {best}))
        return best, "zwnj", LOW, f"دو خوانش دارد: «{best}» یا {others}؛ هر دو واژه‌اند، پس فقط می‌پرسیم"
    reading = found[0][0]
    head, _, tail = reading.partition(ZWNJ)
    if head in _MI:
        return reading, "zwnj", HIGH, "پیشوند «می/نمی» با نیم‌فاصله"
    if tail.startswith("ها"):
        return reading, "zwnj", HIGH, "نشانهٔ جمع «ها» با نیم‌فاصله"
    if tail in HE_ENDINGS:
        return reading, "zwnj", HIGH, f"«{tail}» پس از «ه» با نیم‌فاصله"
    if tail.startswith("تر"):
        return reading, "zwnj", HIGH, "«تر/ترین» با نیم‌فاصله"
    return reading, "zwnj", HIGH, "واژهٔ مرکب با نیم‌فاصله (دستور خط فرهنگستان)"


def _comparable_solid(word: str) -> bool:
    """A known solid comparative that still takes a ZWNJ: «مهمترین», «بزرگتر»."""
    for ending in ("ترین", "تری", "تر"):
        if word.endswith(ending) and _comparable(word[: -len(ending)], word):
            return True
    return False


# --- two words -------------------------------------------------------------------------------

_COMPOUND_TAILS = (*PLURALS, "ای", "ی", "یی")
_NUMBER_WORDS = frozenset("یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده بیست سی چهل پنجاه صد".split())
_NUMBER_TAILS = frozenset("ساله روزه ماهه ساعته نفره".split())


def pair_fix(a: str, b: str) -> tuple[str, str, str] | None:
    """(joined, confidence, reason) for two words written with a space between them."""
    if not a or not b:
        return None
    if a in _MI and (b in lexicon.verb_forms()):
        return f"{a}{ZWNJ}{b}", HIGH, "پیشوند «می/نمی» با نیم‌فاصله"
    if b in PLURALS and _PERSIAN_LETTER.search(a[-1]) and a not in _MI:
        return f"{a}{ZWNJ}{b}", HIGH, "نشانهٔ جمع «ها» به واژه می‌چسبد (با نیم‌فاصله)"
    if b in HE_ENDINGS and a.endswith("ه") and len(a) >= 2 and (
        a in lexicon.participles() or b in ("ای", "ایی") or lexicon.freq(a) >= lexicon.PLAUSIBLE
    ):
        return f"{a}{ZWNJ}{b}", HIGH, f"«{b}» پس از «ه» با نیم‌فاصله"
    if b in ("ای", "ایی") and a.endswith("ی") and lexicon.freq(a) >= lexicon.PLAUSIBLE and a not in ("برای", "ای"):
        return f"{a}{ZWNJ}{b}", HIGH, "«ای» پس از «ی» با نیم‌فاصله"
    if b == "ترین" or b in ("تر", "تری") and lexicon.freq(a) >= lexicon.PLAUSIBLE and a not in _NOT_EZAFE:
        if _PERSIAN_LETTER.search(a[-1]):
            return f"{a}{ZWNJ}{b}", HIGH, "«تر/ترین» با نیم‌فاصله"
    if a in _NUMBER_WORDS and b in _NUMBER_TAILS:
        return f"{a}{ZWNJ}{b}", HIGH, "صفت عددی مرکب با نیم‌فاصله"
    joined = f"{a}{ZWNJ}{b}"
    if joined in lexicon.COMPOUNDS:
        return joined, HIGH, "واژهٔ مرکب با نیم‌فاصله (دستور خط فرهنگستان)"
    for suffix in _COMPOUND_TAILS:  # «کلان شهرها», «پاسخ گوی»
        stem = b[: -len(suffix)]
        if b.endswith(suffix) and stem and f"{a}{ZWNJ}{stem}" in lexicon.COMPOUNDS:
            sep = "" if stem[-1] in _NON_JOINING or suffix in ("ی", "یی") and stem[-1] not in "ه" else ZWNJ
            return f"{a}{ZWNJ}{stem}{sep}{suffix}", HIGH, "واژهٔ مرکب با نیم‌فاصله (دستور خط فرهنگستان)"
    return None


# --- the text --------------------------------------------------------------------------------

_PUNCT_CLOSE = "،؛:؟!.)»]"
_SPACE_BEFORE = re.compile(rf"(?<=[\w{ZWNJ}])[ \t]+(?=[{re.escape(_PUNCT_CLOSE)}](?:\s|$|[{re.escape(_PUNCT_CLOSE)}«]))")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(«\[])[ \t]+(?=\w)")
_NO_SPACE_AFTER = re.compile(r"(?<=[\u0621-\u06cc][،؛؟])(?=[\u0621-\u06cc«])|(?<=[\u0621-\u06cc]:)(?=«)")
_LATIN_PUNCT = re.compile(r"(?<=[\u0621-\u06cc\u200c])[ \t]*([,;?])(?=\s|$|[\u0621-\u06cc«])")
_MULTI_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_EDGE_ZWNJ = re.compile(rf"{ZWNJ}+(?=[\s.,،؛:؟!?»)\]]|$)|(?<=[\s(«\[]){ZWNJ}+|^{ZWNJ}+|{ZWNJ}{{2,}}")
_LATIN_TO_FA = {",": "،", ";": "؛", "?": "؟"}


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    for s, e in spans:
        if s <= pos < e:
            return True
        if s > pos:
            return False
    return False


def check(text: str) -> list[Edit]:
    """The edits the rules propose for a plain text, left to right, not overlapping."""
    edits: list[Edit] = []
    spans = _protected(text)

    # Numbers: only their digits change.
    for m in _NUMBER.finditer(text):
        if _inside(spans, m.start()) or not _LATIN_DIGITS.search(m.group(0)):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if re.match(r"[A-Za-z_\-/]", before) or re.match(r"[A-Za-z_]", after):
            continue
        edits.append(Edit(m.start(), m.end(), to_persian_digits(m.group(0).translate(_AR_DIGITS)), "digits", HIGH, "رقم فارسی به جای رقم لاتین یا عربی"))

    # Words.
    words = [m for m in _WORD.finditer(text) if not _inside(spans, m.start()) and _PERSIAN_LETTER.search(m.group(0))]
    folded = []
    for m in words:
        new, why = _fold_chars(m.group(0))
        folded.append((m, new, why))
    i = 0
    while i < len(folded):
        m, word, why = folded[i]
        nxt = folded[i + 1] if i + 1 < len(folded) else None
        gap = text[m.end() : nxt[0].start()] if nxt else None
        if nxt and gap and gap.strip(" ") == "" and ZWNJ not in word + nxt[1]:
            joined = pair_fix(word, nxt[1])
            if joined:
                new, confidence, reason = joined
                reasons = [r for _, r in why + nxt[2]] + [reason]
                edits.append(Edit(m.start(), nxt[0].end(), new, "zwnj", confidence, "؛ ".join(reasons)))
                i += 2
                continue
        if ZWNJ not in word:
            fix = word_fix(word, nxt[1] if nxt and (gap or "").strip(" ") == "" else "")
        else:
            fix = None
        if fix:
            new, kind, confidence, reason = fix
            edits.append(Edit(m.start(), m.end(), new, kind, confidence, "؛ ".join([r for _, r in why] + [reason])))
        elif why:
            edits.append(Edit(m.start(), m.end(), word, why[0][0], HIGH, "؛ ".join(r for _, r in why)))
        i += 1

    # Punctuation and spacing (never inside protected text).
    for m in _SPACE_BEFORE.finditer(text):
        if not _inside(spans, m.end()):
            edits.append(Edit(m.start(), m.end(), "", "spacing", HIGH, "پیش از نشانه فاصله نمی‌آید"))
    for m in _SPACE_AFTER_OPEN.finditer(text):
        edits.append(Edit(m.start(), m.end(), "", "spacing", HIGH, "پس از پرانتز یا گیومهٔ باز فاصله نمی‌آید"))
    for m in _NO_SPACE_AFTER.finditer(text):
        if not _inside(spans, m.start() - 1):
            edits.append(Edit(m.start(), m.end(), " ", "spacing", HIGH, "پس از نشانه یک فاصله لازم است"))
    for m in _LATIN_PUNCT.finditer(text):
        if not _inside(spans, m.start(1)):
            edits.append(Edit(m.start(), m.end(), _LATIN_TO_FA[m.group(1)], "punctuation", HIGH, "نشانهٔ فارسی به جای نشانهٔ لاتین"))
    for m in _MULTI_SPACE.finditer(text):
        if not _inside(spans, m.start()):
            edits.append(Edit(m.start(), m.end(), " ", "spacing", HIGH, "فاصلهٔ تکراری"))
    for m in _EDGE_ZWNJ.finditer(text):
        new = ZWNJ if len(m.group(0)) > 1 and m.start() and not text[m.start() - 1].isspace() and m.end() < len(text) and not text[m.end()].isspace() else ""
        edits.append(Edit(m.start(), m.end(), new, "zwnj", HIGH, "نیم‌فاصلهٔ اضافه"))
    return _non_overlapping(edits)


_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")


def _non_overlapping(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and e.start < out[-1].end:
            continue  # the first (word) edit wins; its chunk is re-checked on the next run
        out.append(e)
    return out
