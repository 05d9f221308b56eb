from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "hamafza.coverage"
    label = "coverage"
    verbose_name = _("بازتاب خبری")

    def ready(self) -> None:
        from datetime import timedelta

        from hamafza.core import scheduler

        from . import tasks

        # Every minute: a fetch pass is enqueued when a feed is due (each feed is read every
        # FeedState.interval, 15 minutes by default); the morning digest is sent once a day.
        scheduler.register("monitoring.fetch_feeds", every=timedelta(minutes=1), func=tasks.enqueue_fetch)
        scheduler.register("monitoring.morning_digest", every=timedelta(minutes=30), func=_digest)
        # The coverage lines of an agency's activity report (hamafza.council.reports).
        from hamafza.council import reports

        from . import selectors

        reports.register_figures(selectors.agency_figures)
        # … and of the council's consolidated report (hamafza.reporting.report).
        from hamafza.reporting import report

        report.register_coverage(selectors.report_figures)
        # … and of the reciprocity record (hamafza.cooperation.reciprocity).
        from hamafza.cooperation import reciprocity

        reciprocity.register_coverage(selectors.report_figures)
        # … and the scorecard's coverage column.
        from . import scorecard

        scorecard.register_criteria()


def _digest():
    from django.utils import timezone

    from . import bulletin

    return bulletin.send_digests(timezone.now())
