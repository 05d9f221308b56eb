"""Reach (hamafza.reach): who reads an agency's portal and channel reach, and which channels get a
monthly views indicator. Readers are the same as for the agency's performance figures: its own
staff and heads, the secretariat and observers of a council it sits on, and site admins. The
public sees reach only summed per agency (the API)."""

from __future__ import annotations

from django.http import Http404

from .reporting import can_read_reporting, reporting_agencies

__all__ = ["access_reach_agency", "can_read_reach", "channel_gets_views_indicator", "reach_agencies"]


def can_read_reach(user, agency_id: int) -> bool:
    return can_read_reporting(user, agency_id)


def reach_agencies(user) -> list[int]:
    """Agencies whose reach this person may read, own agencies first."""
    return reporting_agencies(user)


def access_reach_agency(user, agency_id) -> int:
    """An agency id whose reach the person may read; a foreign or unknown id is a 404."""
    from hamafza.agencies.registry import get_registry
    from hamafza.persian.digits import read_int

    pk = read_int(agency_id)
    if pk is None or pk not in get_registry().agencies or not can_read_reach(user, pk):
        raise Http404
    return pk


def channel_gets_views_indicator(channel) -> bool:
    """An agency's messenger or hand-posted channel: its bot cannot read view counts (docs/reach.md),
    so its head enters the month's views. Not the e-mail newsletter, not a sandbox, and not a
    council's own channel (the figures grid is per agency)."""
    from hamafza.distribution.models import Channel

    return channel.agency_id is not None and (channel.kind in Channel.BOT_KINDS or channel.kind == Channel.Kind.MANUAL)
