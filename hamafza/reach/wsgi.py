"""Counting article views where the answers are made (hamafza/wsgi.py wires both doors):

- a page Django renders: ReachApp, between the page cache and Django, sees the article view's
  counter.HEADER on a 200, takes it off, buffers the view (counter.record: no database; the cache
  is read only for the day's salt, once a day per process) and leaves the header's value as the
  page cache's note (pagecache.NOTE_ENV), stored with the page;
- a page the page cache answers from its store: the page cache hands that note to `on_hit`
  (counter.record) — one function call on a stored article, no layer of its own on every request.

Every other answer passes through untouched. Chosen over a beacon request: a beacon would double
the requests of every stored article (the page cache answers one in microseconds, so a second
request would cost about as much as the page itself), and a script or image in the page would
be a tracking device of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable

from hamafza.core.pagecache import NOTE_ENV

from . import counter

log = logging.getLogger(__name__)

_HEADER = counter.HEADER


def article_prefix() -> str:
    """The path every counted page starts with: the portal's article route up to its first
    argument ("/news/"). The only view that sets counter.HEADER is the article."""
    from django.urls import reverse

    path = reverse("portal:article", kwargs={"item_id": 0, "slug": "x"})
    return path[: path.index("/0/") + 1]


class ReachApp:
    def __init__(self, app, prefix: str | None = None):
        self.app = app
        self.prefix = article_prefix() if prefix is None else prefix

    def __call__(self, environ: dict, start_response):
        # Only a GET or HEAD of an article can carry the header: every other request passes with
        # one look-up.
        if not environ.get("PATH_INFO", "").startswith(self.prefix) or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.app(environ, start_response)

        def watch(status, headers, exc_info=None):
            for at, (name, value) in enumerate(headers):
                if name == _HEADER:
                    break
            else:
                return start_response(status, headers, exc_info)
            if status.startswith("200"):
                environ[NOTE_ENV] = value  # stored with the page: its answers from the store count
                try:
                    counter.record(environ, value)
                except Exception:  # noqa: BLE001 - a count is never worth a reader's page
                    log.exception("reach: a view was not counted")
            # a new list: not the one Django gave
            return start_response(status, headers[:at] + headers[at + 1:], exc_info)

        return self.app(environ, watch)


def wrap(app):
    """Django with reach counting around it when settings.REACH_COUNTING is on (the page cache goes
    in front, with on_hit())."""
    from django.conf import settings

    return ReachApp(app) if settings.REACH_COUNTING else app


def on_hit() -> Callable[[dict, str], None] | None:
    """What the page cache calls on every answer from its store that carries a note."""
    from django.conf import settings

    return counter.record if settings.REACH_COUNTING else None
