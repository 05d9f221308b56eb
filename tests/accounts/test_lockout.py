"""Sign-in lockout by (account, address) and by address: nobody can lock someone else out."""

import pytest

from tests.personas import PASSWORD

SIGN_IN = "/accounts/sign-in/"


def attempt(client, username, password, address):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, personas):
    for _ in range(5):
        attempt(client, "own_staff", "wrong", "10.0.0.1")
    locked = attempt(client, "own_staff", PASSWORD, "10.0.0.1")
    assert locked.status_code == 429 and "۱۵ دقیقه" in locked.content.decode()
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.2")["Location"] == "/workspace/"


def test_guessing_across_many_accounts_locks_the_address(client, personas, settings):
    for n in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT):
        attempt(client, f"someone{n}", "wrong", "10.0.0.9")
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.9").status_code == 429
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.8")["Location"] == "/workspace/"


def test_a_shared_office_address_is_not_locked_by_a_few_mistakes(client, personas, settings):
    for n in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, f"colleague{n % 7}", "wrong", "10.0.0.7")
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.7")["Location"] == "/workspace/"


def test_a_valid_sign_in_does_not_clear_the_address_of_its_guesses(client, personas, settings):
    for n in range(settings.SIGNIN_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, f"victim{n}", "wrong", "10.0.0.6")
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.6")["Location"] == "/workspace/"
    client.logout()
    attempt(client, "victim", "wrong", "10.0.0.6")
    assert attempt(client, "own_staff", PASSWORD, "10.0.0.6").status_code == 429


@pytest.mark.parametrize("https", [False, True])
def test_behind_the_https_proxy_the_forwarded_address_counts(client, personas, settings, https):
    settings.SERVE_HTTPS = https
    for n in range(5):
        # The client's own X-Forwarded-For entries come first; the proxy appends the real one.
        client.post(SIGN_IN, {"username": "own_staff", "password": "wrong"}, REMOTE_ADDR="10.9.9.9",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.3", HTTP_X_FORWARDED_PROTO="https", secure=https)
    response = client.post(SIGN_IN, {"username": "own_staff", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9",
                           HTTP_X_FORWARDED_FOR="10.0.0.4", secure=https)
    # With the proxy, 10.0.0.4 is a different client; without it, everybody is 10.9.9.9.
    assert (response.status_code == 302) is https
