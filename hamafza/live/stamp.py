"""The change counter of a council's live pages (its events and its board).

Every live write bumps the council's LiveStamp in its transaction; after the commit the new value
is put in the cache, so a reader's poll costs one cache read (`current`) and a 304 when nothing
changed. A cache miss reads the one row and fills the cache again."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from .models import LiveStamp

TTL = 24 * 3600


def _key(council_id: int) -> str:
    return f"live:stamp:{council_id}"


def current(council_id: int) -> int:
    value = cache.get(_key(council_id))
    if value is None:
        value = LiveStamp.objects.filter(council_id=council_id).values_list("value", flat=True).first() or 0
        cache.set(_key(council_id), value, TTL)
    return value


def bump(council_id: int) -> None:
    """Inside the writing transaction; the cache and the page cache learn of it after the commit."""
    if not LiveStamp.objects.filter(council_id=council_id).update(value=F("value") + 1):
        LiveStamp.objects.get_or_create(council_id=council_id, defaults={"value": 1})
    transaction.on_commit(lambda: _after_commit(council_id))


def _after_commit(council_id: int) -> None:
    from hamafza.core import pagecache

    cache.delete(_key(council_id))
    current(council_id)
    pagecache.invalidate_council(council_id)


def cached(council_id: int) -> int | None:
    """The stamp if the cache holds it, without reading the database (the WSGI poll path runs
    outside Django's request cycle, which opens and closes database connections)."""
    return cache.get(_key(council_id))


def etag(council_id: int, value: int | None = None) -> str:
    return f'"live-{council_id}-{current(council_id) if value is None else value}"'
