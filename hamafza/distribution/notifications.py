"""Tell the item's agency when a delivery failed or its outcome is unknown."""

from __future__ import annotations

from django.conf import settings

from hamafza.accounts.emails import send_templated_email
from hamafza.accounts.models import Membership


def notify_trouble(delivery) -> int:
    item = delivery.item
    if item is None:
        return 0  # a live bulletin: the next update is sent anyway; the channel's page shows it
    emails = sorted(
        e for e in Membership.objects.filter(agency_id=item.lead_agency_id).values_list("user__email", flat=True) if e
    )
    if not emails:
        return 0
    send_templated_email("distribution_trouble", emails, {
        "delivery": delivery, "item": item, "channel": delivery.channel,
        "url": f"{settings.SITE_URL}/workspace/distribution/items/{item.pk}/",
    })
    return len(emails)


def notify_paused(channel) -> int:
    """Once, when a channel is paused after failures in a row: its agency's heads (the council's
    secretariat for a council channel), who can fix it and resume it."""
    from hamafza.accounts.models import CouncilRole
    from hamafza.persian.digits import to_persian_digits

    if channel.agency_id:
        people = Membership.objects.filter(agency_id=channel.agency_id, role=Membership.Role.HEAD)
    else:
        people = CouncilRole.objects.filter(council_id=channel.council_id, role=CouncilRole.Role.SECRETARIAT)
    emails = sorted({e for e in people.values_list("user__email", flat=True) if e})
    if not emails:
        return 0
    send_templated_email("distribution_paused", emails, {
        "channel": channel, "failures": to_persian_digits(channel.failures_in_row),
        "url": f"{settings.SITE_URL}/workspace/distribution/channels/{channel.pk}/",
    })
    return len(emails)
