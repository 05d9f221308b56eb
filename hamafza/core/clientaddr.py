"""The client's address as the WSGI environ (or request.META) gives it."""

from __future__ import annotations

from django.conf import settings


def client_address(meta) -> str | None:
    """REMOTE_ADDR, or behind the HTTPS proxy (HAMAFZA_HTTPS=1) the last X-Forwarded-For entry,
    the one the proxy itself appended (earlier ones come from the client)."""
    if settings.SERVE_HTTPS:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return meta.get("REMOTE_ADDR")
