"""Public search: the portal's and the API's one entry point."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from markupsafe import Markup, escape

from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.selectors import LIST_FIELDS
from hamafza.persian import searchtext

from .backends import CANDIDATES, Filters, get_backend
from .indexing import plain_text

SNIPPET_WORDS = 32


@dataclass
class SearchPage:
    items: list[NewsItem] = field(default_factory=list)  # each with .snippet (Markup)
    has_next: bool = False
    total_estimate: int = 0  # matches among the ranked candidates; CANDIDATES means "at least"
    query: searchtext.Query | None = None


def search_public(
    council_id: int,
    query: str,
    agency_id: int | None = None,
    sector_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    offset: int = 0,
    limit: int = 20,
) -> SearchPage:
    """Published items on the council's portal that match `query`, best first."""
    parsed = searchtext.parse_query((query or "")[: settings.MAX_QUERY_LENGTH])
    if parsed.empty:
        return SearchPage(query=parsed)
    offset, limit = max(0, int(offset)), max(1, min(int(limit), 100))
    filters = Filters(council_id, agency_id, sector_id, start, end)
    ids = get_backend().candidates(parsed, filters)
    page_ids = ids[offset : offset + limit]
    fields = [*LIST_FIELDS, "body"]
    by_id = {i.pk: i for i in NewsItem.objects.filter(pk__in=page_ids).select_related("main_image").only(*fields)}
    words = _highlight_set(parsed)
    items = []
    for item_id in page_ids:
        item = by_id.get(item_id)
        if item is None:
            continue
        item.snippet = snippet(f"{item.lead}\n{plain_text(item.body)}", words)
        item.title_html = highlight(item.title, words)
        items.append(item)
    return SearchPage(items, offset + limit < len(ids), len(ids), parsed)


def _highlight_set(query: searchtext.Query) -> set[str]:
    words = query.highlight_words()
    compounds = searchtext._compounds()
    for w in list(words):
        words.update(compounds.get(w, ()))
    return words


_WORD = re.compile(r"[^\W_]+(?:\u200c+[^\W_]+)*")


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    folded = searchtext.fold(word)
    return (searchtext.exact_form(folded), *searchtext._stems(folded))


def _hit(word: str, words: set[str]) -> bool:
    return any(form in words for form in _forms(word))


def highlight(text: str, words: set[str]) -> Markup:
    out, pos = [], 0
    for m in _WORD.finditer(text):
        if _hit(m.group(0), words):
            out.append(escape(text[pos : m.start()]))
            out.append(Markup("<mark>%s</mark>") % m.group(0))
            pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def snippet(text: str, words: set[str], size: int = SNIPPET_WORDS) -> Markup:
    """About `size` words of the text around its first hit, hits marked, the rest escaped."""
    text = " ".join(text.split())
    matches = list(_WORD.finditer(text))
    first = next((k for k, m in enumerate(matches) if _hit(m.group(0), words)), 0)
    lo = max(0, first - size // 3)
    hi = min(len(matches), lo + size)
    if not matches:
        return Markup("")
    start, end = matches[lo].start(), matches[hi - 1].end()
    body = highlight(text[start:end], words)
    return Markup("%s%s%s") % ("… " if lo > 0 else "", body, " …" if hi < len(matches) else "")
