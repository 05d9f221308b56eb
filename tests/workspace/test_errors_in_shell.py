"""Errors under /workspace/ render inside the workspace shell (its menu and a way back), not the
portal's public page; outside the workspace and for people not signed in, the portal's page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from hamafza import urls as root_urls
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


def refused(request):
    raise PermissionDenied


urlpatterns = [path("workspace/_boom/", boom), path("workspace/_refused/", refused), *root_urls.urlpatterns]
handler404, handler403, handler500 = root_urls.handler404, root_urls.handler403, root_urls.handler500

SHELL = 'class="mainnav"'


def test_a_missing_workspace_page_is_a_404_inside_the_shell(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/no-such-page/", headers={"Referer": "http://testserver/workspace/news/"})
    html = response.content.decode()
    assert response.status_code == 404
    assert SHELL in html and "این صفحه پیدا نشد" in html and 'href="/workspace/"' in html
    assert 'href="http://testserver/workspace/news/"' in html  # «back» to where they came from


def test_a_foreign_back_address_is_not_offered(client, personas):
    sign_in_verified(client, personas.own_staff)
    html = client.get("/workspace/no-such-page/", headers={"Referer": "https://evil.example/x"}).content.decode()
    assert "evil.example" not in html


def test_a_view_404_keeps_its_persian_message_inside_the_shell(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/reporting/", {"agency": "999999"})
    assert response.status_code in (403, 404) and SHELL in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_403_inside_the_shell(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/_refused/")
    assert response.status_code == 403 and SHELL in response.content.decode()
    assert "اجازهٔ دیدن این صفحه را ندارید" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_500_inside_the_shell(client, personas):
    client.raise_request_exception = False
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/_boom/")
    assert response.status_code == 500 and SHELL in response.content.decode() and "a bug" not in response.content.decode()


def test_outside_the_workspace_and_signed_out_the_portal_page(client, personas):
    assert SHELL not in client.get("/workspace/no-such-page/").content.decode()
    sign_in_verified(client, personas.own_staff)
    response = client.get("/no-such-portal-page/")
    assert response.status_code == 404 and SHELL not in response.content.decode()
