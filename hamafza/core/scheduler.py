"""The scheduler: every few seconds it finds due work in the database and enqueues it.

Apps register their jobs in AppConfig.ready():

    from hamafza.core import scheduler
    scheduler.register("newsroom.publish_due", every=timedelta(seconds=5), func=publish_due)

A job function finds due rows and enqueues tasks for them; it must be idempotent (claim rows with
a conditional UPDATE), because the scheduler may be down for a while and then catch up, and two
schedulers may run at once. Each job is claimed per pass through ScheduledJob (see models.py).
"""

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger("hamafza.scheduler")


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    func: Callable[[], object]


_jobs: dict[str, Job] = {}


def register(name: str, every: dt.timedelta, func: Callable[[], object]) -> None:
    _jobs[name] = Job(name, every, func)


def jobs() -> list[Job]:
    return list(_jobs.values())


def _claim(job: Job, now: dt.datetime) -> bool:
    from .models import ScheduledJob

    claimed = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_started_at=now
    )
    if claimed:
        return True
    if ScheduledJob.objects.filter(name=job.name).exists():
        return False
    try:
        with transaction.atomic():
            ScheduledJob.objects.create(name=job.name, next_run_at=now + job.every, last_started_at=now)
    except IntegrityError:  # another scheduler created it first
        return False
    return True


def run_pass(now: dt.datetime | None = None) -> dict[str, object]:
    """Run every due job once; returns {job name: result} for the jobs this process ran."""
    from .models import ScheduledJob

    results: dict[str, object] = {}
    for job in jobs():
        now = now or timezone.now()
        if not _claim(job, now):
            continue
        try:
            result = job.func()
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("scheduler job %s failed", job.name)
            result = f"error: {exc.__class__.__name__}: {exc}"
        ScheduledJob.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_result=str(result)[:300]
        )
        results[job.name] = result
    return results


def run_forever(interval: float, should_stop: Callable[[], bool]) -> None:
    while not should_stop():
        started = time.monotonic()
        try:
            results = run_pass()
            for name, result in results.items():
                if result:
                    logger.info("scheduler: %s → %s", name, result)
        except Exception:
            logger.exception("scheduler pass failed")
        # Sleep in small steps so SIGTERM stops us promptly.
        while not should_stop() and time.monotonic() - started < interval:
            time.sleep(0.2)
