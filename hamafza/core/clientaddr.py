"""The client's address as the WSGI environ (or request.META) gives it."""

from __future__ import annotations

from django.conf import settings


def client_address(meta) -> str | None:
    """REMOTE_ADDR, or behind the HTTPS proxy (HAMAFZA_HTTPS=1) the last X-Forwarded-For entry,
    the one the proxy itself appended (earlier ones come from the client)."""
    if settings.SERVE_HTTPS:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR")
        if forwarded:
            last = forwarded.rpartition(",")[2].strip()  # the common case, without a list
            if last:
                return last
            entries = [part.strip() for part in forwarded.split(",") if part.strip()]
            if entries:
                return entries[-1]
    return meta.get("REMOTE_ADDR")
