"""Periodic jobs of the newsroom, registered with the scheduler (hamafza.core.scheduler)."""

from django.db import transaction
from django.utils import timezone

from .models import NewsItem
from .tasks import publish_scheduled_item


def publish_due() -> int:
    """Enqueue every scheduled item whose time has passed, also those missed while the
    scheduler was down. Publishing claims the item, so enqueuing one twice is harmless."""
    due = list(
        NewsItem.objects.filter(status=NewsItem.Status.SCHEDULED, published_at__lte=timezone.now())
        .order_by("published_at")
        .values_list("pk", flat=True)[:500]
    )
    for item_id in due:
        transaction.on_commit(lambda item_id=item_id: publish_scheduled_item.enqueue(item_id))
    return len(due)
