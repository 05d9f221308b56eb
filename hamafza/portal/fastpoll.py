"""The lean path of a reader's poll: a conditional GET of the live fragment, the board's text or
JSON version or its Atom feed, whose ETag is still current, answered 304 before the rest of the
middleware and the URL resolver run — one cache read, no query, no session, no template.

The ETag names its council («"live-<council>-<stamp>"»); the host must map to that council in
the registry this process already holds (no cache read), else the request takes the normal path.
Anything else (no If-None-Match, another path, a changed stamp) goes on to Django unchanged, and
the views answer the same conditional GETs themselves (portal/views/live.py)."""

from __future__ import annotations

import re

from django.http import HttpResponseNotModified

from hamafza.agencies import registry
from hamafza.live import stamp

PATHS = re.compile(r"^/(?:live/[0-9]{1,18}/poll/|board\.json|board/text/|board/atom/)$")
TAG = re.compile(r'^"live-([0-9]{1,18})-([0-9]{1,20})"$')


class LivePollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tag = request.META.get("HTTP_IF_NONE_MATCH", "")
        if tag and request.method in ("GET", "HEAD") and PATHS.match(request.path_info):
            answer = self._unchanged(request, tag.strip())
            if answer is not None:
                return answer
        return self.get_response(request)

    @staticmethod
    def _unchanged(request, tag: str):
        match = TAG.match(tag)
        reg = registry.loaded()
        if match is None or reg is None:
            return None
        council_id = int(match[1])
        council = reg.council_for_host(request.META.get("HTTP_HOST", ""))
        if council is None or council.id != council_id or stamp.etag(council_id) != tag:
            return None
        response = HttpResponseNotModified()
        response["ETag"] = tag
        response["Cache-Control"] = "public, no-cache"
        response["Vary"] = "Accept-Language, Cookie"
        return response
