"""The processes around the web server: the cache, the task queue and the scheduler."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.core.models import ScheduledJob

from .. import words
from ..registry import FAIL, OK, WARN, Result, register

# A task waiting longer than this means the worker is slow (warn) or not running (fail).
QUEUE_WARN = dt.timedelta(minutes=5)
QUEUE_FAIL = dt.timedelta(minutes=30)
# The scheduler claims its shortest job every few seconds (newsroom.publish_due: 5 s), so the
# newest ScheduledJob.last_started_at is its heartbeat.
SCHEDULER_WARN = dt.timedelta(minutes=2)
SCHEDULER_FAIL = dt.timedelta(minutes=10)


@register("cache", gettext_lazy("حافظهٔ نهان"))
def cache() -> Result:
    key, value = f"hamafza:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    try:
        default_cache.set(key, value, 30)
        read = default_cache.get(key)
        default_cache.delete(key)
    except Exception as exc:
        return Result(FAIL, _("حافظهٔ نهان در دسترس نیست."), [f"{exc.__class__.__name__}: {exc}"[:300]])
    if read != value:
        return Result(FAIL, _("حافظهٔ نهان آنچه را نوشته شد برنگرداند."), [backend], {"backend": backend})
    return Result(OK, _("حافظهٔ نهان می‌نویسد و می‌خواند."), [backend], {"backend": backend})


def _queue_result(kind: str, depth: int, oldest: dt.datetime | None, failed: int | None = None) -> Result:
    now = timezone.now()
    waited = (now - oldest) if oldest else dt.timedelta(0)
    metrics: dict[str, object] = {"backend": kind, "depth": depth,
                                  "oldest_age_seconds": int(waited.total_seconds()) if oldest else None}
    details = [_("در صف: {n}").format(n=words.number(depth))]
    if oldest:
        details.append(_("قدیمی‌ترین کار: {when} ({age} پیش)").format(when=words.when(oldest),
                                                                    age=words.age(waited.total_seconds())))
    if failed is not None:
        metrics["failed_24h"] = failed
        details.append(_("کارهای ناموفق در ۲۴ ساعت گذشته: {n}").format(n=words.number(failed)))
    if waited > QUEUE_FAIL:
        return Result(FAIL, _("کارها بیش از {age} در صف مانده‌اند؛ پردازشگر کارها اجرا نمی‌شود.").format(
            age=words.age(QUEUE_FAIL.total_seconds())), details, metrics)
    if waited > QUEUE_WARN:
        return Result(WARN, _("کارها دیر برداشته می‌شوند: قدیمی‌ترین {age} در صف است.").format(
            age=words.age(waited.total_seconds())), details, metrics)
    if failed:
        return Result(WARN, _("{n} کار در ۲۴ ساعت گذشته ناموفق بوده است.").format(n=words.number(failed)),
                      details, metrics)
    return Result(OK, _("صف کارها روان است: {n} کار در صف.").format(n=words.number(depth)), details, metrics)


def _database_queue() -> Result:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    depth = ready.count()
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED,
                                         finished_at__gte=timezone.now() - dt.timedelta(days=1)).count()
    return _queue_result("database", depth, oldest, failed)


def _rq_queue() -> Result:
    import django_rq

    queue = django_rq.get_queue("default")
    depth = queue.count
    oldest = None
    first = queue.get_job_ids(0, 1)
    if first:
        job = queue.fetch_job(first[0])
        oldest = job.enqueued_at if job else None
        if oldest is not None and timezone.is_naive(oldest):
            oldest = timezone.make_aware(oldest, dt.timezone.utc)
    return _queue_result("rq", depth, oldest, queue.failed_job_registry.count)


@register("tasks", gettext_lazy("صف کارها"))
def tasks() -> Result:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        return _database_queue()
    if backend.startswith("django_tasks_rq"):
        return _rq_queue()
    return Result(OK, _("کارها بی‌درنگ در همان فرایند اجرا می‌شوند؛ صفی در کار نیست."), [backend],
                  {"backend": backend.rsplit(".", 1)[-1], "depth": 0})


@register("scheduler", gettext_lazy("زمان‌بند"))
def scheduler() -> Result:
    now = timezone.now()
    jobs = ScheduledJob.objects.all()
    beat = jobs.aggregate(beat=Max("last_started_at"))["beat"]
    if beat is None:
        return Result(FAIL, _("زمان‌بند هرگز اجرا نشده است؛ «hamafza scheduler» را راه بیندازید."),
                      metrics={"heartbeat": None})
    silent = now - beat
    metrics: dict[str, object] = {"heartbeat": beat.isoformat(), "age_seconds": int(silent.total_seconds())}
    details = [_("آخرین تپش: {when} ({age} پیش)").format(when=words.when(beat), age=words.age(silent.total_seconds()))]
    errors = [f"{name}: {result}" for name, result in jobs.filter(last_result__startswith="error:")
              .values_list("name", "last_result")]
    details += errors
    metrics["failing_jobs"] = len(errors)
    if silent > SCHEDULER_FAIL:
        return Result(FAIL, _("زمان‌بند {age} است که کاری را آغاز نکرده است.").format(
            age=words.age(silent.total_seconds())), details, metrics)
    if silent > SCHEDULER_WARN:
        return Result(WARN, _("زمان‌بند عقب افتاده است: آخرین تپش {age} پیش.").format(
            age=words.age(silent.total_seconds())), details, metrics)
    if errors:
        return Result(WARN, _("{n} کار زمان‌بند در آخرین اجرا خطا داد.").format(n=words.number(len(errors))),
                      details, metrics)
    return Result(OK, _("زمان‌بند کار می‌کند: آخرین تپش {age} پیش.").format(age=words.age(silent.total_seconds())),
                  details, metrics)
