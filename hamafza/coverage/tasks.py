"""The fetch pass as a task: the scheduler job only enqueues it (a pass may take most of a minute)."""

from django.utils import timezone
from django_tasks import task


@task()
def fetch_task() -> dict:
    from . import fetcher

    return fetcher.run()


def enqueue_fetch() -> str:
    """The scheduler job: enqueue a pass when any feed is due."""
    from . import fetcher

    if not fetcher.due(timezone.now()).exists():
        return "nothing due"
    fetch_task.enqueue()
    return "enqueued"
