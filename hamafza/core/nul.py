"""NUL characters never reach a view: PostgreSQL cannot store or even compare text holding U+0000
(every query with one failed with a 500), SQLite stores it silently, and nobody types one — it
comes from a pasted binary fragment or a probe.

The middleware removes it from everything a view reads as text: the query string, form fields,
uploaded files' names, JSON bodies, cookies and headers. Removing (rather than refusing the
request) keeps the rest of what the person typed: the form is saved, or shown again with its own
messages, exactly as without the NUL, and both databases behave the same. A path holding a NUL
names nothing (404). The model-level net in `hamafza.core.limits` strips it from saved text too,
for writes that do not come from a request (imports, commands).
"""

from __future__ import annotations

import functools
import json

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

NUL = "\x00"


def strip_nul(value):
    """The value with every NUL removed from its strings (lists and dicts walked)."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, list):
        return [strip_nul(v) for v in value]
    if isinstance(value, dict):
        return {strip_nul(k): strip_nul(v) for k, v in value.items()}
    return value


def _clean_querydict(data: QueryDict) -> QueryDict | None:
    """A copy without NULs, or None when there was none."""
    if not any(NUL in key or any(NUL in v for v in values if isinstance(v, str)) for key, values in data.lists()):
        return None
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(strip_nul(key), strip_nul(values))
    clean._mutable = False
    return clean


@functools.cache
def _nul_free(request_class: type) -> type:
    """`request_class` whose form and body lose their NULs when a view first reads them — never
    earlier: views that check Content-Length before parsing an upload (media, attachments) still
    do so before anything is read."""

    class NulFreeRequest(request_class):
        def _load_post_and_files(self):
            super()._load_post_and_files()
            clean = _clean_querydict(self._post)
            if clean is not None:
                self._post = clean
            for upload in self._files.values():
                if upload.name and NUL in upload.name:
                    upload.name = upload.name.replace(NUL, "")

        @property
        def body(self):
            body = request_class.body.fget(self)
            if not getattr(self, "_nul_checked", False):
                self._nul_checked = True
                body = self._body = _clean_json(self.content_type or "", body)
            return body

    NulFreeRequest.__name__ = f"NulFree{request_class.__name__}"
    return NulFreeRequest


def _clean_json(content_type: str, body: bytes) -> bytes:
    if not (content_type == "application/json" or content_type.endswith("+json")):
        return body
    if b"\x00" not in body and b"\\u0000" not in body.lower():
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body  # not JSON: the view answers 400 for it
    clean = strip_nul(data)
    return body if clean == data else json.dumps(clean, ensure_ascii=False).encode()


class NulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404(_("چنین نشانی‌ای وجود ندارد."))
        for key, value in list(request.META.items()):
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        if any(NUL in k or NUL in v for k, v in request.COOKIES.items()):
            request.COOKIES = strip_nul(dict(request.COOKIES))
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            clean = _clean_querydict(request.GET)
            if clean is not None:
                request.GET = clean
        request.__class__ = _nul_free(type(request))
        return self.get_response(request)
