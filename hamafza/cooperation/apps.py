from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "hamafza.cooperation"
    label = "cooperation"
    verbose_name = _("همکاری دستگاه‌ها")

    def ready(self) -> None:
        from hamafza.core import limits

        from .errors import CooperationError

        limits.raise_as("cooperation", CooperationError)  # an over-long text reaches the views as their own error
        from . import resource_calendar

        resource_calendar.register()
        from datetime import timedelta

        from hamafza.core import scheduler

        from . import helprequests

        scheduler.register("cooperation.help_expiry", every=timedelta(minutes=5), func=helprequests.expire_due)
        from . import amplification; amplification.install()  # noqa: E702  (expiry job + publication receiver)
        # The reciprocity record's lines in the council's activity report and the consolidated report.
        from hamafza.council import reports
        from hamafza.reporting import report

        from . import reciprocity

        reports.register_figures(reciprocity.activity_report_figures)
        report.register_reciprocity(reciprocity.council_record)
