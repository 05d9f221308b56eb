from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "hamafza.newsroom"
    verbose_name = _("اتاق خبر")

    def ready(self) -> None:
        from . import signals  # noqa: F401
