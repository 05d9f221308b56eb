"""Who sends: a dedicated sender process on the embedded default, send tasks with RQ."""

import pytest

from hamafza.core.management.commands import serve
from hamafza.distribution import conf, jobs, tasks
from hamafza.distribution.models import Delivery
from tests import factories

from .conftest import make_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def defaults(settings):
    """The product's defaults for who sends (the suite's conftest pins KICK_ON_COMMIT off)."""
    settings.DISTRIBUTION = {k: v for k, v in settings.DISTRIBUTION.items() if k != "KICK_ON_COMMIT"}
    yield settings
    tasks.register_sender()  # back to what the suite's own settings say


def test_the_embedded_default_runs_a_dedicated_sender_and_no_send_tasks(defaults):
    defaults.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    assert conf.get("SENDER") == "process" and conf.get("KICK_ON_COMMIT") is False
    tasks.register_sender()
    assert serve.PROCESSES["sender"][0] == "distribution_worker"


def test_with_rq_the_task_workers_send(defaults):
    defaults.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert conf.get("SENDER") == "tasks" and conf.get("KICK_ON_COMMIT") is True
    tasks.register_sender()
    assert "sender" not in serve.PROCESSES


def test_the_scheduler_leaves_due_work_to_the_dedicated_sender(defaults, world, bot, django_capture_on_commit_callbacks):
    defaults.DISTRIBUTION = {**defaults.DISTRIBUTION, "SENDER": "process"}
    make_channel(world["A"])
    item = factories.make_item(world["A"])  # no kick: the sender polls
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert jobs.enqueue_due() == ""
    assert callbacks == [] and Delivery.objects.get(item=item).state == Delivery.State.QUEUED
    assert bot.posted == []
