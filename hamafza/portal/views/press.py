"""A journalist's private preview of an embargoed press release (hamafza.press): the token in the
link is the credential (signed, one per journalist, revocable). Before the embargo it shows the
article as it will appear, under the embargo banner; once the item is public it sends the reader
to the public article; a revoked, tampered or unknown link answers 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from hamafza.newsroom import preview
from hamafza.newsroom.models import NewsItem
from hamafza.press import sending

from ..links import item_path


def press_preview(request: HttpRequest, token: str) -> HttpResponse:
    recipient = sending.recipient_for_token(token)
    if recipient is None or recipient.revoked_at is not None:
        raise Http404
    release = recipient.release
    item = release.item
    if item is None:
        raise Http404
    if item.status == NewsItem.Status.PUBLISHED:
        return HttpResponseRedirect(item_path(item))
    if item.status != NewsItem.Status.SCHEDULED or release.embargo_at is None:
        raise Http404  # taken back before publication
    response = preview.render(request, item, banner=sending.embargo_text(release.embargo_at))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
