from django.http import HttpRequest, HttpResponse

from .registry import get_registry


class CurrentCouncilMiddleware:
    """Sets request.council (a CouncilInfo, or None on an installation with no council yet)
    and request.registry from the host name the request came to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reg = get_registry()
        request.registry = reg
        request.council = reg.council_for_host(request.get_host())
        return self.get_response(request)
