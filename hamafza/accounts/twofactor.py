"""Two-factor sign-in (TOTP through django-otp): who must use it, and the devices.

Agency heads, the council secretariat and site admins must; everyone else may (once a person
has confirmed an authenticator, the code is asked of them too). Enrolment also hands out ten
single-use recovery codes (django-otp's static tokens) for the day the phone is lost.
"""

from __future__ import annotations

import base64
from urllib.parse import quote

import segno
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import CouncilRole, Membership

ENROL_DEVICE_NAME = "authenticator"


def is_required(user) -> bool:
    if not getattr(user, "is_authenticated", False) and not getattr(user, "pk", None):
        return False
    if user.is_superuser:
        return True
    if Membership.objects.filter(user=user, role=Membership.Role.HEAD).exists():
        return True
    return CouncilRole.objects.filter(user=user, role=CouncilRole.Role.SECRETARIAT).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()


def is_needed(user) -> bool:
    """Whether a second step is asked of this person after the password."""
    return is_required(user) or confirmed_device(user) is not None


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device an enrolment shows; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=ENROL_DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def grouped_secret(device: TOTPDevice) -> str:
    """The key in groups of four, easier to type into an authenticator by hand."""
    key = secret_base32(device)
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def otpauth_uri(device: TOTPDevice) -> str:
    issuer = getattr(settings, "OTP_TOTP_ISSUER", "Hamafza")
    label = quote(f"{issuer}:{device.user.get_username()}")
    return (
        f"otpauth://totp/{label}?secret={secret_base32(device)}&issuer={quote(issuer)}"
        f"&digits={device.digits}&period={device.step}&algorithm=SHA1"
    )


def qr_svg(uri: str) -> str:
    """An inline SVG of the QR code of the URI (segno, no image library)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, dark="#0f172a", light="#ffffff")


def verify(device: TOTPDevice, token: str) -> bool:
    """Check a code typed by a person: Persian or Arabic digits and spaces are accepted.
    django-otp throttles repeated failures on the device."""
    from hamafza.persian.digits import to_ascii_digits

    token = to_ascii_digits("".join((token or "").split()))
    if not token.isdigit() or len(token) != device.digits:
        return False
    return device.verify_token(token)


def confirm(device: TOTPDevice) -> None:
    """The person proved they hold the key: the device counts, earlier pending ones go."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).exclude(pk=device.pk).delete()


# --- Recovery codes ------------------------------------------------------------------------------

RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with ten new ones; returns them as shown («abcd-efgh»)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME,
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return [f"{t[:4]}-{t[4:]}" for t in tokens]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True).count()


def use_recovery_code(user, text: str) -> StaticDevice | None:
    """The recovery device if `text` is one of the person's unused codes (it is then used up)."""
    token = "".join((text or "").split()).replace("-", "").lower()
    if len(token) != 8 or not token.isalnum():
        return None
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()
    if device is None or not device.verify_token(token):
        return None
    return device
