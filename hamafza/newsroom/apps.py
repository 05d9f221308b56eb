from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "hamafza.newsroom"
    verbose_name = _("اتاق خبر")

    def ready(self) -> None:
        from hamafza import audit
        from hamafza.core import scheduler

        from . import jobs, signals, workflow  # noqa: F401
        from .models import NewsItem

        scheduler.register("newsroom.publish_due", every=timedelta(seconds=5), func=jobs.publish_due)
        audit.register_subject(NewsItem, workflow.audit_subject)
