"""Scheduled backups, run by the task worker (a backup of a large installation takes minutes;
the scheduler only enqueues it)."""

from django.conf import settings
from django_tasks import task

from .backup import make_backup, prune


@task()
def scheduled_backup() -> str:
    result = make_backup(settings.BACKUP_DIR)
    prune(settings.BACKUP_DIR, keep_daily=settings.BACKUP_KEEP_DAILY, keep_weekly=settings.BACKUP_KEEP_WEEKLY)
    return str(result.path)


def enqueue_backup() -> None:
    scheduled_backup.enqueue()
