"""Uploaded files on the local disk (the embedded default; with S3 the storage serves them).

Every file is checked by the policy: agency logos and the media of published items are public
and cacheable; the rest only for people who may see the item (404 for everyone else)."""

import mimetypes

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hamafza import policy


@require_safe
def serve_media(request, name: str):
    try:
        path = safe_join(default_storage.location, name)
    except Exception:  # SuspiciousFileOperation: a path outside the media folder
        raise Http404(_("پرونده پیدا نشد.")) from None
    public = policy.can_view_media(AnonymousUser(), name)  # one check serves every public file
    if not (public or policy.can_view_media(request.user, name)) or not default_storage.exists(name):
        raise Http404(_("پرونده پیدا نشد."))
    content_type, encoding = mimetypes.guess_type(path)
    response = FileResponse(open(path, "rb"), content_type=content_type or "application/octet-stream")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["X-Content-Type-Options"] = "nosniff"
    if public:
        response.headers["Cache-Control"] = "public, max-age=604800"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response
