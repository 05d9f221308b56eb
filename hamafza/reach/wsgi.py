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

_HEADER = counter.HEADER.lower()


class ReachApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ: dict, start_response):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.app(environ, start_response)

        def watch(status, headers, exc_info=None):
            value = None
            kept = []
            for name, header in headers:  # a new list: the page cache stores the one it gave
                if name.lower() == _HEADER:
                    value = header
                else:
                    kept.append((name, header))
            if value is None:
                return start_response(status, headers, exc_info)
            if status.startswith("200"):
                try:
                    counter.record(environ, value)
                except Exception:  # noqa: BLE001 - a count is never worth a reader's page
                    log.exception("reach: a view was not counted")
            return start_response(status, kept, exc_info)

        return self.app(environ, watch)


def wrap(app):
    """The application with reach counting in front when settings.REACH_COUNTING is on."""
    from django.conf import settings

    return ReachApp(app) if settings.REACH_COUNTING else app
