"""The public portal's page cache: generations, stored pages, invalidation.

A stored page carries the generations it was rendered at: the installation's (slot 0, bumped by
changes that show on every council's portal: agency, sector or council names, memberships) and
its council's. A change bumps a generation after its transaction commits, so every page rendered
from older data stops matching at once, in every process: the next reader renders the page again
(once per change, not once per reader), and every later reader gets the stored bytes. Pages also
expire after settings.PAGE_CACHE_SECONDS, a safety net for anything derived from time.

Where the generations live:
- embedded profile (one machine): a small memory-mapped file under var/, read with no system call
  (a page hit costs a memory read, not a cache-file read);
- scale profile (REDIS_URL): the shared Django cache (Redis), one MGET a hit.
Stored pages live in each process's memory (an LRU), backed by the shared Django cache (the file
cache or Redis), so that a page rendered by one worker is found by the others.

The lean lookup in front of Django is hamafza.core.pagecache_app; portal views mark the responses
that may be stored (hamafza.portal.views.base.portal_view); domain changes call invalidate_council
or invalidate_all (wired in hamafza.portal.invalidation).
"""

from __future__ import annotations

import fcntl
import hashlib
import mmap
import os
import struct
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

__all__ = [
    "Entry", "begin", "generations", "invalidate_all", "invalidate_council", "invalidate_search", "local_store", "reset_for_tests",
    "shared_get", "shared_set",
]

# The response header by which a portal view marks a page as storable: "<council id>:<generation>".
MARK_HEADER = "X-Hamafza-Page-Cache"
SLOTS = 4096
_WORD = struct.Struct("<q")


class FileGenerations:
    """Counters in a memory-mapped file shared by the processes of one machine. Slot 0 is the
    installation's; a council's is 1 + id mod (SLOTS - 1) (two councils sharing a slot only
    invalidate each other more often)."""

    def __init__(self, path: Path):
        self.path = path
        self._mm: mmap.mmap | None = None
        self._pid = 0

    def _map(self) -> mmap.mmap:
        if self._mm is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if os.fstat(fd).st_size < SLOTS * 8:
                    os.ftruncate(fd, SLOTS * 8)
                self._mm = mmap.mmap(fd, SLOTS * 8)
                self._pid = os.getpid()
            finally:
                os.close(fd)
        return self._mm

    @staticmethod
    def slot(council_id: int) -> int:
        return 1 + council_id % (SLOTS - 1)  # SEARCH_SCOPE (-1): the last slot

    def read(self, council_id: int) -> tuple[int, int]:
        mm = self._map()
        return _WORD.unpack_from(mm, 0)[0], _WORD.unpack_from(mm, 8 * self.slot(council_id))[0]

    def read_global(self) -> int:
        return _WORD.unpack_from(self._map(), 0)[0]

    def bump(self, council_id: int | None) -> None:
        mm = self._map()
        offset = 0 if council_id is None else 8 * self.slot(council_id)
        with open(self.path, "rb") as lock:  # one writer at a time, across processes
            fcntl.flock(lock, fcntl.LOCK_EX)
            _WORD.pack_into(mm, offset, _WORD.unpack_from(mm, offset)[0] + 1)


class CacheGenerations:
    """Counters in the shared Django cache (Redis in the scale profile: several machines)."""

    GLOBAL = "hamafza:pagecache:gen"

    def __init__(self):
        from django.core.cache import cache

        self.cache = cache

    def _key(self, council_id: int) -> str:
        return f"{self.GLOBAL}:{council_id}"

    def read(self, council_id: int) -> tuple[int, int]:
        key = self._key(council_id)
        found = self.cache.get_many([self.GLOBAL, key])
        return found.get(self.GLOBAL, 0), found.get(key, 0)

    def read_global(self) -> int:
        return self.cache.get(self.GLOBAL, 0)

    def bump(self, council_id: int | None) -> None:
        key = self.GLOBAL if council_id is None else self._key(council_id)
        self.cache.add(key, 0, timeout=None)
        try:
            self.cache.incr(key)
        except ValueError:  # evicted in between
            self.cache.set(key, int(time.time()), timeout=None)


_generations: FileGenerations | CacheGenerations | None = None


