#!/usr/bin/env python3
"""The editor's Persian text check: precision on correct text, recall on broken text, speed.

usage (from the repository root):
  .venv/bin/python bench/textcheck_bench.py                 # 2,000 standard records + the hand set
  .venv/bin/python bench/textcheck_bench.py --records 500 --per-category 300 --runs 11

Sets (see tests/persian/data/README.md):
- the shared corpus (../shared/corpus/make_corpus.py, generated once into bench/out/ by
  bench/load_corpus.py; HAMAFZA_CORPUS_DIR overrides where it is): the first --records records
  whose zwnj_style is «standard», cut into sentences;
- tests/persian/data/correct_sentences.txt: hand-written correct news sentences full of traps.

1. Precision: the share of correct sentences with no proposal at all (fix or question), with no
   fix, and the number of changes whose result is another valid word (the worst kind).
2. Recall: each word with a ZWNJ is broken on its own in its sentence — the ZWNJ deleted
   («joined») or replaced by a space («spaced») — and counts as restored when the fixes the
   checker proposes (the ones «پذیرش همه» applies; questions are not applied) give back the word
   exactly at its place. Arabic letters (ي ك), digits (Latin, Arabic-Indic) and the spacing
   around «، ؛ ؟ .» are broken the same way, one at a time; there the whole sentence must come
   back. At most --per-category cases per category and variant (seeded sample).
3. Speed: a 1,500-word article (corpus paragraphs as the editor's HTML body, one copy spelled
   correctly, one with every ZWNJ deleted) through the editor's check, median of --runs runs.

It measures whatever `hamafza.persian.normalizer.normalize` and the editor's
`hamafza.workspace.textcheck.checks.field_changes` are on the checked-out branch, so the same
script gives the before and after numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from bench import load_corpus  # noqa: E402

ZWNJ = "\u200c"
HAND = REPO / "tests" / "persian" / "data" / "correct_sentences.txt"
_SENTENCE = re.compile(r"(?<=[.!؟?»])\s+(?=[^\s»])")
_WORD = re.compile(rf"[\w{ZWNJ}]+")
_PARTICIPLE_TAIL = ("اند", "ام", "ای", "ایم", "اید")


def sentences_of(record: dict) -> list[str]:
    out = []
    for text in [record["title"], record["lead"], *record["paragraphs"]]:
        out += [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    return out


def corpus_sentences(n_records: int) -> tuple[list[str], int]:
    path = load_corpus.corpus_path(10000)
    records = [r for r in load_corpus.read_records(path) if r["zwnj_style"] == "standard"][:n_records]
    out: list[str] = []
    for r in records:
        out += sentences_of(r)
    return out, len(records)


def hand_sentences() -> list[str]:
    return [line.strip() for line in HAND.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the checker under test ----------------------------------------------------------------

def proposals(text: str):
    from hamafza.persian.normalizer import normalize

    return normalize(text).changes


def is_fix(change) -> bool:
    return getattr(change, "confidence", "high") == "high"


def applied(text: str, changes) -> str:
    from hamafza.persian.normalizer import apply_changes

    return apply_changes(text, [c for c in changes if is_fix(c)])


def _lexicon():
    try:
        from hamafza.persian import lexicon

        return lexicon.is_known
    except ImportError:  # before the lexicon existed: shekar's vocabulary as it is
        from hamafza.persian.searchtext import _vocab

        vocab = _vocab()
        return lambda w: w in vocab


# --- 1. precision --------------------------------------------------------------------------

def precision(name: str, sentences: list[str], show: int) -> dict:
    known = _lexicon()
    clean = no_fix = 0
    word_to_word = 0
    examples = []
    for s in sentences:
        changes = proposals(s)
        if not changes:
            clean += 1
        if not any(is_fix(c) for c in changes):
            no_fix += 1
        for c in changes:
            parts = [p for p in re.split(rf"[\s{ZWNJ}]+", c.new) if p]
            if c.old.replace(ZWNJ, "").replace(" ", "") == c.new.replace(ZWNJ, "").replace(" ", "") and all(
                known(p) for p in parts
            ) and ZWNJ + ZWNJ not in c.new and c.old != c.new and len(parts) > len([p for p in re.split(rf"[\s{ZWNJ}]+", c.old) if p]):
                word_to_word += 1
            if len(examples) < show:
                examples.append(f"    {c.old!r} -> {c.new!r} ({getattr(c, 'confidence', 'high')}) in: {s[:80]}")
    n = len(sentences)
    return {"set": name, "sentences": n, "no proposal": clean / n, "no fix": no_fix / n,
            "word→other word": word_to_word, "examples": examples}


# --- 2. recall -----------------------------------------------------------------------------

def category(word: str) -> str:
    parts = word.split(ZWNJ)
    if parts[0] in ("می", "نمی"):
        return "verb prefix می/نمی"
    tail = parts[-1]
    if tail.startswith("ها") and len(parts) == 2:
        return "plural ها/های"
    if tail in ("ای", "ایی") and len(parts) == 2:
        return "ای"
    if tail in _PARTICIPLE_TAIL and len(parts) == 2 and parts[0].endswith("ه"):
        return "participle + اند/ام/ایم"
    if tail in ("تر", "تری", "ترین") and len(parts) == 2:
        return "تر/ترین"
    return "compound"


def zwnj_cases(sentences: list[str]):
    """(category, variant, broken sentence, gold sentence, offset, word)."""
    for s in sentences:
        for m in _WORD.finditer(s):
            word = m.group(0)
            if ZWNJ not in word.strip(ZWNJ):
                continue
            cat = category(word)
            for variant, sep in (("joined", ""), ("spaced", " ")):
                broken_word = word.replace(ZWNJ, sep)
                broken = s[: m.start()] + broken_word + s[m.end() :]
                yield cat, variant, broken, s, m.start(), word


_AR = str.maketrans("یک", "يك")
_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
_ARABIC_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")


def char_cases(sentences: list[str]):
    for s in sentences:
        for m in _WORD.finditer(s):
            word = m.group(0)
            if any(ch in word for ch in "یک"):
                yield "Arabic letters ي ك", "arabic", s[: m.start()] + word.translate(_AR) + s[m.end() :], s, None, None
            if word.isdigit():
                for variant, table in (("latin", _LATIN), ("arabic-indic", _ARABIC_DIGITS)):
                    yield "digits", variant, s[: m.start()] + word.translate(table) + s[m.end() :], s, None, None
        for m in re.finditer(r"(?<=\w)([،؛؟.])(?= |$)", s):
            i = m.start()
            yield "spacing around punctuation", "space before", s[:i] + " " + s[i:], s, None, None
            if m.group(1) == "،":
                yield "spacing around punctuation", "latin comma", s[:i] + "," + s[i + 1 :], s, None, None
                if i + 2 < len(s):
                    yield "spacing around punctuation", "no space after", s[: i + 1] + s[i + 2 :], s, None, None
            if m.group(1) == "؟":
                yield "spacing around punctuation", "latin ?", s[:i] + "?" + s[i + 1 :], s, None, None


def recall(sentences: list[str], per_category: int, seed: int = 1) -> dict:
    cases = defaultdict(list)
    for case in list(zwnj_cases(sentences)) + list(char_cases(sentences)):
        cases[(case[0], case[1])].append(case)
    rng = random.Random(seed)
    out = {}
    for key in sorted(cases):
        chosen = cases[key] if len(cases[key]) <= per_category else rng.sample(cases[key], per_category)
        restored = asked = 0
        missed = []
        for _cat, _variant, broken, gold, offset, word in chosen:
            changes = proposals(broken)
            fixed = applied(broken, changes)
            if word is None:
                ok = fixed == gold
            else:
                ok = fixed[offset : offset + len(word)] == word and (
                    offset + len(word) == len(fixed) or not re.match(rf"[\w{ZWNJ}]", fixed[offset + len(word)])
                )
            restored += ok
            if not ok and any(not is_fix(c) for c in changes):
                asked += 1
            if not ok and len(missed) < 4:
                missed.append(word or broken[:60])
        out[key] = (len(chosen), restored, asked, missed)
    return out


# --- 3. speed --------------------------------------------------------------------------------

def article(sentences_src: list[dict], words: int = 1500) -> str:
    paragraphs, n = [], 0
    for r in sentences_src:
        for p in r["paragraphs"]:
            paragraphs.append(p)
            n += len(p.split())
            if n >= words:
                return "".join(f"<p>{p}</p>" for p in paragraphs)
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def speed(runs: int) -> list[tuple[str, int, float, float]]:
    import django

    django.setup()
    from hamafza.workspace.textcheck import checks

    path = load_corpus.corpus_path(10000)
    records = [r for r in load_corpus.read_records(path, 3000) if r["zwnj_style"] == "standard"]
    body = article(records)
    out = []
    for name, text in (("correct", body), ("ZWNJs deleted", body.replace(ZWNJ, ""))):
        checks.field_changes("body", text)  # warm-up: loading the lexicon is not part of a check
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            found = checks.field_changes("body", text)
            times.append((time.perf_counter() - t0) * 1000)
        words = len(re.sub(r"<[^>]+>", " ", text).split())
        out.append((name, words, statistics.median(times), max(times), len(found)))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--per-category", type=int, default=400)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--show", type=int, default=8, help="examples of false proposals to print")
    args = parser.parse_args(argv)

    corpus, n_records = corpus_sentences(args.records)
    hand = hand_sentences()
    print(f"corpus: {n_records} standard records, {len(corpus)} sentences; hand set: {len(hand)} sentences")

    t0 = time.perf_counter()
    print("\n1. precision on correct text")
    print(f"  {'set':<10} {'sentences':>9} {'no proposal':>12} {'no fix':>8} {'word→other word':>16}")
    for name, sents in (("corpus", corpus), ("hand", hand), ("both", corpus + hand)):
        p = precision(name, sents, args.show if name != "both" else 0)
        print(f"  {p['set']:<10} {p['sentences']:>9} {p['no proposal']:>11.2%} {p['no fix']:>7.2%} {p['word→other word']:>16}")
        for line in p["examples"]:
            print(line)

    print("\n2. recall on broken text (fixes only; «asked»: not restored but a question was shown)")
    print(f"  {'category':<28} {'variant':<15} {'cases':>6} {'restored':>9} {'asked':>6}  missed (examples)")
    for set_name, sents in (("corpus", corpus), ("hand", hand)):
        print(f"  -- {set_name}")
        for (cat, variant), (n, ok, asked, missed) in recall(sents, args.per_category).items():
            print(f"  {cat:<28} {variant:<15} {n:>6} {ok / n:>8.1%} {asked:>6}  {' | '.join(missed)}")

    print("\n3. speed: a 1,500-word article through the editor's check (HTML body)")
    for name, words, median, worst, found in speed(args.runs):
        print(f"  {name:<15} {words} words: median {median:.0f} ms, max {worst:.0f} ms, {found} changes")
    print(f"\n(total {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
