"""Recent search results, kept per process for a short while.

People repeat the same few searches (the news of the day, the key terms): a result page is
kept in each process for RESULTS_SECONDS, under a generation token that every index write
replaces in the shared cache, so a published, corrected or withdrawn item shows at once in
every process. Changes that do not pass through the index (a council's membership) show
within RESULTS_SECONDS. HAMAFZA_SEARCH_CACHE_SECONDS=0 turns it off (benchmarks of the
uncached path).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache

from hamafza.core import pagecache
from hamafza.core.env import env_int

RESULTS_SECONDS = env_int("HAMAFZA_SEARCH_CACHE_SECONDS", 60)
MAX_ENTRIES = 512
_GENERATION = "search:generation"

_entries: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def generation() -> str:
    token = cache.get(_GENERATION)
    if token is None:
        cache.add(_GENERATION, uuid.uuid4().hex, None)
        token = cache.get(_GENERATION) or ""
    return token


def index_changed() -> None:
    """Every process forgets the results it keeps, and the portal's stored search pages go
    stale (called by each index write)."""
    cache.set(_GENERATION, uuid.uuid4().hex, None)
    pagecache.invalidate_search()


def get(key: tuple):
    if RESULTS_SECONDS <= 0:
        return None
    with _lock:
        entry = _entries.get(key)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            del _entries[key]
            return None
        _entries.move_to_end(key)
        return entry[1]


def put(key: tuple, value) -> None:
    if RESULTS_SECONDS <= 0:
        return
    with _lock:
        _entries[key] = (time.monotonic() + RESULTS_SECONDS, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
