from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardConfig(AppConfig):
    name = "hamafza.scorecard"
    label = "scorecard"
    verbose_name = _("کارنامهٔ روابط عمومی")

    def ready(self) -> None:
        from hamafza.reporting import report

        from . import builtin, report_section

        builtin.register_builtins()
        # The scorecard's page in the council's consolidated report (HTML and PDF).
        report.register_section(report_section.section)
