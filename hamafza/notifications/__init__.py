"""In-app notifications (with an unread count), and the e-mails, Bale messages and SMS each person
chose for them (reach.py, worker.py). Actions call `notify(...)` inside
their transaction; the rows commit with the change and the e-mails go out after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction


def notify(user_ids: Iterable, kind: str, *, item=None, actor=None, text: str = "", subject: str = "",
           url: str = "") -> int:
    """Notify each person (ids or users) once, never the actor. Returns how many were notified.
    A notice not about a news item names its `subject` and the workspace `url` to open."""
    from .models import Notification
    from .reach import plan
    from .tasks import send_notices

    actor_id = getattr(actor, "pk", None)
    ids = []
    for value in user_ids:
        pk = getattr(value, "pk", value)
        if pk is not None and pk != actor_id and pk not in ids:
            ids.append(pk)
    if not ids:
        return 0
    notes = Notification.objects.bulk_create([
        Notification(user_id=pk, kind=kind, item=item, actor_id=actor_id, text=(text or "")[:500],
                     subject=(subject or "")[:250], url=url or "") for pk in ids
    ])
    # The e-mails, Bale messages and SMS each person chose: outbox rows in this transaction,
    # sent by the task worker once it commits (quiet hours and digests wait for the scheduler).
    from . import conf

    if plan(notes) and conf.get("SEND_ON_COMMIT"):
        transaction.on_commit(lambda: send_notices.enqueue())
    return len(ids)
