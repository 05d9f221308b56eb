from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "hamafza.audit"
    verbose_name = _("گزارش رویدادها")

    def ready(self) -> None:
        from . import receivers  # noqa: F401