def generations() -> FileGenerations | CacheGenerations:
    global _generations
    if _generations is None:
        if settings.PAGE_CACHE_GENERATIONS == "file":
            _generations = FileGenerations(Path(settings.VAR_DIR) / "pagecache.generations")
        else:
            _generations = CacheGenerations()
    return _generations


def _bump(council_id: int | None) -> None:
    generations().bump(council_id)


def invalidate_council(council_id: int) -> None:
    """Every stored page of this council's portal is stale once the current transaction commits
    (at once outside a transaction)."""
    transaction.on_commit(lambda: _bump(council_id))


# The scope of pages made from the search index (a council's own scope is its id).
SEARCH_SCOPE = -1


def invalidate_search() -> None:
    """The search pages are stale once the current transaction commits (the index changed)."""
    invalidate_council(SEARCH_SCOPE)


def invalidate_all() -> None:
    """Every stored page of every council is stale once the current transaction commits."""
    transaction.on_commit(lambda: _bump(None))


# ------------------------------------------------------------------------------ stored pages
@dataclass(frozen=True)
class Entry:
    council_id: int
    generation: tuple[int, int]
    expires: float  # time.time()
    status: str
    headers: tuple[tuple[str, str], ...]
    # The page cut at the CSP nonce it was rendered with (one part when it has none): an answer
    # joins the parts with a fresh nonce, one copy of the bytes instead of a search-and-replace
    # over the whole page (2 µs against 12 µs for a 65 KB page).
    parts: tuple[bytes, ...]
    nonce: str  # the CSP nonce the page was rendered with ("" when it has none)
    # What an inner layer left in environ[NOTE_ENV] when the page was rendered (reach: the item the
    # page is a view of); every answer from the store passes it to the page cache's on_hit.
    note: str = ""


class LocalStore:
    """This process's stored pages, least recently used first out."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._data: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        entry = self._data.get(key)
        if entry is not None:
            try:
                self._data.move_to_end(key)
            except KeyError:
                pass
        return entry

    def set(self, key: str, entry: Entry) -> None:
        with self._lock:
            self._data[key] = entry
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def discard(self, key: str) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


_local: LocalStore | None = None


def local_store() -> LocalStore:
    global _local
    if _local is None:
        _local = LocalStore(settings.PAGE_CACHE_ENTRIES)
    return _local


def _shared_key(key: str) -> str:
    # "page2": entries of before the note (they kept reach's header among their headers) are misses
    return "hamafza:page2:" + hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()


def shared_get(key: str) -> Entry | None:
    from django.core.cache import cache

    try:
        found = cache.get(_shared_key(key))
    except Exception:  # noqa: BLE001 - a broken shared store only costs a render
        return None
    # An entry stored by an earlier version (no `parts`) is a miss, not an error.
    return found if isinstance(found, Entry) and isinstance(getattr(found, "parts", None), tuple) else None


def shared_set(key: str, entry: Entry) -> None:
    from django.core.cache import cache

    try:
        cache.set(_shared_key(key), entry, timeout=max(1, int(entry.expires - time.time())))
    except Exception:  # noqa: BLE001
        pass


def reset_for_tests() -> None:
    """Forget this process's stored pages and generation store (settings may have changed)."""
    global _generations, _local
    _generations = None
    _local = None


# ------------------------------------------------------------------------------ the view side
# The WSGI lookup puts the installation's generation, read before Django ran, into the environ;
# its presence also says that a page cache stands in front of this request.
GLOBAL_ENV = "hamafza.pagecache.global"
# Where a layer between the page cache and Django leaves a note on a page it rendered, kept with
# the stored page and handed to on_hit on every answer from the store (hamafza.core.pagecache_app).
NOTE_ENV = "hamafza.pagecache.note"


def begin(request, council_id: int) -> str | None:
    """Called by a public view BEFORE it reads any data: the mark to put on its response when
    the response may be stored ("<council>:<installation generation>:<council generation>"),
    or None when no page cache stands in front of this request."""
    global_generation = request.META.get(GLOBAL_ENV)
    if global_generation is None:
        return None
    return f"{council_id}:{global_generation}:{generations().read(council_id)[1]}"
