from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "hamafza.council"
    label = "council"
    verbose_name = _("شورا، پویش‌ها و تقویم")

    def ready(self) -> None:
        from hamafza.core import limits, scheduler

        from . import calendar, reminders
        from .errors import CouncilError

        limits.raise_as("council", CouncilError)  # an over-long text reaches the views as their own error

        calendar.register_builtin_sources()
        scheduler.register("council.task_reminders", every=timedelta(minutes=5), func=reminders.send_due_reminders)
