from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "hamafza.distribution"
    verbose_name = _("انتشار در مجراها")

    def ready(self) -> None:
        from hamafza.core import scheduler

        from . import checks, jobs, outbox  # noqa: F401

        outbox.connect()
        scheduler.register("distribution.enqueue_due", every=timedelta(seconds=5), func=jobs.enqueue_due)
        scheduler.register("distribution.digests", every=timedelta(minutes=10), func=jobs.send_digests)
