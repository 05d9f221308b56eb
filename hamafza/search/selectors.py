"""Public search: the portal's and the API's one entry point.

A search costs two queries whatever the query: the engine ranks a bounded candidate set and
returns ids (hamafza.search.backends), then one query reads the shown page's items with their
text. Snippets are built only for the shown items, and only around the first hit: the hit is
found with one regular expression that tolerates the spellings the index folds (Arabic letters,
digits, ZWNJ, diacritics), then checked with the index's own folding.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connection
from markupsafe import Markup, escape

from hamafza.newsroom.models import Image, NewsItem
from hamafza.persian import searchtext

from . import cache as results_cache
from .backends import CANDIDATES, Filters, get_backend
from .indexing import plain_text

SNIPPET_WORDS = 32
MAX_LIMIT = 100


@dataclass
class SearchPage:
    items: list[NewsItem] = field(default_factory=list)  # each with .snippet and .title_html (Markup)
    has_next: bool = False
    total_estimate: int = 0  # matches among the ranked candidates; CANDIDATES means "at least"
    query: searchtext.Query | None = None

    @property
    def capped(self) -> bool:
        """True when there may be more matches than the estimate says."""
        return self.total_estimate >= CANDIDATES


def search_public(
    council_id: int,
    query: str,
    agency_id: int | None = None,
    sector_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    offset: int = 0,
    limit: int = 20,
    cached: bool = True,
) -> SearchPage:
    """Published items on the council's portal that match `query`, best first. With `cached`,
    a page computed in this process since the last index write (and recently) is reused."""
    query = (query or "")[: settings.MAX_QUERY_LENGTH]
    offset, limit = max(0, int(offset)), max(1, min(int(limit), MAX_LIMIT))
    if not cached:
        return _search(council_id, query, agency_id, sector_id, start, end, offset, limit)
    key = (results_cache.generation(), council_id, query, agency_id, sector_id, start, end, offset, limit)
    found = results_cache.get(key)
    if found is None:
        found = _search(council_id, query, agency_id, sector_id, start, end, offset, limit)
        results_cache.put(key, found)
    return found


def _search(council_id, query, agency_id, sector_id, start, end, offset, limit) -> SearchPage:
    parsed = searchtext.parse_query(query)
    if parsed.empty:
        return SearchPage(query=parsed)
    filters = Filters(council_id, agency_id, sector_id, start, end)
    ids = get_backend().candidates(parsed, filters)
    page_ids = ids[offset : offset + limit]
    words = _highlight_set(parsed)
    items = []
    for item, body in _fetch(page_ids):
        item.snippet = snippet(f"{item.lead}\n{plain_text(body)}", words)
        item.title_html = highlight(item.title, words)
        items.append(item)
    return SearchPage(items, offset + limit < len(ids), len(ids), parsed)


def search_staff(user, query: str, status: str | None = None, offset: int = 0, limit: int = 20) -> SearchPage:
    """The workspace's search: the items `user` may see (policy.visible_items: their agencies'
    drafts, supporting drafts they accepted, items in review for those who oversee them, every
    published item) that match `query`, best first among the newest candidates. Same query
    processing as search_public; never cached (the answer depends on the person)."""
    from hamafza import policy

    query = (query or "")[: settings.MAX_QUERY_LENGTH]
    offset, limit = max(0, int(offset)), max(1, min(int(limit), MAX_LIMIT))
    parsed = searchtext.parse_query(query)
    if parsed.empty:
        return SearchPage(query=parsed)
    visible = policy.visible_items(user)
    if status:
        visible = visible.filter(status=status)
    visible = visible.values("pk").order_by()
    ids = get_backend().candidates_within(parsed, visible.query.sql_with_params())
    page_ids = ids[offset : offset + limit]
    words = _highlight_set(parsed)
    items = []
    updated = dict(NewsItem.objects.filter(pk__in=page_ids).values_list("pk", "updated_at"))
    for item, body in _fetch(page_ids):
        item.snippet = snippet(f"{item.lead}\n{plain_text(body)}", words)
        item.title_html = highlight(item.title, words)
        item.updated_at = updated.get(item.pk)
        items.append(item)
    return SearchPage(items, offset + limit < len(ids), len(ids), parsed)


# ------------------------------------------------------------------------------ the shown page
def _columns() -> tuple[str, str]:
    items, images = NewsItem._meta.db_table, Image._meta.db_table
    return (
        "i.id, i.slug, i.kicker, i.title, i.lead, i.published_at, i.lead_agency_id, i.city, i.status, i.body, "
        "img.id, img.file, img.width, img.height, img.caption, img.credit, img.alt",
        f"FROM {items} i LEFT JOIN {images} img ON img.id = i.main_image_id",
    )


def _aware(value) -> dt.datetime | None:
    if isinstance(value, str):  # SQLite through a raw cursor
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def _fetch(ids: list[int]) -> list[tuple[NewsItem, str]]:
    """The items of `ids` in that order, each with its main image, and its HTML body: one query
    in plain SQL (the ORM costs more than the query on a page of twenty)."""
    if not ids:
        return []
    columns, source = _columns()
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} {source} WHERE i.id IN ({marks})", ids)
        rows = {r[0]: r for r in cursor.fetchall()}
    out = []
    for item_id in ids:
        r = rows.get(item_id)
        if r is None:
            continue
        item = NewsItem(
            id=r[0], slug=r[1], kicker=r[2], title=r[3], lead=r[4], published_at=_aware(r[5]),
            lead_agency_id=r[6], city=r[7], status=r[8], main_image_id=r[10],
        )
        item.main_image = (
            Image(id=r[10], file=r[11], width=r[12], height=r[13], caption=r[14], credit=r[15], alt=r[16])
            if r[10] is not None else None
        )
        out.append((item, r[9] or ""))
    return out


# ---------------------------------------------------------------------------------- highlights
def _highlight_set(query: searchtext.Query) -> frozenset[str]:
    words = query.highlight_words()
    compounds = searchtext._compounds()
    for w in list(words):
        words.update(compounds.get(w, ()))
    return frozenset(words)


_WORD = re.compile(r"[^\W_]+(?:\u200c+[^\W_]+)*")


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    folded = searchtext.fold(word)
    return (searchtext.exact_form(folded), *searchtext._stems(folded))


def _hit(word: str, words: frozenset[str]) -> bool:
    return any(form in words for form in _forms(word))


def highlight(text: str, words: frozenset[str]) -> Markup:
    """The text escaped, with the words the query matches in <mark>. Only the places where the
    hit pattern finds a possible spelling are checked word by word."""
    pattern = _hit_pattern(frozenset(words))
    if pattern is None:
        return escape(text)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue
        token = _token_at(text, m.start(), m.end())
        if token is not None and token.start() >= pos and _hit(token.group(0), words):
            out.append(escape(text[pos : token.start()]))
            out.append(Markup("<mark>%s</mark>") % token.group(0))
            pos = token.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _token_at(text: str, start: int, end: int) -> re.Match | None:
    """The word of `text` that holds position `start`."""
    for token in _WORD.finditer(text, max(0, start - 64), min(len(text), end + 64)):
        if token.start() <= start < token.end():
            return token
        if token.start() > start:
            break
    return None


# Characters searchtext.fold() removes, which may stand between the letters of a word as written.
_IGNORABLE = "[\u200c\u0640\u0621\u064b-\u065f\u0670\u00ad\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*"


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Folded character → a regex class of the characters that fold to it."""
    sources: dict[str, set[str]] = {}
    for char in {*searchtext._FOLD_STR, "ؤ"}:
        for target in {searchtext.fold(char), searchtext.fold(char + "و")[:1]}:
            if target:
                sources.setdefault(target, {target}).add(char)
    return {target: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]" for target, chars in sources.items()}


