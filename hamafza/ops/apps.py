from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings


class OpsConfig(AppConfig):
    name = "hamafza.ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        if settings.BACKUP_DAILY:
            from hamafza.core import scheduler

            from .tasks import enqueue_backup

            # One archive a day into BACKUP_DIR, keeping BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks.
            scheduler.register("ops.daily_backup", every=timedelta(days=1), func=enqueue_backup)
