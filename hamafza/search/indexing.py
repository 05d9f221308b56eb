"""Writing items into the search index: one item (from the task) or all of them (reindex)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from hamafza.newsroom.models import NewsItem
from hamafza.persian.searchtext import analyze

from .backends import get_backend
from .cache import index_changed
from .models import SearchDocument

_TAG = re.compile(r"<[^>]*>")
TEXT_FIELDS = ("kicker", "title", "lead", "body")


def plain_text(value: str) -> str:
    """HTML to text: tags become spaces, entities are decoded."""
    return html.unescape(_TAG.sub(" ", value or ""))


def item_text(item: NewsItem) -> str:
    return "\n".join([item.kicker, item.title, item.lead, plain_text(item.body)])


def _documents(items: Iterable[NewsItem]) -> list[SearchDocument]:
    return [
        _document(item.pk, item.status, item.lead_agency_id, item.published_at, item_text(item)) for item in items
    ]


def _document(item_id, status, lead_agency_id, published_at, text: str) -> SearchDocument:
    analysis = analyze(text)
    return SearchDocument(
        item_id=item_id, status=status, lead_agency_id=lead_agency_id,
        published_at=published_at, exact=analysis.exact_text, extra=analysis.extra_text,
    )


def index_items(items: Iterable[NewsItem]) -> int:
    """(Re)index these items; returns how many."""
    docs = _documents(items)
    if not docs:
        return 0
    backend = get_backend()
    with transaction.atomic():
        ids = [d.item_id for d in docs]
        old = {r[0]: (r[1], r[2]) for r in SearchDocument.objects.filter(item_id__in=ids).values_list("item_id", "exact", "extra")}
        SearchDocument.objects.filter(item_id__in=ids).delete()
        SearchDocument.objects.bulk_create(docs)
        with connection.cursor() as cursor:
            backend.write(cursor, [(d.item_id, d.exact, d.extra) for d in docs], old)
    index_changed()
    return len(docs)


def index_item(item_id: int) -> bool:
    """Bring one item's document in line with the item; drop it when the item is gone."""
    item = NewsItem.objects.filter(pk=item_id).only("id", "status", "lead_agency_id", "published_at", *TEXT_FIELDS).first()
    if item is None:
        remove_item(item_id)
        return False
    index_items([item])
    return True


def remove_item(item_id: int) -> None:
    index_changed()  # also when the document went with its item (on delete cascade)
    with transaction.atomic():
        old = SearchDocument.objects.filter(item_id=item_id).values_list("exact", "extra").first()
        if old is None:
            return
        with connection.cursor() as cursor:
            get_backend().delete(cursor, item_id, old)
        SearchDocument.objects.filter(item_id=item_id).delete()


def reindex_all(batch_size: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the items, in batches; `progress(done, total)` after each."""
    backend = get_backend()
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
        SearchDocument.objects.all().delete()
    total = NewsItem.objects.count()
    done, last_id = 0, 0
    fields = ("id", "status", "lead_agency_id", "published_at", *TEXT_FIELDS)
    while True:
        # Plain rows, not model instances: the text processing is the cost, not the reading.
        batch = list(NewsItem.objects.filter(pk__gt=last_id).order_by("pk").values_list(*fields)[:batch_size])
        if not batch:
            break
        last_id = batch[-1][0]
        docs = [
            _document(pk, status, agency_id, published_at, "\n".join([kicker, title, lead, plain_text(body)]))
            for pk, status, agency_id, published_at, kicker, title, lead, body in batch
        ]
        with transaction.atomic():
            SearchDocument.objects.bulk_create(docs)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    backend.write(cursor, [(d.item_id, d.exact, d.extra) for d in docs], {})
        done += len(batch)
        if progress:
            progress(done, total)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            backend.rebuild(cursor)
    index_changed()
    return done
