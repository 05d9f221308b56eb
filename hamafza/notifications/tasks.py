"""Notices leave through the task worker, so a slow mail server or gateway never slows a save."""

from django_tasks import task

from .sending import send_emails


@task()
def send_notification_emails(user_ids: list[int], kind: str, item_id: int | None, title: str, actor_id: int | None,
                             text: str, url: str = "") -> None:
    """Kept for tasks enqueued before the outbox (NoticeSend) existed."""
    send_emails(user_ids, kind, item_id, title, actor_id, text, url)


@task()
def send_notices() -> int:
    from .worker import send_due

    return send_due()
