"""The shared people of staff-side tests, built on the `world` fixture of tests/conftest.py.

A is "our" agency (it heads the council), B another agency on the same council, C an agency that
supports our items (and has accepted), D an agency invited to support that has not accepted.

    own_staff, own_head            members of A
    other_staff, other_head        members of B
    supporting_staff               staff of C
    pending_supporting_staff       staff of D
    secretariat, observer          council roles on the world's council
    admin                          a site admin (is_superuser)
    anonymous                      nobody signed in

Use the `personas` fixture (a SimpleNamespace); `sign_in_verified(client, user)` signs a person in
with a verified second factor, as the sign-in flow would.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamafza.accounts.models import CouncilRole, Membership, User

PASSWORD = "گذرواژه-آزمایشی-۱۴۰۵"


def make_user(username: str, **fields) -> User:
    fields.setdefault("email", f"{username}@example.ir")
    fields.setdefault("first_name", username)
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


def add_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="tests", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)).zfill(
        device.digits
    )


def sign_in_verified(client, user: User) -> None:
    """Signed in and past the second factor (a confirmed device is made if the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_device(user)
    client.force_login(user, backend="hamafza.accounts.backends.UsernameOrEmailBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def personas(world):
    return make_personas(world)


def make_personas(world) -> SimpleNamespace:
    """The people above on a `world` (tests/conftest.py)."""
    a, b, c, d, council = world["A"], world["B"], world["C"], world["D"], world["council"]

    def member(username, agency, role=Membership.Role.STAFF):
        user = make_user(username)
        Membership.objects.create(user=user, agency=agency, role=role)
        return user

    def council_role(username, role):
        user = make_user(username)
        CouncilRole.objects.create(user=user, council=council, role=role)
        return user

    return SimpleNamespace(
        world=world,
        own=a, other=b, supporting=c, pending_supporting=d, council=council,
        own_staff=member("own_staff", a),
        own_head=member("own_head", a, Membership.Role.HEAD),
        other_staff=member("other_staff", b),
        other_head=member("other_head", b, Membership.Role.HEAD),
        supporting_staff=member("supporting_staff", c),
        pending_supporting_staff=member("pending_supporting_staff", d),
        secretariat=council_role("secretariat", CouncilRole.Role.SECRETARIAT),
        observer=council_role("observer", CouncilRole.Role.OBSERVER),
        admin=make_user("admin", is_superuser=True, is_staff=True),
        anonymous=AnonymousUser(),
    )
