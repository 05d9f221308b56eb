from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "hamafza.agencies"
    verbose_name = _("دستگاه‌ها و شوراها")

    def ready(self) -> None:
        from . import signals  # noqa: F401
