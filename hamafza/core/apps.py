from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "hamafza.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from . import limits

        # Every Hamafza model: text within its field's limit and free of NULs, on both databases.
        pre_save.connect(limits.check_instance, dispatch_uid="hamafza.core.limits")
