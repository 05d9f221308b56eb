"""The counting layer in front of the page cache (hamafza/wsgi.py wraps the application in it).

It sees every answer, whether the page cache gave stored bytes or Django rendered the page: the
article view marks its 200 with counter.HEADER, which the page cache stores with the page; here
the header is taken off and the view buffered (counter.record: no database; the cache is read
only for the day's salt, once a day per process).
Every other answer passes through untouched. Chosen over a beacon request: a beacon would double
the requests of every stored article (the page cache answers one in microseconds, so a second
request would cost about as much as the page itself), and a script or image in the page would
be a tracking device of its own."""

from __future__ import annotations

import logging

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
        # one look-up (the wrapper below costs about a microsecond).
        if not environ.get("PATH_INFO", "").startswith(self.prefix) or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.app(environ, start_response)

        def watch(status, headers, exc_info=None):
            for at, (name, value) in enumerate(headers):
                if name == _HEADER:
                    break
            else:
                return start_response(status, headers, exc_info)
            if status.startswith("200"):
                try:
                    counter.record(environ, value)
                except Exception:  # noqa: BLE001 - a count is never worth a reader's page
                    log.exception("reach: a view was not counted")
            # a new list: the page cache stores the one it gave
            return start_response(status, headers[:at] + headers[at + 1:], exc_info)

        return self.app(environ, watch)


def wrap(app):
    """The application with reach counting in front when settings.REACH_COUNTING is on."""
    from django.conf import settings

    return ReachApp(app) if settings.REACH_COUNTING else app
