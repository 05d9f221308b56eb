"""Each check of hamafza.health, in its good and its bad state."""

import datetime as dt
import os
import shutil
from collections import namedtuple
from types import SimpleNamespace

import pytest
from django.core import checks as django_checks
from django.db import OperationalError
from django.utils import timezone

from hamafza.core.models import ScheduledJob
from hamafza.distribution.models import Channel, Delivery, SenderLease
from hamafza.health.checks import database, deploy, runtime, senders, storage
from hamafza.health.registry import FAIL, OK, WARN, Check, run
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_database_answers():
    result = database.database()
    assert result.status == OK and "پایگاه داده" in result.summary


def test_a_database_that_does_not_answer_fails(monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(database, "connection", SimpleNamespace(cursor=broken, vendor="postgresql"))
    result = database.database()
    assert result.status == FAIL and "connection refused" in result.details[0]


def test_no_pending_migration_on_a_migrated_database():
    assert database.migrations().status == OK


def test_a_pending_migration_fails(monkeypatch):
    from django.db.migrations import Migration
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan",
                        lambda self, targets: [(Migration("0999_new_column", "newsroom"), False)])
    result = database.migrations()
    assert result.status == FAIL and result.details == ["newsroom.0999_new_column"] and "۱" in result.summary


def test_the_cache_answers():
    assert runtime.cache().status == OK


