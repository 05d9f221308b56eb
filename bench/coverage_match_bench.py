#!/usr/bin/env python3
"""Matching quality of coverage monitoring (hamafza.coverage.matcher) on the shared corpus.

Our items: the first N_ITEMS records of the corpus (../shared/corpus/, read as bench/load_corpus.py
reads it). Reprints: each item rewritten by an outlet, with edits of increasing strength —
  L0  new headline, «به گزارش …» prefix, ZWNJs written as spaces or not at all, Arabic ي/ك
  L1  L0 and a quarter of the paragraphs cut, the lead rewritten
  L2  L0 and half of the text kept (first paragraphs), plus a paragraph of the outlet's own
  L3  a third of the text kept, plus two paragraphs of other news
  L4  a fifth of the text kept inside another article (a round-up)
Non-reprints: other records of the corpus (same categories, hence the same topics, places and the
corpus's stock phrases) and round-ups made of three other records.
Every text goes through the whole index of our items, as the fetcher's does.

usage: .venv/bin/python bench/coverage_match_bench.py [--items 300] [--others 700]
prints precision of "match" verdicts, recall per level, and how many went to review.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402
import os  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from bench.load_corpus import corpus_path, read_records  # noqa: E402
from hamafza.coverage import matcher  # noqa: E402

PREFIXES = ["به گزارش خبرگزاری ایرنا از اهواز،", "به گزارش خبرنگار ما،", "به گزارش پایگاه خبری جنوب به نقل از روابط عمومی،",
            "به گزارش ایسنا منطقه خوزستان،"]
LEVELS = {"L0": 1.0, "L1": 0.75, "L2": 0.5, "L3": 0.34, "L4": 0.2}


def respell(text: str, rng: random.Random) -> str:
    style = rng.choice(["space", "none", "keep"])
    if style == "space":
        text = text.replace("\u200c", " ")
    elif style == "none":
        text = text.replace("\u200c", "")
    if rng.random() < 0.5:
        text = text.replace("ی", "ي").replace("ک", "ك")
    return text


def sentences(rec: dict) -> list[str]:
    out = []
    for p in rec["paragraphs"]:
        out.extend(s.strip() + "." for s in p.split(".") if s.strip())
    return out


def reprint(rec: dict, level: str, rng: random.Random, others: list[dict]) -> str:
    share = LEVELS[level]
    sents = sentences(rec)
    keep = max(1, round(len(sents) * share))
    if level == "L1":
        idx = sorted(rng.sample(range(len(sents)), keep))
        body = [sents[i] for i in idx]
        lead = ""
    else:
        body = sents[:keep]
        lead = rec["lead"] if level == "L0" else ""
    extra: list[str] = []
    if level == "L2":
        extra = sentences(rng.choice(others))[:2]
    elif level in ("L3", "L4"):
        n = 2 if level == "L3" else 4
        for o in rng.sample(others, n):
            extra.extend(sentences(o)[:3])
    title = "تیتر تازهٔ رسانه: " + " ".join(rec["title"].split()[:3])
    parts = [title, rng.choice(PREFIXES) + " " + lead, " ".join(body)]
    if level == "L4":
        parts = [title, " ".join(extra[:6]), " ".join(body), " ".join(extra[6:])]
    else:
        parts.append(" ".join(extra))
    return respell("\n".join(parts), rng)


def record_text(rec: dict) -> str:
    return "\n".join([rec["title"], rec["lead"], *rec["paragraphs"]])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--others", type=int, default=700)
    args = ap.parse_args()
    records = read_records(corpus_path(2000), args.items + args.others)
    ours, others = records[: args.items], records[args.items :]
    rng = random.Random(1402)
    t0 = time.perf_counter()
    rows = [(i, 1, None, " ".join(matcher.folded_tokens(record_text(r)))) for i, r in enumerate(ours)]
    index = matcher.ItemIndex(0, rows=rows, hostname="khz.example.ir")
    build = time.perf_counter() - t0

    tp = fp = 0
    review_pos = review_neg = 0
    recall: dict[str, list[int]] = {lv: [0, 0, 0] for lv in LEVELS}  # matched, review, total
    pairs = 0
    t0 = time.perf_counter()
    for i, rec in enumerate(ours):
        for level in LEVELS:
            text = reprint(rec, level, rng, others)
            verdicts = index.match(matcher.folded_tokens(text))
            pairs += 1
            recall[level][2] += 1
            for v in verdicts:
                if v.item_id == i:
                    if v.confirmed:
                        recall[level][0] += 1
                        tp += 1
                    else:
                        recall[level][1] += 1
                        review_pos += 1
                elif v.confirmed:
                    fp += 1
                else:
                    review_neg += 1
    negatives = 0
    for rec in others:
        texts = [record_text(rec)]
        mix = rng.sample(others, 3)
        texts.append("\n".join(" ".join(sentences(m)[:4]) for m in mix))
        for text in texts:
            negatives += 1
            pairs += 1
            for v in index.match(matcher.folded_tokens(respell(text, rng))):
                if v.confirmed:
                    fp += 1
                else:
                    review_neg += 1
    elapsed = time.perf_counter() - t0
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(f"items {len(ours)}, texts matched {pairs} ({len(ours) * len(LEVELS)} reprints, {negatives} non-reprints), "
          f"passages of {matcher.RUN} words, thresholds accept {matcher.ACCEPT} review {matcher.REVIEW} min shared {matcher.MIN_SHARED}")
    print(f"index built in {build:.2f}s; {elapsed / pairs * 1000:.1f} ms per text (measured under load)")
    print(f"precision of matches: {precision:.4f} ({tp} true, {fp} false)")
    for level, (m, r, n) in recall.items():
        print(f"  {level} keeps {LEVELS[level]:.0%}: recall {m / n:.4f} ({m}/{n}), to review {r}")
    half = [recall[lv] for lv in LEVELS if LEVELS[lv] >= 0.5]
    hm, hn = sum(x[0] for x in half), sum(x[2] for x in half)
    print(f"recall for reprints keeping at least half the text: {hm / hn:.4f}")
    print(f"to review: {review_pos} reprints, {review_neg} non-reprints")


if __name__ == "__main__":
    main()
