"""Channels and deliveries (hamafza.distribution)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of
from .items import can_view_item

__all__ = [
    "access_channel", "access_delivery", "access_new_channel", "allowed_platforms", "can_add_channel",
    "can_manage_channel", "can_resolve_delivery", "can_set_platforms", "can_use_channel", "can_view_channel",
    "can_view_delivery_troubles", "channel_platform", "kept_without_council", "on_no_council",
    "platform_allowed", "troubled_deliveries", "visible_channels",
]


# --- Platforms a council allows ------------------------------------------------------------------
# Each council lists the platforms its agencies may publish and share on (agencies/messengers.py):
# the domestic ones by default; a foreign one (Telegram, WhatsApp, X, Instagram) only when the
# council turned it on, with a note of why. A council's own channel follows its council; an
# agency's channel follows every council the agency sits on (a foreign platform must be allowed
# by each of them). An agency on no council follows the default — no council has allowed it a
# foreign platform, so it cannot add one —, except a foreign channel it already had when the
# policy came (Channel.kept_without_council, distribution migration 0006): that one keeps sending
# while the agency sits on no council, as the channels of agencies on a council were kept (0005);
# once the agency sits on a council, that council's list decides. Channel kinds offered, the
# editor's channel choice, the outbox, amplification and the portal's share buttons ask here.
# Who changes the list: the council's secretariat (and a site admin).

def _seats(agency_id: int | None) -> list:
    """The councils (registry infos) the agency sits on, as a member or an observer."""
    return [c for c in get_registry().councils.values() if agency_id in c.member_ids or agency_id in c.observer_ids]


def allowed_platforms(*, council_id: int | None = None, agency_id: int | None = None) -> frozenset[str]:
    from hamafza.agencies.messengers import default_platforms

    if council_id:
        council = get_registry().councils.get(council_id)
        return council.platforms if council is not None else frozenset(default_platforms())
    sets = [c.platforms for c in _seats(agency_id)]
    if not sets:
        return frozenset(default_platforms())
    return frozenset.intersection(*sets)


def on_no_council(agency_id: int | None) -> bool:
    return bool(agency_id) and not _seats(agency_id)


def kept_without_council(channel) -> bool:
    """A foreign channel an agency on no council had before the policy, still sending."""
    return bool(channel.agency_id and channel.kept_without_council and not _seats(channel.agency_id))


def channel_platform(channel) -> str:
    """The policy's name for the platform a channel reaches ('' when the policy does not cover it:
    a website or Aparat posted to by hand)."""
    from hamafza.agencies.messengers import manual_code

    if channel.kind == "manual":
        return manual_code(channel.manual_platform)
    return channel.platform


def platform_allowed(channel) -> bool:
    code = channel_platform(channel)
    if not code:
        return True
    return code in allowed_platforms(council_id=channel.council_id, agency_id=channel.agency_id) or kept_without_council(
        channel)


def can_set_platforms(user, council_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or council_id in roles.secretariat_councils


# --- Distribution channels ----------------------------------------------------------------------
# A channel belongs to an agency or to a council. Its agency's staff and head see it and send
# items to it; only the head (or, for a council channel, the secretariat) changes it, its token
# included. Nobody else sees it — a token is never shown back in full, even to its owner.

def can_view_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.member_of(channel.agency_id)
    return channel.council_id in roles.overseen_councils


def can_use_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.member_of(channel.agency_id)
    return channel.council_id in roles.secretariat_councils


def can_manage_channel(user, channel) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if channel.agency_id:
        return roles.head_of(channel.agency_id)
    return channel.council_id in roles.secretariat_councils


def can_add_channel(user, agency_id: int | None = None, council_id: int | None = None) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    if agency_id:
        return roles.head_of(agency_id)
    return council_id in roles.secretariat_councils


def visible_channels(user):
    from hamafza.distribution.models import Channel

    roles = roles_of(user)
    channels = Channel.objects.all()
    if roles.superuser:
        return channels
    return channels.filter(Q(agency_id__in=list(roles.agencies)) | Q(council_id__in=list(roles.overseen_councils)))


def access_channel(user, channel_id, for_write: bool = False):
    """The channel, or 404 when the person may not see it, or 403 when they may not change it."""
    from hamafza.distribution.models import Channel

    pk = pk_or_404(channel_id)
    channel = Channel.objects.filter(pk=pk).first()
    if channel is None or not can_view_channel(user, channel):
        raise Http404
    if for_write and not can_manage_channel(user, channel):
        raise PermissionDenied
    return channel


def access_new_channel(user, owner: str, owner_id):
    """A blank channel of an agency (owner "agency") or a council the person may add one to:
    404 for an unknown owner, 403 when the person may not add."""
    from hamafza.distribution.models import Channel

    pk = pk_or_404(owner_id)
    reg = get_registry()
    if owner not in ("agency", "council") or pk not in (reg.councils if owner == "council" else reg.agencies):
        raise Http404
    if not can_add_channel(user, **{f"{owner}_id": pk}):
        raise PermissionDenied
    return Channel(**{f"{owner}_id": pk})


def can_resolve_delivery(user, delivery) -> bool:
    """Retry, mark sent / not sent: the item's lead agency (staff or head) for its own channels,
    and whoever manages the channel (an agency head for a copy it republished, the secretariat
    for a council channel)."""
    roles = roles_of(user)
    if roles.superuser:
        return True
    if can_manage_channel(user, delivery.channel):
        return True
    return can_use_channel(user, delivery.channel) and (
        delivery.item_id is None or roles.member_of(delivery.item.lead_agency_id)
        or delivery.channel.council_id is not None
    )


def can_view_delivery_troubles(user) -> bool:
    """The workspace-wide list of `unknown` and failed deliveries: heads of an agency (their
    agency's channels) and the secretariat (their council's channels)."""
    roles = roles_of(user)
    return roles.superuser or bool(roles.head_agencies) or bool(roles.secretariat_councils)


def troubled_deliveries(user):
    """`unknown` and failed deliveries on the channels this person manages, whose item they may
    see (the caller filters by can_view_item: a list of open problems is short)."""
    from hamafza.distribution.models import Delivery

    roles = roles_of(user)
    rows = Delivery.objects.filter(state__in=[Delivery.State.UNKNOWN, Delivery.State.FAILED])
    if not roles.superuser:
        rows = rows.filter(Q(channel__agency_id__in=list(roles.head_agencies))
                           | Q(channel__council_id__in=list(roles.secretariat_councils)))
    return rows


def access_delivery(user, delivery_id, for_write: bool = False):
    from hamafza.distribution.models import Delivery

    pk = pk_or_404(delivery_id)
    delivery = Delivery.objects.select_related("channel", "item", "item__lead_agency").filter(pk=pk).first()
    if delivery is None or not can_view_channel(user, delivery.channel) or (
            delivery.item_id is not None and not can_view_item(user, delivery.item)):
        raise Http404
    if for_write and not can_resolve_delivery(user, delivery):
        raise PermissionDenied
    return delivery
