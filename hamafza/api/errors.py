"""Errors as JSON `{"detail": "<Persian message>"}`.

Bad input is the client's fault (400); a path that names nothing is 404. Any other exception
propagates (Django turns it into a 500, and tests see it): there is no catch-all here.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError


class NotFound(HttpError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(404, message or _("پیدا نشد."))


class BadRequest(HttpError):
    def __init__(self, message: str) -> None:
        super().__init__(400, message)


def _validation_error(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    locations = [tuple(error.get("loc", ())) for error in exc.errors]
    if any(loc[:1] == ("path",) for loc in locations):
        # /news/abc or an id out of range: there is no such resource.
        return api.create_response(request, {"detail": _("پیدا نشد.")}, status=404)
    # A query parameter is named by loc[1]; a field of a JSON body by loc[2] (loc[1] is the
    # payload's name): ("body", "payload", "sectors", 0) names «sectors».
    names = sorted({str(loc[2] if loc[0] == "body" and len(loc) > 2 else loc[1]) for loc in locations if len(loc) > 1})
    if names:
        message = _("مقدار این پارامترها نامعتبر است: %(names)s") % {"names": "، ".join(names)}
    else:
        message = _("درخواست نامعتبر است.")
    return api.create_response(request, {"detail": message}, status=400)


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's English default handlers with Persian ones."""
    api.add_exception_handler(
        ValidationError, lambda request, exc: _validation_error(api, request, exc)
    )
    api.add_exception_handler(
        Http404, lambda request, exc: api.create_response(request, {"detail": _("پیدا نشد.")}, status=404)
    )
