"""Every write of reach outside the counter's flush (hamafza.reach.counter, which writes only
counts). A channel whose bot cannot read view counts gets a «بازدید کانال …» indicator, created
through reporting's own action, so that its head enters and approves the month's views in the
existing figures grid."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.registry import get_registry
from hamafza.reporting import actions as reporting_actions
from hamafza.reporting.models import Indicator

from .models import ChannelIndicator

ORDER = 900  # after an agency's own indicators in the grid


def indicator_name(channel) -> str:
    return _("بازدید کانال %(name)s (%(platform)s)") % {"name": channel.name, "platform": channel.get_kind_display()}


def _council_of(agency_id: int) -> int | None:
    registry = get_registry()
    return next((c.id for c in registry.councils.values() if agency_id in c.member_ids or agency_id in c.observer_ids), None)


def do_ensure_channel_indicator(channel) -> ChannelIndicator | None:
    """System action (the channel's creation, the hourly sweep): no person acts, so the policy
    asked is which channels get one (policy.channel_gets_views_indicator). Idempotent."""
    if not policy.channel_gets_views_indicator(channel):
        return None
    with transaction.atomic():
        existing = ChannelIndicator.objects.select_for_update().filter(channel_id=channel.pk).first()
        if existing is not None:
            return existing
        indicator = reporting_actions.do_create_indicator(
            None, channel.agency_id, name=indicator_name(channel)[:200], unit=Indicator.Unit.COUNT,
            direction=Indicator.Direction.HIGHER, aggregation=Indicator.Aggregation.SUM, is_public=True, order=ORDER,
        )
        link = ChannelIndicator.objects.create(channel_id=channel.pk, indicator=indicator)
        audit.record(
            None, "channel.views_indicator_created", indicator, agency_id=channel.agency_id,
            council_id=_council_of(channel.agency_id), after={"channel": channel.pk, "indicator": indicator.pk},
        )
    return link


def ensure_all_channel_indicators() -> int:
    """The scheduler's sweep: channels made before reach existed, or whose creation hook failed."""
    from hamafza.distribution.models import Channel

    made = 0
    linked = ChannelIndicator.objects.values("channel_id")
    for channel in Channel.objects.filter(agency__isnull=False).exclude(pk__in=linked):
        if do_ensure_channel_indicator(channel) is not None:
            made += 1
    return made


def channel_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of distribution.Channel: the indicator once the channel's transaction commits."""
    if created and not raw:
        transaction.on_commit(lambda: do_ensure_channel_indicator(instance))
