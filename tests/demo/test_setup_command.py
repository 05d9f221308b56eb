import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from hamafza.agencies.models import Agency, Council, Sector
from hamafza.agencies.registry import get_registry
from hamafza.demo.data.people import PASSWORD as DEMO_PASSWORD

ARGS = [
    "--no-input", "--council-name", "شورای هماهنگی روابط عمومی‌های راه و شهرسازی فارس",
    "--short-name", "شورای فارس", "--region", "استان فارس",
    "--head-agency", "اداره کل راه و شهرسازی فارس", "--admin-username", "root", "--admin-email", "it@example.org",
]


def run_setup(*args) -> str:
    out = io.StringIO()
    call_command("setup", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_it_creates_the_first_council_and_administrator(db):
    password = run_setup(*ARGS)
    council = Council.objects.get()
    assert council.head_agency.name == "اداره کل راه و شهرسازی فارس"
    assert council.memberships.filter(agency=council.head_agency).exists()
    assert council.hostname is None
    assert get_registry().council_for_host("127.0.0.1").id == council.id
    assert Sector.objects.count() == 6
    admin = get_user_model().objects.get(username="root")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)
    assert password != DEMO_PASSWORD and not admin.check_password(DEMO_PASSWORD)
    assert len(password) >= 20


def test_each_installation_gets_its_own_random_password(db):
    first = run_setup(*ARGS)
    Council.objects.all().delete()
    Agency.objects.all().delete()
    get_user_model().objects.all().delete()
    second = run_setup(*ARGS)
    assert first != second


def test_it_refuses_when_a_council_exists(db):
    run_setup(*ARGS)
    with pytest.raises(CommandError, match="از پیش شورا دارد"):
        call_command("setup", *ARGS)
    assert Council.objects.count() == 1


def test_without_input_it_needs_the_council_name(db):
    with pytest.raises(CommandError, match="--council-name"):
        call_command("setup", "--no-input", "--region", "فارس", "--head-agency", "اداره کل")
    assert not Council.objects.exists()


def test_interactively_it_asks_for_the_password_twice(db, monkeypatch):
    answers = iter(["strong-and-long-passphrase", "mistyped", "strong-and-long-passphrase", "strong-and-long-passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("builtins.input", lambda prompt="": "")
    call_command(
        "setup", "--council-name", "شورای آزمایشی", "--region", "استان", "--head-agency", "اداره کل آزمایشی",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("strong-and-long-passphrase")
