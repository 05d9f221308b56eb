"""The one gate of staff pages: signed in, and with a verified second factor when the person
needs one (agency heads, council secretariat, site admins, and anyone who enrolled)."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse

from . import twofactor


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the sign-in page into a fragment: make the browser navigate instead.
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


def second_factor_url(user, next_url: str) -> str:
    name = "accounts:verify" if twofactor.confirmed_device(user) else "accounts:enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        next_url = request.get_full_path()
        if not user.is_authenticated:
            return _redirect(request, f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}")
        if not user.is_verified() and twofactor.is_needed(user):
            return _redirect(request, second_factor_url(user, next_url))
        return view(request, *args, **kwargs)

    return wrapper
