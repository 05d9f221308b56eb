"""The product's URLs and one public page with an inline style under the CSP nonce: the portal's
own pages carry none any more (the council colour is a style attribute), but a stored page that
does must still get a fresh nonce on every answer."""

from django.http import HttpResponse
from django.urls import include, path

from hamafza.portal.views.base import portal_view


@portal_view
def nonced(request):
    return HttpResponse(f'<!doctype html><title>x</title><style nonce="{request.csp_nonce}">p{{color:red}}</style><p>x</p>')


urlpatterns = [path("nonced/", nonced), path("", include("hamafza.urls"))]
