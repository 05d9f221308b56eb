from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    name = "hamafza.apitokens"
    verbose_name = _("کلیدهای API کارکنان")
