"""The Persian words the text check and search trust, read from shekar's data files (its
vocabulary of ~83,000 words with corpus frequencies and its verb stems) — read as plain files,
without importing shekar (no numpy, no onnxruntime) — plus the curated compounds below.

- `freq(word)`: the word's corpus frequency (0 when unknown). The vocabulary holds base words,
  names of places and people, and some solid spellings («میشود», «مهمترین»); not plurals.
- `is_known(word)`: the word, or the word with a light inflection that does not need a ZWNJ
  (-ی, -ان, -م/ت/ش, -مان/تان/شان, personal endings), is in the vocabulary.
- verb forms: present and past stems with their personal endings («رود», «رفتند»), and past
  participles («رفته»), built from the stems — the whole family, not a list of examples.
- `COMPOUNDS`: the compounds the Persian Academy's orthography (دستور خط فارسی) writes with a
  ZWNJ and that are never written apart in news text. Only these are joined when written with a
  space. A solid spelling of a compound («بزرگراه» is a known word, «اطلاعرسانی» is not) is
  given its ZWNJ when shekar's compound list has it, unless the pair is one the Academy writes
  apart (names of people, places and offices, compound verbs: `WRITTEN_APART`).
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

ZWNJ = "\u200c"

# A stem at least this frequent is a reading worth keeping: when both readings of «سفرهای»
# (سفر + های, سفره + ای) have such stems, the text is left as the author wrote it.
PLAUSIBLE = 1_000_000

# Written with a ZWNJ by the Academy and in this product's news; the space-separated spelling
# of any of these is fixed. Set phrases and names written apart are NOT here.
COMPOUNDS = frozenset(w.replace("·", ZWNJ) for w in """
اطلاع·رسانی خدمت·رسانی خدمات·رسانی امداد·رسانی کمک·رسانی سوخت·رسانی آب·رسانی برق·رسانی گاز·رسانی
هم·افزایی هم·اندیشی غیرهم·سطح
حمل·ونقل رفت·وآمد ساخت·وساز گفت·وگو جست·وجو شست·وشو پرس·وجو
بی·شک بی·تردید بی·سابقه بی·نظیر بی·توجهی بی·اعتنایی بی·خطر بی·دریغ بی·وقفه بی·رویه بی·کیفیت بی·احتیاطی
برنامه·ریزی تصمیم·گیری گزارش·دهی بهره·برداری بهره·گیری بهره·وری سرمایه·گذاری سیاست·گذاری
قانون·گذاری نام·گذاری هدف·گذاری ریل·گذاری لوله·گذاری خط·کشی خط·مشی ایمن·سازی مقاوم·سازی بهینه·سازی
فرهنگ·سازی زمینه·سازی آماده·سازی پیاده·سازی یکپارچه·سازی شفاف·سازی آزاد·سازی روان·سازی ساده·سازی
راه·اندازی راه·آهن راه·سازی بزرگ·راه پیاده·رو پیاده·روی
جابه·جایی جابه·جا جابه·جاشده روبه·رو روبه·رویی به·روزرسانی به·کارگیری
پیش·بینی پیش·نویس پیش·نیاز پیش·تر پیش·فروش
نیمه·تمام نیمه·کاره کم·برخوردار کم·توجهی کم·آبی
حادثه·خیز سیل·خیز زلزله·خیز زلزله·زده سیل·زده
سخت·افزار نرم·افزار نرم·افزاری سخت·افزاری
شبانه·روزی شبانه·روز آماده·باش دست·کم دست·اندرکار دست·اندرکاران دست·فروش دست·فروشان
بین·المللی بین·الملل فوق·العاده حجت·الاسلام آیت·الله سریع·السیر
اتوبوس·رانی کشتی·رانی قایق·رانی تاکسی·رانی برف·روبی برف·گیر
آیین·نامه شیوه·نامه تفاهم·نامه نظام·نامه گواهی·نامه بیمه·نامه
صورت·جلسه کلان·شهر پهن·پیکر همه·گیری
""".split())
# Written with a ZWNJ when written as one word, but also correctly written apart («به موقع»,
# «چهره به چهره»): only their solid spelling is fixed.
SOLID_ONLY = frozenset(w.replace("·", ZWNJ) for w in """
به·موقع به·طور به·روز به·ویژه چهره·به·چهره یک·شبه یک·روزه
""".split())

# Pairs the Academy writes apart (titles and names of people, places and offices; set phrases;
# compound verbs). A solid spelling of these is not «fixed» into a ZWNJ form either.
WRITTEN_APART = frozenset("""
امام·حسین امام·رضا امام·خمینی امام·علی امام·جمعه میراث·فرهنگی پلیس·راه پلیس·راهور اداره·کل روابط·عمومی
یکی·از وزیر·راه هلال·احمر شورای·شهر
""".replace("·", ZWNJ).split())
# Compound verbs are written apart: «برطرف شدن», «برگزار کرد».
_LIGHT_VERBS = frozenset(
    "شدن شد شده شود شوند کردن کرد کرده کند کنند نمودن نمود نموده گشتن گشت گردید گردیدن داشتن داشت دادن داد داده"
    " گرفتن گرفت گرفته زدن زد خوردن خورد آمدن آمد یافتن یافت".split()
)

PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PAST_ENDINGS = ("م", "ی", "", "یم", "ید", "ند")
# Light inflections written solid: a word with one of these is still a known word.
SOLID_ENDINGS = ("ی", "یی", "ان", "ات", "م", "ت", "ش", "مان", "تان", "شان", "یم", "ید", "ند", "ست")

_lock = threading.Lock()


def _data_file(name: str) -> Path | None:
    spec = importlib.util.find_spec("shekar")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "files" / name
    return path if path.exists() else None


def _lines(name: str) -> list[str]:
    path = _data_file(name)
    return path.read_text(encoding="utf-8").splitlines() if path else []


@lru_cache(maxsize=1)
def vocab() -> dict[str, int]:
    with _lock:
        out: dict[str, int] = {}
        for line in _lines("vocab.csv"):
            word, _, count = line.partition(",")
            if word:
                out[word] = int(count) if count.isdigit() else 1
        return out


def freq(word: str) -> int:
    return vocab().get(word, 0)


@lru_cache(maxsize=1)
def stems() -> tuple[frozenset[str], frozenset[str]]:
    """(present stems, past stems) of shekar's verb list, with «بایست» and «توانست»."""
    present, past = set(), set()
    for line in _lines("verbs.csv"):
        cols = [c.strip() for c in line.split(",")]
        if len(cols) >= 2 and cols[0] and cols[1]:
            present.add(cols[0])
            past.add(cols[1])
    present.update({"توان", "آی"})
    past.update({"بایست", "توانست"})
    return frozenset(present), frozenset(past)


@lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    """What may follow «می/نمی»: present and past stems with their endings, and the bare
    forms «می‌توان», «می‌بایست»."""
    present, past = stems()
    out = {"توان", "بایست", "بایستی"}
    for s in present:
        for e in PRESENT_ENDINGS:
            out.add(s + e)
            if s[-1] in "اآو" and e[:1] != "ی":
                out.add(s + "ی" + e)
    for s in past:
        for e in PAST_ENDINGS:
            out.add(s + e)
    return frozenset(out)


@lru_cache(maxsize=1)
def participles() -> frozenset[str]:
    """Past participles («رفته», «گفته») and their negatives («نرفته»)."""
    _, past = stems()
    out = {s + "ه" for s in past}
    return frozenset(out | {"ن" + p for p in out} | {"نی" + p[1:] for p in out if p.startswith("ا")})


@lru_cache(maxsize=1)
def solid_compounds() -> dict[str, str]:
    """Solid spelling → ZWNJ spelling, for our compounds and shekar's list (its solid-join
    entries marked «#» and the pairs written apart left out). A solid spelling that is itself a
    known word («بزرگراه») is never here."""
    words = set(COMPOUNDS | SOLID_ONLY)
    for line in _lines("compound_words.csv"):
        word = line.strip()
        if ZWNJ in word and "#" not in word and " " not in word:
            words.add(word)
    out: dict[str, str] = {}
    seen: dict[str, set[str]] = {}
    v = vocab()
    for word in words:
        parts = word.split(ZWNJ)
        if word in WRITTEN_APART or any(p in _LIGHT_VERBS for p in parts[1:]) or not all(parts):
            continue
        solid = word.replace(ZWNJ, "")
        if solid in v or not visible(word):
            continue
        seen.setdefault(solid, set()).add(word)
    for solid, forms in seen.items():
        if len(forms) == 1:
            out[solid] = forms.pop()
    return out


@lru_cache(maxsize=1)
def curated_solid() -> dict[str, str]:
    """Solid spelling → ZWNJ spelling for the curated compounds: these are fixed even when the
    solid spelling is in the vocabulary («برنامهریزی» → «برنامه‌ریزی»)."""
    return {w.replace(ZWNJ, ""): w for w in COMPOUNDS | SOLID_ONLY if visible(w)}


# Letters that do not join the next one: a ZWNJ after them changes nothing on screen.
NON_JOINING = frozenset("اآأإدذرزژوؤۀة")


def visible(word: str) -> bool:
    """A ZWNJ of the word shows: the letter before it joins the next one («برنامه‌ریزی»), so the
    solid spelling looks different («امدادرسانی» and «امداد‌رسانی» look the same)."""
    return any(part and part[-1] not in NON_JOINING for part in word.split(ZWNJ)[:-1])


def is_known(word: str) -> bool:
    """The word (or the word with a light solid inflection) is in the vocabulary."""
    v = vocab()
    if word in v:
        return True
    for ending in SOLID_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1 and word[: -len(ending)] in v:
            return True
    return False


def warm() -> None:
    """Load everything (about half a second), e.g. before a benchmark."""
    vocab(), verb_forms(), participles(), solid_compounds(), curated_solid()
