from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hamafza.accounts"
    verbose_name = _("کاربران و نقش‌ها")

    def ready(self) -> None:
        from hamafza import audit

        from .models import CouncilRole, Membership, User

        audit.track_changes(Membership)
        audit.track_changes(CouncilRole, scope=lambda role: (None, role.council_id))
        # For people, only the site-wide roles are audited (a sign-in saves last_login, which is
        # not news); a new person is recorded when they get a role (membership, council role).
        audit.track_changes(User, only=("is_superuser", "is_staff", "is_active"),
                            created_is_news=lambda user: user.is_superuser or user.is_staff)
