from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "hamafza.health"
    verbose_name = _("سلامت سامانه")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers every check)
