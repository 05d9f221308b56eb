"""Which of the council's items an outlet's entry carried.

Both sides go through the search index's processing (hamafza.persian.searchtext: folded
characters, ZWNJ deleted, compounds written with a space joined), so «اطلاع‌رسانی»,
«اطلاع رسانی» and «اطلاعرسانی», ي/ی and ك/ک are one word. The items' side is the index's own
`SearchDocument.exact`. Two shingle sizes:

- passages of RUN words (16): `similarity` = the share of our item's passages found in the entry.
  News of one office reuses whole sentences («مدیر روابط عمومی این اداره کل در نشستی با
  خبرنگاران …»): unrelated items of the shared corpus share up to 72 % of their word triples but
  rarely two sentences in a row, which a reprint keeps. Candidates come from MinHash LSH over
  these passages; the verdict is taken on the exact sets.
- word triples: `kept` = the share of our text the outlet kept (what the office reads).
A changed headline, a «به گزارش …» prefix or cut paragraphs lower both only by what was cut.

- similarity ≥ ACCEPT (and at least MIN_SHARED passages in common) → a confirmed record;
- REVIEW ≤ similarity < ACCEPT → borderline: a pending record for a person to confirm or reject;
- a link to one of our portal's articles → confirmed, whatever the text.
The thresholds come from bench/coverage_match_bench.py (precision and recall on the shared corpus).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone

from hamafza.agencies.registry import get_registry
from hamafza.persian.searchtext import analyze

from . import minhash

RUN = 16
ACCEPT = 0.24
REVIEW = 0.15
MIN_SHARED = 3
WINDOW = dt.timedelta(days=30)
_ARTICLE = re.compile(r"^/(?:news|n)/(\d{1,12})(?:/|$)")


def folded_tokens(text: str) -> list[str]:
    return analyze(text or "", stems=False).exact


@dataclass(frozen=True)
class Verdict:
    item_id: int
    kept: float
    similarity: float
    via: str  # "text" | "link"
    confirmed: bool


@dataclass
class _Item:
    id: int
    lead_agency_id: int
    published_at: dt.datetime | None
    shingles: frozenset[int]  # word triples
    runs: frozenset[int]  # passages of RUN words


class ItemIndex:
    """The council's items published in the last 30 days, ready for matching."""

    def __init__(self, council_id: int, now: dt.datetime | None = None, rows: list | None = None,
                 hostname: str | None = None):
        """`rows` (item id, lead agency id, published at, exact text) and `hostname` replace the
        database and the registry (bench/)."""
        self.council_id = council_id
        council = None
        if rows is None:
            council = get_registry().councils.get(council_id)
            hostname = council.hostname if council is not None else None
        self.hosts = set()
        if hostname:
            host = hostname.lower().removeprefix("www.")
            self.hosts = {host, "www." + host}
        self.items: dict[int, _Item] = {}
        self.lsh = minhash.LSH()
        if rows is None:
            rows = self._rows(council, now or timezone.now())
        for item_id, agency_id, published_at, exact in rows:
            self.add(item_id, agency_id, published_at, exact.split())

    @staticmethod
    def _rows(council, now):
        from hamafza.newsroom.models import NewsItem
        from hamafza.search.models import SearchDocument

        if council is None:
            return []
        return list(SearchDocument.objects.filter(
            status=NewsItem.Status.PUBLISHED, lead_agency_id__in=list(council.member_ids),
            published_at__gte=now - WINDOW, published_at__lte=now + dt.timedelta(minutes=5),
        ).values_list("item_id", "lead_agency_id", "published_at", "exact"))

    def add(self, item_id: int, agency_id: int, published_at, tokens: list[str]) -> None:
        runs = minhash.shingles(tokens, RUN)
        self.items[item_id] = _Item(item_id, agency_id, published_at, minhash.shingles(tokens), runs)
        if runs:
            self.lsh.add(item_id, minhash.signature(runs))

    def linked_items(self, links: list[str]) -> set[int]:
        out = set()
        for link in links:
            try:
                parts = urlsplit(link.strip())
            except ValueError:
                continue
            if (parts.hostname or "").lower() not in self.hosts:
                continue
            m = _ARTICLE.match(parts.path)
            if m and int(m.group(1)) in self.items:
                out.add(int(m.group(1)))
        return out

    def match(self, tokens: list[str], links: list[str] = ()) -> list[Verdict]:
        verdicts: dict[int, Verdict] = {}
        their_runs = minhash.shingles(tokens, RUN)
        theirs = minhash.shingles(tokens)
        if their_runs:
            for item_id in self.lsh.candidates(minhash.signature(their_runs)):
                item = self.items[item_id]
                shared = len(item.runs & their_runs)
                similarity = shared / len(item.runs)
                verdict = classify(similarity, shared)
                if verdict == "none":
                    continue
                verdicts[item_id] = Verdict(item_id, minhash.containment(item.shingles, theirs), similarity, "text",
                                            verdict == "match")
        for item_id in self.linked_items(list(links)):
            old = verdicts.get(item_id)
            item = self.items[item_id]
            kept = old.kept if old else minhash.containment(item.shingles, theirs)
            similarity = old.similarity if old else minhash.containment(item.runs, their_runs)
            verdicts[item_id] = Verdict(item_id, kept, similarity, "link", True)
        return sorted(verdicts.values(), key=lambda v: -v.kept)


def classify(similarity: float, shared: int) -> str:
    """"match", "review" or "none" for a text comparison."""
    if shared < MIN_SHARED or similarity < REVIEW:
        return "none"
    return "match" if similarity >= ACCEPT else "review"
