"""Password rules (Django's validators, Persian messages) wherever a password is chosen."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hamafza.accounts import actions
from hamafza.accounts.models import Membership, User

WEAK = [
    ("1", "کوتاه"),
    ("1234567890123", "فقط از رقم"),
    ("password123", "رایج"),
    ("own_staff_1405", "شبیه"),
]


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def reset_form_url(client) -> str:
    client.post("/accounts/password/reset/", {"email": "own_staff@example.ir"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[-1].body).group(1)
    return client.get(link)["Location"]


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_a_weak_password_is_refused_on_reset_with_a_persian_message(client, personas, password, message):
    form_url = reset_form_url(client)
    response = client.post(form_url, {"new_password1": password, "new_password2": password}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()
    personas.own_staff.refresh_from_db()
    assert not personas.own_staff.check_password(password)


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_a_weak_password_is_refused_on_invitation(client, personas, password, message):
    _, token = actions.do_invite(personas.own_head, email="newcomer@example.ir", agency=personas.own,
                                 role=Membership.Role.STAFF)
    username = "own_staff_new" if message == "شبیه" else "newcomer"
    data = {"first_name": "مریم", "last_name": "کاظمی", "username": username, "password1": password,
            "password2": password}
    if message == "شبیه":
        data["password1"] = data["password2"] = "own_staff_new1"
    response = client.post(f"/accounts/invitations/{token}/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "مریم" in response.content.decode()  # what was typed is shown again
    assert not User.objects.filter(username=username).exists()


def test_the_form_says_the_rules_before_they_are_broken(client, personas):
    body = client.get(reset_form_url(client)).content.decode()
    assert "دست‌کم ۱۰ نویسه" in body


def test_a_strong_password_is_accepted():
    validate_password("گذرواژهٔ-بلند-و-تازه", User(username="someone"))


def test_the_admin_password_of_setup_obeys_the_rules(db, monkeypatch):
    from hamafza.demo.management.commands import setup

    answers = iter(["1", "1", "123456789012", "123456789012", "password1234", "password1234"])
    monkeypatch.setattr(setup.getpass, "getpass", lambda prompt="": next(answers))
    with pytest.raises(Exception, match="پذیرفته نشد"):
        call_command("setup", "--council-name=شورای آزمایشی", "--region=استان", "--head-agency=دستگاه",
                     "--admin-username=admin", "--short-name=آزمایشی", "--hostname=test.example.ir",
                     "--admin-email=a@example.ir")


def test_setup_without_input_generates_a_password_that_passes(db, capsys):
    call_command("setup", "--no-input", "--council-name=شورای آزمایشی", "--region=استان",
                 "--head-agency=دستگاه", "--admin-username=admin")
    printed = capsys.readouterr().out.strip().splitlines()[-1]
    validate_password(printed, User.objects.get(username="admin"))


def test_the_invitation_form_says_the_rules(client, personas):
    _, token = actions.do_invite(personas.own_head, email="newcomer@example.ir", agency=personas.own,
                                 role=Membership.Role.STAFF)
    assert "دست‌کم ۱۰ نویسه" in client.get(f"/accounts/invitations/{token}/").content.decode()
