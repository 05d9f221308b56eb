"""Tell the item's agency when a delivery failed or its outcome is unknown."""

from __future__ import annotations

from django.conf import settings

from hamafza.accounts.emails import send_templated_email
from hamafza.accounts.models import Membership


def notify_trouble(delivery) -> int:
    item = delivery.item
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
