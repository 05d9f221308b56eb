"""The client's address as the WSGI environ (or request.META) gives it."""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# settings.SERVE_HTTPS, read once: reach counting asks for the address on every stored article it
# answers, and an attribute of Django's lazy settings costs about 0.4 µs a read.
_behind_proxy: bool | None = None


def client_address(meta) -> str | None:
    """REMOTE_ADDR, or behind the HTTPS proxy (HAMAFZA_HTTPS=1) the last X-Forwarded-For entry,
    the one the proxy itself appended (earlier ones come from the client)."""
    global _behind_proxy
    behind = _behind_proxy
    if behind is None:
        behind = _behind_proxy = bool(settings.SERVE_HTTPS)
    if behind:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR")
        if forwarded:
            last = forwarded.rpartition(",")[2].strip()  # the common case, without a list
            if last:
                return last
            entries = [part.strip() for part in forwarded.split(",") if part.strip()]
            if entries:
                return entries[-1]
    return meta.get("REMOTE_ADDR")


@receiver(setting_changed)
def _forget(*, setting, **kwargs) -> None:
    global _behind_proxy
    if setting == "SERVE_HTTPS":
        _behind_proxy = None
