"""The lean path of a reader's poll: a conditional GET of the live fragment, the board's text or
JSON version or its Atom feed, whose ETag is still current, answered 304 before the rest of the
middleware and the URL resolver run — one cache read, no query, no session, no template.

The ETag names its council («"live-<council>-<stamp>"»); the host must map to that council in
the registry this process already holds (no cache read), else the request takes the normal path.
Anything else (no If-None-Match, another path, a changed stamp) goes on to Django unchanged, and
the views answer the same conditional GETs themselves (portal/views/live.py).

Two doors, one rule (`unchanged`): `FastPollApp` in front of the whole WSGI application
(hamafza/wsgi.py; before the page cache's lookup and Django's handler: no request object at all),
and `LivePollMiddleware` for whatever reaches Django another way (the test client, runserver)."""

from __future__ import annotations

import re

from django.http import HttpResponseNotModified

from hamafza.agencies import registry
from hamafza.live import stamp

PATHS = re.compile(r"^/(?:live/[0-9]{1,18}/poll/|board\.json|board/text/|board/atom/)$")
TAG = re.compile(r'^"live-([0-9]{1,18})-([0-9]{1,20})"$')


HEADERS = (("Cache-Control", "public, no-cache"), ("Vary", "Accept-Language, Cookie"))


def unchanged(path: str, host: str, tag: str, *, database: bool = True) -> bool:
    """The reader's ETag is this council's current live stamp: nothing new to send. Without
    `database`, a stamp the cache does not hold is not read from the database: the request goes
    on to Django, whose request cycle manages the connection (and fills the cache)."""
    if not PATHS.match(path):
        return False
    match = TAG.match(tag)
    reg = registry.loaded()
    if match is None or reg is None:
        return False
    council_id = int(match[1])
    council = reg.council_for_host(host)
    if council is None or council.id != council_id:
        return False
    value = stamp.cached(council_id) if not database else stamp.current(council_id)
    return value is not None and stamp.etag(council_id, value) == tag


class FastPollApp:
    """WSGI: a conditional GET of a live poll path with the current ETag → 304, nothing else runs."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ: dict, start_response):
        tag = environ.get("HTTP_IF_NONE_MATCH")
        if tag and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            tag = tag.strip()
            if unchanged(environ.get("PATH_INFO", ""), environ.get("HTTP_HOST", ""), tag, database=False):
                start_response("304 Not Modified", [("ETag", tag), *HEADERS])
                return [b""]
        return self.app(environ, start_response)


class LivePollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tag = request.META.get("HTTP_IF_NONE_MATCH", "").strip()
        if tag and request.method in ("GET", "HEAD") and unchanged(request.path_info, request.META.get("HTTP_HOST", ""), tag):
            response = HttpResponseNotModified()
            response["ETag"] = tag
            for name, value in HEADERS:
                response[name] = value
            return response
        return self.get_response(request)
