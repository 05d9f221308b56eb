"""Absolute URLs for API responses: portal pages and media files, on the request's host
(the council's own portal)."""

from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.urls import reverse


def article_url(request: HttpRequest, item_id: int, slug: str) -> str:
    if not slug:  # a title of only punctuation slugifies to ""; the short link still works
        return short_url(request, item_id)
    return request.build_absolute_uri(reverse("portal:article", kwargs={"item_id": item_id, "slug": slug}))


def short_url(request: HttpRequest, item_id: int) -> str:
    return request.build_absolute_uri(reverse("portal:short", kwargs={"item_id": item_id}))


def agency_url(request: HttpRequest, slug: str) -> str:
    return request.build_absolute_uri(reverse("portal:agency", kwargs={"slug": slug}))


def media_url(request: HttpRequest, name: str) -> str | None:
    return request.build_absolute_uri(default_storage.url(name)) if name else None
