"""Every uploaded file is served here, after the media policy (hamafza/policy/media.py).

On the local disk the file is streamed. With S3-compatible storage (HAMAFZA_S3_*) every object
in the bucket is private, and this view answers with a redirect to a short-lived signed URL of
the bucket, issued only after the policy check (see hamafza/core/storage.py for why).

Images under an inline prefix are shown in pages, and videos under a prefix whose rule `plays`
play in them (with byte ranges, so that a player can seek); everything else is a download
(`Content-Disposition: attachment`), and a file whose extension is not an allowed kind (older
uploads were stored under their own names) is sent as `application/octet-stream`: never HTML
or SVG shown from our own origin. Public files are cacheable; the rest `private, no-store`.
"""

import posixpath
import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hamafza.core.uploads import CONTENT_TYPES, IMAGE_KINDS, VIDEO_KINDS
from hamafza import policy

PUBLIC_MAX_AGE = 7 * 24 * 3600
# Signed bucket URLs: a private file's is good for a minute (the browser follows the redirect at
# once); a public file's for a day, and the redirect to it is cached for an hour.
PRIVATE_URL_SECONDS = 60
PUBLIC_URL_SECONDS = 24 * 3600
PUBLIC_REDIRECT_MAX_AGE = 3600


def _not_found():
    return Http404(_("پرونده پیدا نشد."))


def _is_clean(name: str) -> bool:
    """A plain relative name: no «..», no empty or «.» segment, no backslash or NUL."""
    return "\\" not in name and "\x00" not in name and all(p not in ("", ".", "..") for p in name.split("/"))


@require_safe
def serve_media(request, name: str):
    rule = policy.media_rule(name)
    if rule is None or not _is_clean(name):
        raise _not_found()
    public = policy.is_public_media(name)  # one check serves every public file
    try:
        if not (public or policy.can_view_media(request.user, name)) or not default_storage.exists(name):
            raise _not_found()
    except SuspiciousFileOperation:  # a path outside the media folder
        raise _not_found() from None
    kind = posixpath.splitext(name)[1].lstrip(".").lower().replace("jpeg", "jpg")
    content_type = CONTENT_TYPES.get(kind, "application/octet-stream")
    inline = (rule.inline and kind in IMAGE_KINDS) or (rule.plays and kind in VIDEO_KINDS)
    filename = posixpath.basename(name)
    if hasattr(default_storage, "signed_url"):
        url = default_storage.signed_url(
            name, expire=PUBLIC_URL_SECONDS if public else PRIVATE_URL_SECONDS, content_type=content_type,
            filename=None if inline else filename,
        )
        response = HttpResponseRedirect(url)
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_REDIRECT_MAX_AGE}" if public else "private, no-store"
        return response
    ranged = _byte_range(request, name) if kind in VIDEO_KINDS and rule.plays else None
    if ranged is not None:
        response = ranged
        response.headers["Content-Type"] = content_type
    else:
        response = FileResponse(
            default_storage.open(name, "rb"), content_type=content_type, as_attachment=not inline, filename=filename,
        )
    if kind in VIDEO_KINDS and rule.plays:
        response.headers["Accept-Ranges"] = "bytes"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response


_RANGE = re.compile(r"bytes=([0-9]{0,19})-([0-9]{0,19})")
_CHUNK = 256 * 1024


def _byte_range(request, name: str) -> HttpResponse | None:
    """A 206 answer to a single «Range: bytes=a-b» (what a video player asks to seek), a 416 for
    a range outside the file, or None (no range, or one we do not serve: send the whole file)."""
    match = _RANGE.fullmatch(request.META.get("HTTP_RANGE", "").strip())
    if match is None or not (match.group(1) or match.group(2)):
        return None
    size = default_storage.size(name)
    if match.group(1):
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
    else:
        start, end = max(0, size - int(match.group(2))), size - 1
    if start > end or start >= size:
        response = HttpResponse(status=416)
        response.headers["Content-Range"] = f"bytes */{size}"
        return response
    length = end - start + 1

    def chunks():
        with default_storage.open(name, "rb") as fh:
            fh.seek(start)
            left = length
            while left > 0:
                data = fh.read(min(_CHUNK, left))
                if not data:
                    break
                left -= len(data)
                yield data

    response = StreamingHttpResponse(chunks(), status=206)
    response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    response.headers["Content-Length"] = str(length)
    return response