@lru_cache(maxsize=1024)
def _hit_pattern(words: frozenset[str]) -> re.Pattern | None:
    """A regex that finds where any of `words` (folded exact forms) may be written in a text."""
    spellings = _spellings()
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        chars = [spellings.get(c, re.escape(c)) for c in word]
        if chars:
            alternatives.append(_IGNORABLE.join(chars))
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def _first_hit(text: str, words: frozenset[str], tries: int = 200) -> int | None:
    """Where the first word of `text` that the query matches starts, or None."""
    pattern = _hit_pattern(words)
    if pattern is None:
        return None
    for n, m in enumerate(pattern.finditer(text)):
        if n >= tries:
            break
        token = _token_at(text, m.start(), m.end())
        if token is not None and _hit(token.group(0), words):
            return token.start()
    return None


def snippet(text: str, words: frozenset[str] | set[str], size: int = SNIPPET_WORDS) -> Markup:
    """About `size` words of the text around its first hit, hits marked, the rest escaped.
    Only a window of characters around the hit is split into words."""
    words = frozenset(words)
    text = " ".join(text.split())
    if not text:
        return Markup("")
    at = _first_hit(text, words) or 0
    # Room for size/3 words before the hit and the rest after it, cut at spaces.
    lo = max(0, at - 20 * (size // 3 + 1))
    if lo > 0:
        lo = text.find(" ", lo) + 1 or at
        lo = min(lo, at)
    hi = min(len(text), at + 20 * size)
    if hi < len(text):
        space = text.rfind(" ", at, hi)
        hi = space if space > at else hi
    window = text[lo:hi]
    matches = list(_WORD.finditer(window))
    if not matches:
        return Markup("")
    first = next((k for k, m in enumerate(matches) if m.start() >= at - lo), 0)
    start_k = max(0, first - size // 3)
    end_k = min(len(matches), start_k + size)
    start, end = matches[start_k].start(), matches[end_k - 1].end()
    body = highlight(window[start:end], words)
    before = lo > 0 or start_k > 0
    after = hi < len(text) or end_k < len(matches)
    return Markup("%s%s%s") % ("… " if before else "", body, " …" if after else "")


# --------------------------------------------------------------------------------- suggestions
POPULAR_TAGS_CACHE = 600  # seconds
RECENT_FOR_TAGS = 500


def popular_tags(council_id: int, limit: int = 8) -> list[tuple[str, str]]:
    """(name, slug) of the tags most used by the council's latest items: what to offer when a
    search finds nothing. Bounded (the latest RECENT_FOR_TAGS items) and cached for a while."""
    from django.core.cache import cache

    from hamafza.newsroom.models import ItemTag, Placement, Tag

    key = f"search:popular-tags:{council_id}:{limit}"
    found = cache.get(key)
    if found is not None:
        return found
    sql = (
        f"SELECT t.name, t.slug FROM (SELECT item_id FROM {Placement._meta.db_table} WHERE council_id = %s "
        f"ORDER BY published_at DESC LIMIT {RECENT_FOR_TAGS}) p "
        f"JOIN {ItemTag._meta.db_table} it ON it.item_id = p.item_id JOIN {Tag._meta.db_table} t ON t.id = it.tag_id "
        f"GROUP BY t.id, t.name, t.slug ORDER BY COUNT(*) DESC, t.name LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [council_id, limit])
        found = [(name, slug) for name, slug in cursor.fetchall()]
    cache.set(key, found, POPULAR_TAGS_CACHE)
    return found
