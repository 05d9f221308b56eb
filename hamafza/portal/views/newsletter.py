"""The e-mail newsletter's public pages: subscribe (double opt-in), confirm, unsubscribe.

Included from portal/urls.py with one line; the names live in the portal namespace
(`portal:newsletter`, `portal:newsletter_confirm`, `portal:newsletter_unsubscribe`). Confirming
and unsubscribing take a POST (a mail scanner that opens links changes nothing); the unsubscribe
POST also answers RFC 8058 one-click requests from mail clients, without a CSRF token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hamafza.distribution.models import Subscriber
from hamafza.distribution.newsletter import do_confirm, do_subscribe, do_unsubscribe, scope_label

from .base import page, portal_view


def _scopes(request) -> list[tuple[str, str]]:
    reg = request.registry
    council = request.council
    out = [("all", _("همهٔ خبرهای %(council)s") % {"council": council.short_name})]
    sector_ids = set()
    for agency_id in council.member_ids:
        agency = reg.agencies.get(agency_id)
        if agency:
            out.append((f"agency:{agency.slug}", agency.name))
            sector_ids.update(agency.sector_ids)
    for sector in reg.ordered_sectors():
        if sector.id in sector_ids:
            out.append((f"sector:{sector.slug}", _("بخش %(name)s") % {"name": sector.name}))
    return out


@never_cache  # a form, and pages about one subscriber: never stored (pagecache)
@portal_view(reader_path=False)  # its forms need the CSRF cookie
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    scopes = _scopes(request)
    form = {"email": "", "scope": "all", "frequency": Subscriber.Frequency.DAILY}
    errors: list[str] = []
    if request.method == "POST":
        form = {k: request.POST.get(k, "").strip()[:254] for k in form}
        try:
            validate_email(form["email"])
        except ValidationError:
            errors.append(_("«%(value)s» نشانی رایانامهٔ درستی نیست؛ نمونه: name@example.ir") % {"value": form["email"]})
        agency_id = sector_id = None
        reg = request.registry
        if form["scope"].startswith("agency:"):
            slug = form["scope"][7:]
            agency = next((reg.agencies[a] for a in request.council.member_ids
                           if a in reg.agencies and reg.agencies[a].slug == slug), None)
            if agency is None:
                errors.append(_("این دستگاه در این شورا نیست؛ از فهرست برگزینید."))
            else:
                agency_id = agency.id
        elif form["scope"].startswith("sector:"):
            sector = next((s for s in reg.ordered_sectors() if s.slug == form["scope"][7:]), None)
            if sector is None:
                errors.append(_("این بخش شناخته نیست؛ از فهرست برگزینید."))
            else:
                sector_id = sector.id
        elif form["scope"] != "all":
            errors.append(_("دامنهٔ خبرنامه را از فهرست برگزینید."))
        if form["frequency"] not in Subscriber.Frequency.values:
            errors.append(_("بسامد را از فهرست برگزینید."))
        if not errors:
            do_subscribe(council_id=request.council.id, email=form["email"], agency_id=agency_id,
                         sector_id=sector_id, frequency=form["frequency"])
            return page(request, "portal/newsletter_done.html", {"state": "sent", "email": form["email"]})
    return page(request, "portal/newsletter.html", {
        "scopes": scopes, "form": form, "errors": errors, "frequencies": Subscriber.Frequency.choices,
    }, status=400 if errors else 200)


def _subscriber(token: str) -> Subscriber:
    sub = Subscriber.objects.filter(token=token[:64]).first()
    if sub is None:
        raise Http404(_("این پیوند خبرنامه معتبر نیست یا کهنه شده است."))
    return sub


@never_cache
@portal_view(reader_path=False)  # its forms need the CSRF cookie
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    sub = _subscriber(token)
    if request.method == "POST":
        do_confirm(token)
        return page(request, "portal/newsletter_done.html", {"state": "confirmed", "scope": scope_label(sub)})
    return page(request, "portal/newsletter_done.html", {"state": "confirm", "scope": scope_label(sub), "sub": sub})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
@never_cache
@portal_view(reader_path=False)  # its forms need the CSRF cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sub = _subscriber(token)
    if request.method == "POST":
        do_unsubscribe(token)
        return page(request, "portal/newsletter_done.html", {"state": "unsubscribed", "scope": scope_label(sub)})
    return page(request, "portal/newsletter_done.html", {"state": "unsubscribe", "scope": scope_label(sub), "sub": sub})


urlpatterns = [
    path("", subscribe, name="newsletter"),
    path("confirm/<str:token>/", confirm, name="newsletter_confirm"),
    path("unsubscribe/<str:token>/", unsubscribe, name="newsletter_unsubscribe"),
]
