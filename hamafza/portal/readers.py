"""The reader's path: a public page asked for by someone who is not signed in skips the parts
of the middleware that serve signed-in people.

A GET or HEAD with no session cookie and no Authorization header, whose URL resolves to a portal
page that allows it (`portal_view`, every public page but the newsletter's, whose forms need a
CSRF cookie), is answered by the view right here: sessions, CSRF, authentication, two-factor,
messages, the audit's actor and the sign-in lockout would all find nothing to do for such a
request (no session means an anonymous person, and a GET changes nothing), and running them cost
about a tenth of an uncached home page (bench/README.md, issue 17). The request still passes
through everything above this middleware in settings.MIDDLEWARE: security headers, CSP, NUL
bytes, the language, the council of the host, text limits. `request.user` is the anonymous
user, as AuthenticationMiddleware would have made it; a view on this path has no session.

Anything else goes on down the usual middleware, unchanged."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, get_resolver

from hamafza.core.limits import TooLong, too_long_response

# Set on a view function by portal_view: True when the view may answer on the reader's path.
READER_PATH = "reader_path"


class ReaderPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if (
            (request.method == "GET" or request.method == "HEAD")
            and self.session_cookie not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        ):
            try:
                match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404:
                match = None  # the usual path answers (a slash appended, or the 404 page)
            if match is not None and getattr(match.func, READER_PATH, False):
                return self.answer(request, match)
        return self.get_response(request)

    @staticmethod
    def answer(request, match):
        request.resolver_match = match
        request.user = AnonymousUser()
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except TooLong as exception:  # LimitsMiddleware's process_exception, which only the handler calls
            return too_long_response(request, exception)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()  # a TemplateResponse, as the handler renders it
        return response
