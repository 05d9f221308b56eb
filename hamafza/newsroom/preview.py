"""How an item will look on the public portal. The portal registers its renderer in its
AppConfig.ready(); the workspace's preview page asks here, so the two page apps stay independent
(the calendar's event sources work the same way)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

Renderer = Callable[..., HttpResponse]
_renderer: list[Renderer] = []


def register(renderer: Renderer) -> None:
    _renderer[:] = [renderer]


def render(request: HttpRequest, item, banner: str = "") -> HttpResponse:
    """The item as its portal page, for a person the caller has checked may see it; `banner` is a
    notice above the article (a press release's embargo)."""
    if not _renderer:
        return HttpResponse(status=404)
    return _renderer[0](request, item, banner=banner)