def test_a_cache_that_forgets_fails(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert runtime.cache().status == FAIL


def _task(enqueued_at):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.create(
        status=TaskResultStatus.READY, args_kwargs={"args": [], "kwargs": {}}, task_path="hamafza.search.tasks.x",
        queue_name="default", backend_name="default", run_after=timezone.now() - dt.timedelta(days=1),
        exception_class_path="", traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued_at)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_fresh_task_queue_is_fine(database_tasks):
    _task(timezone.now() - dt.timedelta(seconds=5))
    result = runtime.tasks()
    assert result.status == OK and result.metrics["depth"] == 1 and result.metrics["oldest_age_seconds"] < 60


def test_a_task_waiting_half_an_hour_fails(database_tasks):
    _task(timezone.now() - dt.timedelta(minutes=45))
    _task(timezone.now())
    result = runtime.tasks()
    assert result.status == FAIL and result.metrics["depth"] == 2 and result.metrics["oldest_age_seconds"] >= 45 * 60


def test_the_rq_queue_depth_and_oldest_job(settings, monkeypatch):
    """Against a real Redis on both passes: the scale profile's own in the PostgreSQL pass, the
    machine's Redis (which CI starts) in the SQLite pass."""
    import django_rq
    import redis
    import rq

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = rq.Queue(f"health-test-{os.getpid()}", connection=redis.Redis.from_url(url))
    monkeypatch.setattr(django_rq, "get_queue", lambda name="default", **kwargs: queue)
    queue.empty()
    try:
        queue.enqueue("builtins.print", "health")
        result = runtime.tasks()
        assert result.status == OK and result.metrics["depth"] == 1 and result.metrics["oldest_age_seconds"] < 60
    finally:
        queue.empty()


def test_a_scheduler_that_never_ran_fails():
    ScheduledJob.objects.all().delete()
    assert runtime.scheduler().status == FAIL


@pytest.mark.parametrize(("silent", "status"), [(dt.timedelta(seconds=4), OK), (dt.timedelta(minutes=3), WARN),
                                                (dt.timedelta(minutes=20), FAIL)])
def test_the_scheduler_heartbeat_is_its_newest_job_start(silent, status):
    now = timezone.now()
    ScheduledJob.objects.create(name="newsroom.publish_due", next_run_at=now, last_started_at=now - silent)
    ScheduledJob.objects.create(name="distribution.digests", next_run_at=now, last_started_at=now - dt.timedelta(hours=1))
    assert runtime.scheduler().status == status


def test_a_scheduler_pass_beats():
    from hamafza.core import scheduler

    ScheduledJob.objects.all().delete()
    scheduler.run_pass()
    assert runtime.scheduler().status in (OK, WARN)  # WARN only if a job reported an error


@pytest.fixture
def channel(world):
    return Channel.objects.create(agency=world["A"], kind=Channel.Kind.MANUAL, name="اینستاگرام اداره",
                                  manual_platform="Instagram")


def _delivery(channel, state=Delivery.State.QUEUED, age=dt.timedelta(0)):
    item = factories.make_item(channel.agency)
    d = Delivery.objects.create(item=item, version="v1", channel=channel, action=Delivery.Action.CREATE, state=state)
    Delivery.objects.filter(pk=d.pk).update(created_at=timezone.now() - age)
    return d


def test_channels_in_order(settings, channel):
    settings.DISTRIBUTION = {"SENDER": "tasks"}
    _delivery(channel)
    result = senders.senders()
    assert result.status == OK
    assert result.metrics["channels"][0]["due"] == 1 and "اینستاگرام اداره" in result.details[0]


def test_a_paused_channel_and_an_unknown_delivery_warn(settings, channel):
    settings.DISTRIBUTION = {"SENDER": "tasks"}
    Channel.objects.filter(pk=channel.pk).update(paused_at=timezone.now(), pause_reason="توکن نامعتبر")
    _delivery(channel, Delivery.State.UNKNOWN)
    result = senders.senders()
    assert result.status == WARN and "متوقف" in result.summary and "نامعلوم" in result.summary


def test_no_live_sender_with_messages_waiting_fails(settings, channel):
    settings.DISTRIBUTION = {"SENDER": "process", "SENDER_LEASE": 6.0}
    _delivery(channel)
    SenderLease.objects.create(worker="dead-host:1", seen_at=timezone.now() - dt.timedelta(minutes=5))
    result = senders.senders()
    assert result.status == FAIL and result.metrics["sender_alive"] is False
    SenderLease.objects.create(worker="live-host:2", seen_at=timezone.now())
    assert senders.senders().status == OK


Usage = namedtuple("Usage", "total used free")


def test_disk_with_room_is_fine(monkeypatch):
    monkeypatch.setattr(storage.shutil, "disk_usage", lambda path: Usage(100 * storage.GIB, 40 * storage.GIB, 60 * storage.GIB))
    result = storage.disk()
    assert result.status == OK and result.metrics["media"]["free_bytes"] == 60 * storage.GIB


def test_a_nearly_full_disk_fails(monkeypatch):
    monkeypatch.setattr(storage.shutil, "disk_usage", lambda path: Usage(100 * storage.GIB, 99.5 * storage.GIB, storage.GIB // 2))
    assert storage.disk().status == FAIL


def test_disk_of_a_folder_not_made_yet_is_its_parents(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "not" / "yet"
    assert storage.disk().metrics["backups"]["total_bytes"] == shutil.disk_usage(tmp_path).total


def test_no_backup_warns(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    assert storage.backup().status == WARN


def test_the_newest_backup_and_its_age(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    old, new = tmp_path / "hamafza-backup-20261201.tar", tmp_path / "hamafza-backup-20261205.tar"
    old.write_bytes(b"old")
    new.write_bytes(b"newer")
    (tmp_path / "notes.txt").write_text("not an archive")
    three_days = (timezone.now() - dt.timedelta(days=3)).timestamp()
    os.utime(old, (three_days - 86400, three_days - 86400))
    result = storage.backup()
    assert result.status == OK and result.metrics["newest"] == new.name and result.metrics["size_bytes"] == 5
    os.utime(new, (three_days, three_days))
    result = storage.backup()
    assert result.status == WARN and "۳ روز" in result.summary


def test_deploy_checks_summarised(monkeypatch):
    monkeypatch.setattr(deploy.django_checks, "run_checks", lambda **kw: [])
    assert deploy.deploy().status == OK
    monkeypatch.setattr(deploy.django_checks, "run_checks", lambda **kw: [
        django_checks.Warning("HSTS not set", id="security.W004")])
    assert deploy.deploy().status == WARN
    monkeypatch.setattr(deploy.django_checks, "run_checks", lambda **kw: [
        django_checks.Error("SECRET_KEY too short", id="security.E999"), django_checks.Warning("w", id="security.W004")])
    result = deploy.deploy()
    assert result.status == FAIL and result.metrics["ids"] == ["security.E999", "security.W004"]


def test_deploy_check_runs_djangos_deployment_checks(settings):
    settings.SILENCED_SYSTEM_CHECKS = []
    settings.SESSION_COOKIE_SECURE = False
    assert "security.W012" in deploy.deploy().metrics["ids"]


def test_a_check_that_raises_fails_without_hiding_the_others():
    def boom():
        raise RuntimeError("disk unplugged")

    outcome = run(Check("boom", "بررسی", boom))
    assert outcome.status == FAIL and "disk unplugged" in outcome.result.details[0]
