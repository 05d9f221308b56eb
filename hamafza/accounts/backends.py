"""Sign-in by username or by e-mail address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


def _find_user(identifier: str):
    User = get_user_model()
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        # E-mail addresses are not unique in the table; an ambiguous address signs nobody in.
        matches = list(User.objects.filter(email__iexact=identifier)[:2])
        if len(matches) == 1:
            return matches[0]
    return User.objects.filter(Q(username=identifier) | Q(username__iexact=identifier)).order_by("id").first()


class UsernameOrEmailBackend(ModelBackend):
    """Django's model backend, with the sign-in name matched to a username or an e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = _find_user(username)
        if user is None:
            # Run the hasher anyway so that timing does not tell which names exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials) -> str | None:
    """The name axes counts failures under: the account's username whichever way it was typed,
    so that alternating between username and e-mail does not double the allowed attempts."""
    typed = (credentials or {}).get("username") or ""
    user = _find_user(typed)
    return user.username if user is not None else typed.strip().lower()
