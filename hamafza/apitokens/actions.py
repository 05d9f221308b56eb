"""Creating, checking and revoking staff API tokens."""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit

from .models import ApiToken

PREFIX = "hz_"
TOUCH_EVERY = dt.timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def do_create_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token of `user`; returns it and the key, which is never shown again."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied(_("برای ساختن کلید باید وارد شده باشید."))
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise ValidationError({"name": [_("برای کلید نامی تا ۱۰۰ نویسه بنویسید.")]})
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], token_hash=_hash(raw))
        audit.record(user, "apitoken.created", token, after={"name": name, "prefix": token.prefix})
    return token, raw


def do_revoke_token(user, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied(_("این کلید از آنِ شما نیست."))
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(user, "apitoken.revoked", token, before={"prefix": token.prefix})
    return token


def user_for_key(raw: str | None):
    """The active owner of a valid, unrevoked key, or None."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=_hash(raw), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
