"""Background work of distribution, run by the task worker (db_worker / RQ)."""

from django_tasks import task

from . import worker


@task()
def send_deliveries() -> int:
    return worker.drain()
