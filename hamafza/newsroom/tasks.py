"""Background work of the newsroom, run by the task worker."""

from django_tasks import task

from . import actions


@task()
def publish_scheduled_item(item_id: int) -> bool:
    return actions.do_publish_scheduled(item_id)
