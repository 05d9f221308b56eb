"""Scheduler jobs: notices whose quiet hours or digest time came, retries, stale claims; and the
notice bots' updates (`getUpdates`, polled)."""

from django.db import transaction

from . import linking, worker
from .models import NoticeSend


def send_due() -> str:
    from django.utils import timezone

    from .tasks import send_notices

    stale = worker.sweep_stale()
    due = NoticeSend.objects.filter(state=NoticeSend.State.PENDING, due_at__lte=timezone.now()).exists()
    if due:
        transaction.on_commit(lambda: send_notices.enqueue())
    return f"stale={stale} due={int(due)}" if stale or due else ""


def poll_bale() -> str:
    handled = linking.poll_all()
    return f"updates={handled}" if handled else ""
