import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice


def test_it_prints_a_code_the_device_accepts(db, demo):
    out = io.StringIO()
    call_command("totp", "rahshahr-head", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__username="rahshahr-head")
    assert device.verify_token(code)


def test_it_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="پیدا نشد"):
        call_command("totp", "nobody")


def test_it_says_when_the_user_has_no_authenticator(db, demo):
    with pytest.raises(CommandError, match="ورود دومرحله‌ای"):
        call_command("totp", "rahshahr-staff")
