"""Writes without a person and without a policy check: for the demo loader, the benchmark
loader and test factories only (and for actions.save_channel once it has checked). Views, the
API and commands call hamafza.distribution.actions."""

from __future__ import annotations

from django.db import transaction

from .models import Channel, ChannelDefault


@transaction.atomic
def store_channel(channel: Channel, *, token: str = "", default_for_agency: bool | None = None) -> Channel:
    """Save a channel; a blank token keeps the stored one; optionally make it its agency's default."""
    if token.strip():
        channel.set_token(token)
    if channel.chat_id.startswith("@") and not channel.public_username:
        channel.public_username = channel.chat_id[1:]
    channel.save()
    if default_for_agency is not None and channel.agency_id:
        if default_for_agency:
            ChannelDefault.objects.get_or_create(agency_id=channel.agency_id, channel=channel)
        else:
            ChannelDefault.objects.filter(agency_id=channel.agency_id, channel=channel).delete()
    return channel
