import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from hamafza.accounts import actions
from hamafza.accounts.models import Invitation, Membership, User
from tests.personas import sign_in_verified

NEW_PASSWORD = "رمز-عضو-تازه-۱۲۳۴"


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def accept_data(username="newcomer"):
    return {"first_name": "مریم", "last_name": "کاظمی", "username": username,
            "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def invite(personas, **kwargs):
    kwargs.setdefault("email", "newcomer@example.ir")
    kwargs.setdefault("agency", personas.own)
    kwargs.setdefault("role", Membership.Role.STAFF)
    inviter = kwargs.pop("invited_by", personas.own_head)
    return actions.do_invite(inviter, **kwargs)


def test_a_head_invites_and_the_mail_carries_the_link(client, personas, django_capture_on_commit_callbacks):
    sign_in_verified(client, personas.own_head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/invitations/new/", {
            "email": "newcomer@example.ir", "agency": personas.own.pk, "role": "staff",
        })
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert personas.own.name in message.subject
    path = re.search(r"https?://[^/\s]+(/accounts/invitations/\S+/)", message.body).group(1)
    assert client.get(path).status_code == 200
    assert message.alternatives[0][1] == "text/html"


def test_a_head_cannot_invite_to_another_agency(client, personas):
    sign_in_verified(client, personas.own_head)
    response = client.post("/accounts/invitations/new/", {
        "email": "x@example.ir", "agency": personas.other.pk, "role": "head",
    })
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_the_secretariat_invites_to_council_agencies(client, personas):
    sign_in_verified(client, personas.secretariat)
    response = client.post("/accounts/invitations/new/", {
        "email": "x@example.ir", "agency": personas.other.pk, "role": "head",
    })
    assert response.status_code == 302
    assert Invitation.objects.get().agency == personas.other


@pytest.mark.parametrize("persona", ["own_staff", "observer"])
def test_staff_and_observers_cannot_invite(client, personas, persona):
    sign_in_verified(client, getattr(personas, persona))
    assert client.get("/accounts/invitations/new/").status_code == 403


def test_a_valid_invitation_makes_an_account_with_the_membership(client, personas):
    _, token = invite(personas, role=Membership.Role.HEAD)
    response = client.post(f"/accounts/invitations/{token}/", accept_data())
    assert response["Location"] == "/accounts/sign-in/"
    user = User.objects.get(username="newcomer")
    assert user.email == "newcomer@example.ir" and user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == Membership.Role.HEAD
    assert Membership.objects.get(user=user).agency == personas.own


def test_an_invitation_works_once(client, personas):
    _, token = invite(personas)
    client.post(f"/accounts/invitations/{token}/", accept_data())
    again = client.post(f"/accounts/invitations/{token}/", accept_data("second"))
    assert again.status_code == 410
    assert "پیش‌تر استفاده شده" in again.content.decode()
    assert not User.objects.filter(username="second").exists()


def test_an_expired_invitation_is_refused(client, personas):
    invitation, token = invite(personas)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.post(f"/accounts/invitations/{token}/", accept_data())
    assert response.status_code == 410
    assert "مهلت این دعوت‌نامه" in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()


def test_an_unknown_token_is_404_in_persian(client, personas):
    response = client.get("/accounts/invitations/not-a-token/")
    assert response.status_code == 404
    assert "معتبر نیست" in response.content.decode()


def test_a_taken_username_is_a_form_error_and_keeps_the_invitation(client, personas):
    invitation, token = invite(personas)
    response = client.post(f"/accounts/invitations/{token}/", accept_data("own_staff"))
    assert response.status_code == 200
    assert "پیش‌تر گرفته شده" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_signed_in_person_accepts_for_their_account(client, personas):
    _, token = invite(personas, agency=personas.own, email="other_staff@example.ir")
    sign_in_verified(client, personas.other_staff)
    assert client.post(f"/accounts/invitations/{token}/")["Location"] == "/workspace/"
    assert set(Membership.objects.filter(user=personas.other_staff).values_list("agency_id", flat=True)) == {
        personas.own.pk, personas.other.pk,
    }
