from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hamafza.accounts"
    verbose_name = _("کاربران و نقش‌ها")
