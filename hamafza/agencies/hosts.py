"""The host names the installation answers to: the councils' own host names (from the registry,
so a council added in the back office is served at once) and the names given in settings.

`settings.ALLOWED_HOSTS` is a `CouncilHosts`; Django checks every request's Host header against it
(`request.get_host()`), so a request for any other host gets 400 before a page, a link or an
e-mail can be built from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.core.exceptions import ImproperlyConfigured


class CouncilHosts(list):
    """A lazy ALLOWED_HOSTS: the fixed names (the list's items; Django wants a list), then, when
    iterated, every council's host name."""

    def __init__(self, names: Iterable[str] = ()):
        super().__init__(name for name in names if name)
        if "*" in self.names:
            raise ImproperlyConfigured("HAMAFZA_ALLOWED_HOSTS must name its hosts: «*» would answer to a forged Host header.")

    @property
    def names(self) -> list[str]:
        return list(super().__iter__())

    def __iter__(self) -> Iterator[str]:
        # Django stops at the first match (`any(...)`), and asks several times a request: the
        # fixed names and this process's registry cost nothing; only a host matched by neither
        # costs the one cache read that tells whether a council was added since.
        from . import registry  # settings import this module before apps are ready

        yield from super().__iter__()
        loaded = registry._current
        if loaded is not None:
            yield from loaded.councils_by_host
        fresh = registry.get_registry()
        if fresh is not loaded:
            yield from fresh.councils_by_host

    def __bool__(self) -> bool:
        # The councils come from the database, so there is always something to check against
        # (Django's DEBUG fallback to localhost and check security.W020 read only this).
        return True

    def __repr__(self) -> str:
        return f"CouncilHosts({self.names!r} + the councils' host names)"


def council_url(council) -> str:
    """The address a council's portal is served on, without a trailing slash: its own host name
    with the scheme of HAMAFZA_SITE_URL, or the configured site address for a council without one
    (the installation's default council). A «*.localhost» host (RFC 6761: this machine) is the
    development server itself, so it keeps the site address's port («ostan.localhost:8000» in
    the demo); a real host name is served on its scheme's own port behind the web server."""
    from urllib.parse import urlsplit

    from django.conf import settings

    site = settings.SITE_URL.rstrip("/")
    hostname = (getattr(council, "hostname", None) or "").lower()
    if not hostname:
        return site
    parts = urlsplit(site)
    local = hostname == "localhost" or hostname.endswith(".localhost")
    port = f":{parts.port}" if parts.port and local else ""
    return f"{parts.scheme or 'https'}://{hostname}{port}"
