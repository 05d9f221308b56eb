"""The fetcher reads addresses that people type: never one inside our own network (loopback,
private, link-local, multicast, reserved), unless HAMAFZA_COVERAGE_ALLOW_PRIVATE (tests, bench/)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def _private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return True
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
            return True
    return False


def public_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if getattr(settings, "HAMAFZA_COVERAGE_ALLOW_PRIVATE", False):
        return True
    return not _private(parts.hostname)
