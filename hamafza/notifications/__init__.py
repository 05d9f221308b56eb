"""In-app notifications (with an unread count) and their e-mails. Actions call `notify(...)` inside
their transaction; the rows commit with the change and the e-mails go out after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction


def notify(user_ids: Iterable, kind: str, *, item=None, actor=None, text: str = "", subject: str = "",
           url: str = "") -> int:
    """Notify each person (ids or users) once, never the actor. Returns how many were notified.
    A notice not about a news item names its `subject` and the workspace `url` to open."""
    from .models import Notification
    from .tasks import send_notification_emails

    actor_id = getattr(actor, "pk", None)
    ids = []
    for value in user_ids:
        pk = getattr(value, "pk", value)
        if pk is not None and pk != actor_id and pk not in ids:
            ids.append(pk)
    if not ids:
        return 0
    Notification.objects.bulk_create([
        Notification(user_id=pk, kind=kind, item=item, actor_id=actor_id, text=(text or "")[:500],
                     subject=(subject or "")[:250], url=url or "") for pk in ids
    ])
    item_id, title = getattr(item, "pk", None), getattr(item, "title", "") or subject
    transaction.on_commit(
        lambda: send_notification_emails.enqueue(ids, kind, item_id, title, actor_id, text or "", url or "")
    )
    return len(ids)
