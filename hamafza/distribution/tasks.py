"""Background work of distribution.

With SENDER "tasks" (RQ, the scale profile) the task workers run `send_deliveries`, enqueued when
a publishing transaction commits. With SENDER "process" (the embedded default) `hamafza serve`
starts a dedicated sender, registered here, that polls the outbox (see conf.py for why)."""

from django_tasks import task

from . import conf, worker


@task()
def send_deliveries() -> int:
    return worker.drain()


def register_sender() -> None:
    """Have `hamafza serve` start the dedicated sender when SENDER is "process"."""
    from hamafza.core.management.commands import serve

    if conf.get("SENDER") == "process":
        serve.PROCESSES["sender"] = ["distribution_worker", "--interval", str(conf.get("SENDER_POLL"))]
    else:
        serve.PROCESSES.pop("sender", None)


register_sender()
