import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from hamafza.core import scheduler
from hamafza.core.models import ScheduledJob
from hamafza.newsroom.models import NewsItem, Placement
from tests import factories

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone.utc)


def schedule(item: NewsItem, at: dt.datetime) -> None:
    NewsItem.objects.filter(pk=item.pk).update(status=NewsItem.Status.SCHEDULED, published_at=at)


@pytest.fixture
def draft(world):
    return factories.make_item(world["A"], published=False)


def test_a_due_item_is_published_by_the_next_pass(world, draft, django_capture_on_commit_callbacks):
    schedule(draft, NOW + dt.timedelta(minutes=10))
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scheduler.run_pass()
        draft.refresh_from_db()
        assert draft.status == NewsItem.Status.SCHEDULED
        assert not Placement.objects.filter(item=draft).exists()

    with time_machine.travel(NOW + dt.timedelta(minutes=10, seconds=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            scheduler.run_pass()
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.PUBLISHED
    assert draft.published_at == NOW + dt.timedelta(minutes=10)
    assert Placement.objects.filter(item=draft, council=world["council"]).exists()


def test_an_item_due_while_the_scheduler_was_down_is_published_on_its_next_start(world, draft, django_capture_on_commit_callbacks):
    schedule(draft, NOW - dt.timedelta(hours=6))
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("scheduler", "--once")
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.PUBLISHED
    # The item keeps its scheduled time; it is not silently re-dated or skipped.
    assert draft.published_at == NOW - dt.timedelta(hours=6)


def test_two_schedulers_run_a_job_once_per_interval(world):
    calls = []
    scheduler.register("test.counter", every=dt.timedelta(seconds=5), func=lambda: calls.append(1))
    try:
        with time_machine.travel(NOW, tick=False):
            scheduler.run_pass()
            scheduler.run_pass()  # a second scheduler process in the same instant
        assert len(calls) == 1
        with time_machine.travel(NOW + dt.timedelta(seconds=5), tick=False):
            scheduler.run_pass()
            scheduler.run_pass()
        assert len(calls) == 2
    finally:
        scheduler._jobs.pop("test.counter")
        ScheduledJob.objects.filter(name="test.counter").delete()


def test_publishing_twice_is_harmless(world, draft):
    from hamafza.newsroom.actions import do_publish_scheduled

    schedule(draft, NOW)
    with time_machine.travel(NOW + dt.timedelta(seconds=1), tick=False):
        assert do_publish_scheduled(draft.pk) is True
        assert do_publish_scheduled(draft.pk) is False
    assert Placement.objects.filter(item=draft).count() == 1


def test_a_failing_job_does_not_stop_the_others(world):
    ran = []

    def boom():
        raise RuntimeError("broken")

    scheduler.register("test.boom", every=dt.timedelta(seconds=5), func=boom)
    scheduler.register("test.after", every=dt.timedelta(seconds=5), func=lambda: ran.append(1))
    try:
        with time_machine.travel(NOW, tick=False):
            results = scheduler.run_pass()
        assert results["test.boom"].startswith("error: RuntimeError")
        assert ran == [1]
    finally:
        scheduler._jobs.pop("test.boom")
        scheduler._jobs.pop("test.after")
