import pytest
from django.urls import reverse

from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import PASSWORD, add_device, current_code

SIGN_IN = "/accounts/sign-in/"

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


def post_password(client, username, password=PASSWORD, next_url=""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def test_the_sign_in_page_is_persian(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'dir="rtl"' in body and "ورود به میز کار" in body


def test_staff_signs_in_by_username(client, personas):
    response = post_password(client, "own_staff")
    assert response.status_code == 302 and response["Location"] == "/workspace/"
    assert client.get("/workspace/").status_code == 200


def test_staff_signs_in_by_email_in_any_case(client, personas):
    response = post_password(client, "Own_Staff@Example.ir")
    assert response["Location"] == "/workspace/"
    assert client.get("/workspace/").status_code == 200


def test_a_wrong_password_gets_a_persian_error(client, personas):
    response = post_password(client, "own_staff", "wrong")
    assert response.status_code == 200
    assert "گذرواژه درست نیست" in response.content.decode()
    assert client.get("/workspace/").status_code == 302


def test_next_is_followed_but_never_off_site(client, personas):
    assert post_password(client, "own_staff", next_url="/workspace/?x=1")["Location"] == "/workspace/?x=1"
    client.logout()
    assert post_password(client, "own_staff", next_url="https://evil.example/")["Location"] == "/workspace/"


def test_sign_out_needs_post_and_ends_the_session(client, personas):
    post_password(client, "own_staff")
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.post("/accounts/sign-out/")["Location"] == SIGN_IN
    assert client.get("/workspace/").status_code == 302


class TestTwoFactor:
    def test_a_head_with_password_alone_does_not_reach_the_workspace(self, client, personas):
        add_device(personas.own_head)
        response = post_password(client, "own_head")
        assert response["Location"].startswith(reverse("accounts:verify"))
        desk = client.get("/workspace/")
        assert desk.status_code == 302 and desk["Location"].startswith(SIGN_IN)
        assert client.get("/admin/")["Location"].startswith("/admin/login/")

    def test_password_and_a_valid_code_reach_the_workspace(self, client, personas):
        device = add_device(personas.own_head)
        post_password(client, "own_head", next_url="/workspace/?from=mail")
        response = client.post(reverse("accounts:verify"), {"code": current_code(device), "next": "/workspace/?from=mail"})
        assert response["Location"] == "/workspace/?from=mail"
        assert client.get("/workspace/").status_code == 200

    def test_a_code_in_persian_digits_is_accepted(self, client, personas):
        from hamafza.persian.digits import to_persian_digits

        device = add_device(personas.own_head)
        post_password(client, "own_head")
        response = client.post(reverse("accounts:verify"), {"code": to_persian_digits(current_code(device))})
        assert response["Location"] == "/workspace/"

    def test_a_wrong_code_gets_a_persian_error(self, client, personas):
        device = add_device(personas.own_head)
        post_password(client, "own_head")
        wrong = "000000" if current_code(device) != "000000" else "111111"
        response = client.post(reverse("accounts:verify"), {"code": wrong})
        assert response.status_code == 200
        assert "کد واردشده درست نیست" in response.content.decode()
        assert client.get("/workspace/").status_code == 302

    def test_the_code_step_needs_the_password_step_first(self, client, personas):
        add_device(personas.own_head)
        response = client.get(reverse("accounts:verify"))
        assert response["Location"].startswith(SIGN_IN)

    @pytest.mark.parametrize("persona", ["secretariat", "admin"])
    def test_secretariat_and_admins_must_use_it_too(self, client, personas, persona):
        response = post_password(client, persona)
        assert response["Location"].startswith(reverse("accounts:enrol"))

    def test_it_is_optional_for_staff_but_asked_once_they_enrolled(self, client, personas):
        add_device(personas.own_staff)
        assert post_password(client, "own_staff")["Location"].startswith(reverse("accounts:verify"))


class TestEnrolment:
    def test_a_head_without_a_device_enrols_then_reaches_the_workspace(self, client, personas):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        response = post_password(client, "own_head")
        assert response["Location"].startswith(reverse("accounts:enrol"))
        page = client.get(response["Location"])
        body = page.content.decode()
        assert "otpauth://totp/" in body and "<svg" in body
        device = TOTPDevice.objects.get(user=personas.own_head, confirmed=False)
        assert device.key and client.get("/workspace/").status_code == 302
        response = client.post(reverse("accounts:enrol"), {"code": current_code(device)})
        # Enrolled: the ten recovery codes are shown once, with the way on to the workspace.
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        assert 'href="/workspace/"' in response.content.decode()
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/workspace/").status_code == 200

    def test_a_wrong_code_does_not_enrol(self, client, personas):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        post_password(client, "own_head")
        client.get(reverse("accounts:enrol"))
        device = TOTPDevice.objects.get(user=personas.own_head)
        wrong = "000000" if current_code(device) != "000000" else "111111"
        response = client.post(reverse("accounts:enrol"), {"code": wrong})
        assert "کد واردشده درست نیست" in response.content.decode()
        device.refresh_from_db()
        assert not device.confirmed

    def test_password_alone_cannot_replace_a_confirmed_device(self, client, personas):
        add_device(personas.own_head)
        post_password(client, "own_head")
        assert client.get(reverse("accounts:enrol"))["Location"].startswith(reverse("accounts:verify"))


def test_axes_locks_the_account_after_five_failures(client, personas):
    for _ in range(5):
        post_password(client, "own_staff", "wrong")
    response = post_password(client, "own_staff")  # the right password, too late
    assert response.status_code == 429
    assert "۱۵ دقیقه" in response.content.decode()
    assert client.get("/workspace/").status_code == 302


def test_alternating_username_and_email_counts_as_one_account(client, personas):
    for name in ["own_staff", "own_staff@example.ir"] * 3:
        post_password(client, name, "wrong")
    assert post_password(client, "own_staff").status_code == 429


def test_four_failures_do_not_lock(client, personas):
    for _ in range(4):
        post_password(client, "own_staff", "wrong")
    assert post_password(client, "own_staff")["Location"] == "/workspace/"
