"""Periodic jobs, registered with the scheduler: find due work by polling the database."""

from django.db import transaction
from django.utils import timezone

from . import conf
from .models import Channel, Delivery
from .tasks import send_deliveries
from . import worker


def enqueue_due() -> str:
    """Stale `sending` → `unknown`; if anything is due (retries, ended pauses, deliveries whose
    kick was lost), enqueue a send task — unless a dedicated sender polls the outbox."""
    stale = worker.sweep_stale()
    if conf.get("SENDER") != "tasks":
        return f"stale={stale}" if stale else ""
    due = (
        Delivery.objects.filter(state__in=Delivery.DUE_STATES, next_attempt_at__lte=timezone.now(), channel__enabled=True)
        .exclude(channel__kind=Channel.Kind.MANUAL)
        .exists()
    )
    if due:
        transaction.on_commit(lambda: send_deliveries.enqueue())
    return f"stale={stale} due={int(due)}" if stale or due else ""


def send_digests() -> int:
    from .newsletter import send_due_digests

    return send_due_digests()
