"""Absolute URLs for API responses: portal pages and media files, on the request's host
(the council's own portal)."""

from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def _portal(request: HttpRequest, name: str, fallback: str, **kwargs) -> str:
    # The portal's routes are named in hamafza/portal/urls.py; the fallbacks are the same
    # paths, so that the API does not fail while a route is renamed.
    try:
        path = reverse(f"portal:{name}", kwargs=kwargs)
    except NoReverseMatch:
        path = fallback
    return request.build_absolute_uri(path)


def article_url(request: HttpRequest, item_id: int, slug: str) -> str:
    return _portal(request, "article", f"/news/{item_id}/{slug}/", item_id=item_id, slug=slug)


def short_url(request: HttpRequest, item_id: int) -> str:
    return _portal(request, "short", f"/n/{item_id}", item_id=item_id)


def agency_url(request: HttpRequest, slug: str) -> str:
    return _portal(request, "agency", f"/agency/{slug}/", slug=slug)


def media_url(request: HttpRequest, name: str) -> str | None:
    return request.build_absolute_uri(default_storage.url(name)) if name else None
