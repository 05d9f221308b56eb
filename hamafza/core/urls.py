"""Absolute addresses for links that leave the request (e-mails, messages): always from
configuration — a council's host name or HAMAFZA_SITE_URL — never from a request's Host header."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(hostname: str | None = None) -> str:
    """`scheme://hostname` with HAMAFZA_SITE_URL's scheme, or HAMAFZA_SITE_URL without a host name."""
    if not hostname:
        return settings.SITE_URL
    scheme = urlsplit(settings.SITE_URL).scheme or "https"
    return f"{scheme}://{hostname}"
