"""The index follows the newsroom: actions call `enqueue_index` and the task runs after commit."""

from django.db import transaction
from django_tasks import task

from . import indexing


@task()
def index_item_task(item_id: int) -> None:
    indexing.index_item(item_id)


def enqueue_index(item_id: int) -> None:
    """Index the item once the current transaction commits (at once when there is none)."""
    transaction.on_commit(lambda: index_item_task.enqueue(item_id))


def index_item(item_id: int) -> bool:
    return indexing.index_item(item_id)
