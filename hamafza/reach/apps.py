from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "hamafza.reach"
    label = "reach"
    verbose_name = _("دیده‌شدن")

    def ready(self):
        from django.db.models.signals import post_save

        from hamafza.core import scheduler
        from hamafza.distribution.models import Channel

        from . import actions, scorecard

        post_save.connect(actions.channel_saved, sender=Channel, dispatch_uid="reach.channel_indicator")
        scheduler.register("reach.channel_indicators", every=timedelta(hours=1), func=actions.ensure_all_channel_indicators)
        scorecard.register_criteria()  # the scorecard's reach columns
