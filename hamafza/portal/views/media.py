"""Every uploaded file is served here, after the media policy (hamafza/policy/media.py).

On the local disk the file is streamed. With S3-compatible storage (HAMAFZA_S3_*) every object
in the bucket is private, and this view answers with a redirect to a short-lived signed URL of
the bucket, issued only after the policy check (see hamafza/core/storage.py for why).

Images under an inline prefix are shown in pages; everything else is a download
(`Content-Disposition: attachment`), and a file whose extension is not an allowed kind (older
uploads were stored under their own names) is sent as `application/octet-stream`: never HTML
or SVG shown from our own origin. Public files are cacheable; the rest `private, no-store`.
"""

import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hamafza.core.uploads import CONTENT_TYPES, IMAGE_KINDS
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
    inline = rule.inline and kind in IMAGE_KINDS
    filename = posixpath.basename(name)
    if hasattr(default_storage, "signed_url"):
        url = default_storage.signed_url(
            name, expire=PUBLIC_URL_SECONDS if public else PRIVATE_URL_SECONDS, content_type=content_type,
            filename=None if inline else filename,
        )
        response = HttpResponseRedirect(url)
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_REDIRECT_MAX_AGE}" if public else "private, no-store"
        return response
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=content_type, as_attachment=not inline, filename=filename,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response
