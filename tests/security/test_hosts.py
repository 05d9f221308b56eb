"""Hosts: only the councils' host names (and configured names) are answered; links in e-mails
come from the council's configured address, never from the Host header of the request."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from hamafza.agencies.hosts import CouncilHosts

pytestmark = pytest.mark.django_db


@pytest.fixture
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_council_host_is_answered(client, personas):
    assert client.get("/", HTTP_HOST="khz.example.ir").status_code == 200


@pytest.mark.parametrize("path", ["/", "/accounts/password/reset/", "/api/v1/news"])
def test_an_unknown_host_gets_400_not_a_page(client, personas, path):
    response = client.get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_a_council_added_later_is_answered_at_once(client, personas):
    from tests import factories

    assert client.get("/", HTTP_HOST="ostan.example.ir").status_code == 400
    factories.make_council(personas.other, [], hostname="ostan.example.ir", slug="ostan", short_name="استانداری")
    assert client.get("/", HTTP_HOST="ostan.example.ir").status_code == 200


def test_the_setting_never_answers_every_host():
    from hamafza import settings as product

    assert isinstance(product.ALLOWED_HOSTS, CouncilHosts) and "*" not in product.ALLOWED_HOSTS.names
    with pytest.raises(ImproperlyConfigured):
        CouncilHosts(["*"])


def test_a_reset_requested_with_a_forged_host_mails_no_link_to_it(client, personas, locmem_mail, settings):
    # A forged Host that Django does let through (an operator's extra name) still does not make
    # the link: it comes from the council's host name.
    settings.ALLOWED_HOSTS = CouncilHosts(["attacker.example", "testserver"])
    response = client.post("/accounts/password/reset/", {"email": "own_staff@example.ir"}, HTTP_HOST="attacker.example")
    assert response.status_code == 302
    (message,) = mail.outbox
    links = re.findall(r"https?://[^/\s\"]+", message.body + message.alternatives[0][0])
    assert links and all(link == "http://khz.example.ir" for link in links), links


def test_without_a_council_host_name_the_link_uses_the_site_url(client, personas, locmem_mail, settings):
    from hamafza.agencies import registry
    from hamafza.agencies.models import Council

    Council.objects.update(hostname=None)
    registry.invalidate()
    settings.SITE_URL = "https://hamafza.example.ir"
    client.post("/accounts/password/reset/", {"email": "own_staff@example.ir"}, HTTP_HOST="127.0.0.1")
    assert "https://hamafza.example.ir/accounts/password/reset/" in mail.outbox[0].body


def test_an_invitation_links_to_the_council_of_the_agency(client, personas, locmem_mail, django_capture_on_commit_callbacks):
    from tests.personas import sign_in_verified

    sign_in_verified(client, personas.own_head)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/invitations/new/", {"email": "newcomer@example.ir", "agency": personas.own.pk,
                                                   "role": "staff"}, HTTP_HOST="127.0.0.1")
    (message,) = mail.outbox
    assert "http://khz.example.ir/accounts/invitations/" in message.body
