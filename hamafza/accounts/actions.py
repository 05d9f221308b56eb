"""Writes to people, memberships and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from hamafza import audit, policy

from .emails import agency_site_url, send_templated_email
from .models import Invitation, Membership


class InvitationError(Exception):
    """An invitation link that cannot be used (the message is for people)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def do_invite(user, *, email: str, agency, role: str) -> tuple[Invitation, str]:
    """Invite someone to `agency` with a Membership role (policy.can_grant_role: whoever may
    invite there, policy.can_invite), record "invitation.sent" and e-mail the link after commit.
    Returns the invitation and the raw token (never stored, never in the audit log)."""
    from django.utils.translation import gettext as _

    email = (email or "").strip()
    if role not in Membership.Role.values:
        raise ValidationError(_("نقش را از فهرست انتخاب کنید."))
    if not policy.can_grant_role(user, agency.pk, role):
        raise PermissionDenied(_("شما اجازهٔ دعوت همکار به این دستگاه را ندارید."))
    if len(email) > Invitation._meta.get_field("email").max_length:
        raise ValidationError(_("رایانامه بیش از اندازه بلند است."))
    validate_email(email)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        agency=agency,
        role=role,
        invited_by=user,
        token_hash=hash_token(token),
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record(user, "invitation.sent", invitation, agency_id=agency.pk, after={"email": email, "role": role})
    link = agency_site_url(agency.id) + reverse("accounts:invitation", kwargs={"token": token})
    transaction.on_commit(
        lambda: send_templated_email(
            "invitation",
            [invitation.email],
            {"invitation": invitation, "link": link, "inviter": user, "agency": agency},
        )
    )
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("agency").filter(token_hash=hash_token(token or "")).first()


def check_invitation(invitation: Invitation | None, now: dt.datetime | None = None) -> Invitation:
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    if invitation is None:
        raise InvitationError(_("این پیوند دعوت معتبر نیست."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("این دعوت‌نامه پیش‌تر استفاده شده است."))
    if invitation.expires_at <= now:
        raise InvitationError(_("مهلت این دعوت‌نامه به پایان رسیده است؛ از دعوت‌کننده بخواهید دوباره دعوت کند."))
    return invitation


@transaction.atomic
def do_accept_invitation(invitation: Invitation, *, user=None, username: str = "", password: str = "",
                         first_name: str = "", last_name: str = ""):
    """Use an invitation once: for a signed-in person, or for a new account made from the form.
    The claim is a conditional UPDATE, so a link opened twice at once still works only once."""
    from django.utils.translation import gettext as _

    now = timezone.now()
    check_invitation(invitation, now)
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now).update(
        accepted_at=now
    )
    if not claimed:
        raise InvitationError(_("این دعوت‌نامه پیش‌تر استفاده شده است."))
    if user is None:
        User = get_user_model()
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username, email=invitation.email, password=password,
                    first_name=first_name, last_name=last_name,
                )
        except IntegrityError as exc:
            raise InvitationError(_("این نام کاربری پیش‌تر گرفته شده است.")) from exc
    membership, created = Membership.objects.get_or_create(
        user=user, agency=invitation.agency, defaults={"role": invitation.role}
    )
    if not created and membership.role != invitation.role and invitation.role == Membership.Role.HEAD:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    invitation.accepted_at, invitation.accepted_by = now, user
    return user
