"""Recovery codes: handed out at enrolment, each accepted once instead of the authenticator's
code, renewable from a verified session (the old ones then stop working)."""

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.personas import PASSWORD, add_device, current_code, sign_in_verified

CODE = re.compile(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>")


def _enrol(client, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:enrol"), {"code": current_code(device)})
    return CODE.findall(response.content.decode())


def test_enrolment_shows_ten_different_codes(client, personas):
    codes = _enrol(client, personas.own_head)
    assert len(codes) == 10 and len(set(codes)) == 10


def test_a_recovery_code_signs_in_once(client, personas):
    codes = _enrol(client, personas.own_head)
    client.post(reverse("accounts:sign_out"))
    client.post("/accounts/sign-in/", {"username": "own_head", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": codes[3].upper().replace("-", " ")})
    assert response["Location"] == "/workspace/"
    desk = client.get("/workspace/", follow=True)
    assert desk.status_code == 200 and "۹ کد دیگر" in desk.content.decode()

    client.post(reverse("accounts:sign_out"))
    client.post("/accounts/sign-in/", {"username": "own_head", "password": PASSWORD})
    again = client.post(reverse("accounts:verify"), {"code": codes[3]})
    assert again.status_code == 200 and "کد واردشده درست نیست" in again.content.decode()
    assert client.get("/workspace/").status_code == 302


def test_another_persons_code_does_not_work(client, personas):
    codes = _enrol(client, personas.own_head)
    client.post(reverse("accounts:sign_out"))
    add_device(personas.other_head)
    client.post("/accounts/sign-in/", {"username": "other_head", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"code": codes[0]})
    assert response.status_code == 200 and client.get("/workspace/").status_code == 302


def test_new_codes_replace_the_old_ones(client, personas):
    old = _enrol(client, personas.own_head)
    page = client.get(reverse("accounts:recovery_codes"))
    assert "۱۰ کد بازیابی" in page.content.decode()
    new = CODE.findall(client.post(reverse("accounts:recovery_codes")).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("accounts:sign_out"))
    client.post("/accounts/sign-in/", {"username": "own_head", "password": PASSWORD})
    assert client.post(reverse("accounts:verify"), {"code": old[0]}).status_code == 200
    # django-otp throttles a device for a moment after a failure.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        assert client.post(reverse("accounts:verify"), {"code": new[0]})["Location"] == "/workspace/"


def test_the_codes_page_needs_a_verified_session(client, personas):
    assert client.get(reverse("accounts:recovery_codes"))["Location"].startswith(reverse("accounts:sign_in"))
    add_device(personas.own_head)
    client.post("/accounts/sign-in/", {"username": "own_head", "password": PASSWORD})
    # Password given, second step not: no new codes for someone who only knows the password.
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 302 and not CODE.findall(response.content.decode())


def test_staff_without_two_factor_see_zero_codes(client, personas):
    sign_in_verified(client, personas.own_staff)
    assert "۰ کد بازیابی" in client.get(reverse("accounts:recovery_codes")).content.decode()


def test_the_two_factor_link_of_an_enrolled_person_leads_to_the_codes(client, personas):
    sign_in_verified(client, personas.own_head)
    response = client.get(reverse("accounts:enrol"))
    assert response["Location"] == reverse("accounts:recovery_codes")
