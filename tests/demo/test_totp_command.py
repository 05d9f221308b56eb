import pytest
from django.core.management import CommandError, call_command


def test_it_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="پیدا نشد"):
        call_command("totp", "nobody")
