from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "hamafza.notifications"
    verbose_name = _("اعلان‌ها")

    def ready(self) -> None:
        from hamafza.core import scheduler

        from . import jobs

        scheduler.register("notifications.send_due", every=timedelta(seconds=30), func=jobs.send_due)
        scheduler.register("notifications.poll_bale", every=timedelta(seconds=5), func=jobs.poll_bale)
