from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "hamafza.live"
    label = "live"
    verbose_name = _("رویدادهای زنده و تابلوی وضعیت")

    def ready(self) -> None:
        from hamafza.core import limits

        from .errors import LiveError

        limits.raise_as("live", LiveError)  # an over-long text reaches the views as their own error
