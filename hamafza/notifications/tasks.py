"""Notification e-mails leave through the task worker, so a slow mail server never slows a save."""

from django_tasks import task

from .sending import send_emails


@task()
def send_notification_emails(user_ids: list[int], kind: str, item_id: int | None, title: str, actor_id: int | None,
                             text: str, url: str = "") -> None:
    send_emails(user_ids, kind, item_id, title, actor_id, text, url)
