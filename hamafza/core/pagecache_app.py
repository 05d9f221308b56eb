"""The lean page-cache lookup in front of Django (hamafza/wsgi.py wraps the application in it).

A GET or HEAD from a reader who is not signed in (no session cookie, no Authorization header) is
looked up by (scheme, host, path, query string, language, HTMX); a stored page whose generations
still match (hamafza.core.pagecache) is answered from bytes, without Django's middleware, URL
resolution, view or template. Anything else goes to Django untouched. A response is stored only
when a public view marked it (pagecache.MARK_HEADER, removed here), it is a 200 to a GET, and it
sets no cookie, does not vary on cookies and is not private.

A layer between the page cache and Django that needs to see every answer of a page, stored ones
included (reach counting, hamafza.reach.wsgi), leaves a note in environ[pagecache.NOTE_ENV] when
the page is rendered; the note is stored with the page and every answer from the store calls
on_hit(environ, note) (a failure there is logged, never the reader's).

The Content-Security-Policy nonce: a stored page carries the nonce of the request that rendered
it; every answer from the store gets a fresh nonce, written both into the header and in place of
the old one in the body (same length), so a nonce is never reused across responses.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import time
from collections.abc import Callable

from django.conf import settings

from . import pagecache

log = logging.getLogger(__name__)

_NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=_-]+)'")
_DROP = {"content-length", "date", "server", pagecache.MARK_HEADER.lower()}


class PageCacheApp:
    def __init__(self, app, on_hit: Callable[[dict, str], None] | None = None):
        self.app = app
        self.on_hit = on_hit
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.language_cookie = settings.LANGUAGE_COOKIE_NAME
        self.languages = {code for code, _name in settings.LANGUAGES}
        self.default_language = settings.LANGUAGE_CODE
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.max_bytes = settings.PAGE_CACHE_MAX_BYTES

    # ------------------------------------------------------------------ the key
    def key(self, environ: dict) -> str | None:
        """The lookup key, or None when this request must go to Django and never be stored."""
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":
            return None
        if "HTTP_AUTHORIZATION" in environ:
            return None
        language = self.default_language
        cookies = environ.get("HTTP_COOKIE")
        if cookies:
            if self.session_cookie in cookies:  # signed in (or was): never from the store
                return None
            if self.language_cookie in cookies:
                language = self._language(cookies)
        return "\n".join((
            environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme", "http"),
            (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower(),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            language,
            environ.get("HTTP_HX_REQUEST", ""),
        ))

    def _language(self, cookies: str) -> str:
        for part in cookies.split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.language_cookie:
                return value if value in self.languages else self.default_language
        return self.default_language

    # ------------------------------------------------------------------ the request
    def __call__(self, environ: dict, start_response):
        key = self.key(environ)
        if key is None:
            return self.app(environ, start_response)
        entry = self.lookup(key)
        if entry is not None:
            return self.answer(entry, environ, start_response)
        if environ["REQUEST_METHOD"] == "HEAD":  # answered from a stored GET only
            return self.app(environ, start_response)
        return self.render(key, environ, start_response)

    def lookup(self, key: str) -> pagecache.Entry | None:
        store = pagecache.local_store()
        entry = store.get(key)
        if entry is None:
            entry = pagecache.shared_get(key)
            if entry is None:
                return None
            if self.fresh(entry):
                store.set(key, entry)
                return entry
            return None
        if self.fresh(entry):
            return entry
        store.discard(key)
        return None

    @staticmethod
    def fresh(entry: pagecache.Entry) -> bool:
        return entry.expires > time.time() and pagecache.generations().read(entry.council_id) == entry.generation

    def answer(self, entry: pagecache.Entry, environ: dict, start_response):
        if entry.note and self.on_hit is not None:
            try:
                self.on_hit(environ, entry.note)
            except Exception:  # noqa: BLE001 - a side count is never worth a reader's page
                log.exception("page cache: on_hit failed")
        headers = list(entry.headers)
        if not entry.nonce:
            body = entry.parts[0]
        else:
            nonce = base64.b64encode(os.urandom(16)).decode("ascii")
            body = nonce.encode("ascii").join(entry.parts)
            headers = [
                (name, value.replace(entry.nonce, nonce)) if name.lower().startswith("content-security-policy")
                else (name, value)
                for name, value in headers
            ]
        headers.append(("Content-Length", str(len(body))))
        headers.append(("X-Page-Cache", "hit"))
        start_response(entry.status, headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def render(self, key: str, environ: dict, start_response):
        environ[pagecache.GLOBAL_ENV] = pagecache.generations().read_global()
        seen: dict = {}

        def record(status, headers, exc_info=None):
            seen.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: None  # Django never uses write()

        result = self.app(environ, record)
        headers = seen["headers"]
        mark = next((v for k, v in headers if k.lower() == _DROP_MARK), None)
        if mark is None:
            start_response(seen["status"], headers, seen["exc_info"])
            return result
        headers = [(k, v) for k, v in headers if k.lower() != _DROP_MARK]
        start_response(seen["status"], headers, seen["exc_info"])
        if not self.storable(seen["status"], headers):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if len(body) <= self.max_bytes:
            self.store(key, mark, seen["status"], headers, body, environ.get(pagecache.NOTE_ENV, ""))
        return [body]

    @staticmethod
    def storable(status: str, headers: list[tuple[str, str]]) -> bool:
        if not status.startswith("200"):
            return False
        for name, value in headers:
            name = name.lower()
            if name == "set-cookie":
                return False
            if name == "vary" and "cookie" in value.lower():
                return False
            if name == "cache-control" and ("private" in value or "no-store" in value):
                return False
        return True

    def store(self, key: str, mark: str, status: str, headers: list[tuple[str, str]], body: bytes, note: str = "") -> None:
        council_id, global_generation, council_generation = (int(part) for part in mark.split(":"))
        nonce = ""
        for name, value in headers:
            if name.lower().startswith("content-security-policy"):
                found = _NONCE.search(value)
                if found:
                    nonce = found.group(1)
        entry = pagecache.Entry(
            council_id=council_id,
            generation=(global_generation, council_generation),
            expires=time.time() + self.seconds,
            status=status,
            headers=tuple((k, v) for k, v in headers if k.lower() not in _DROP),
            parts=tuple(body.split(nonce.encode("ascii"))) if nonce else (body,),
            nonce=nonce,
            note=note,
        )
        pagecache.local_store().set(key, entry)
        pagecache.shared_set(key, entry)


_DROP_MARK = pagecache.MARK_HEADER.lower()


def wrap(app, on_hit: Callable[[dict, str], None] | None = None):
    """The application with the page cache in front when settings.PAGE_CACHE is on."""
    return PageCacheApp(app, on_hit) if settings.PAGE_CACHE else app
