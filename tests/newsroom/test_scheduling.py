"""Scheduling through do_schedule, with a controlled clock: the scheduler publishes a due item on
its next pass, and one due while it was down on its next start."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from hamafza.audit.models import AuditEvent
from hamafza.core import scheduler
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem, Placement
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
S = NewsItem.Status


@pytest.fixture(autouse=True)
def only_the_newsroom_job(monkeypatch):
    """Other apps' jobs are tested with their apps; here the pass runs the newsroom's alone."""
    monkeypatch.setattr(scheduler, "_jobs", {"newsroom.publish_due": scheduler._jobs["newsroom.publish_due"]})


@pytest.fixture
def submitted(personas):
    with time_machine.travel(NOW - dt.timedelta(hours=1), tick=False):
        item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "هفتهٔ حمل و نقل", "lead": "لید"})
        actions.do_submit(personas.own_staff, item)
    return NewsItem.objects.get(pk=item.pk)


def run_scheduler(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.run_pass()


def test_a_due_item_is_published_by_the_next_pass(personas, submitted, django_capture_on_commit_callbacks):
    # ۱۴۰۵/۰۹/۰۵ ۱۶:۰۰ Tehran, as the editor's Jalali date and time fields give it.
    when = dt.datetime.combine(jalali_to_gregorian(1405, 9, 5), dt.time(16, 0), tzinfo=TEHRAN)
    with time_machine.travel(when - dt.timedelta(hours=2), tick=False):
        actions.do_schedule(personas.own_head, submitted, when)
        run_scheduler(django_capture_on_commit_callbacks)
        assert NewsItem.objects.get(pk=submitted.pk).status == S.SCHEDULED
        assert not Placement.objects.filter(item=submitted).exists()
    with time_machine.travel(when + dt.timedelta(seconds=6), tick=False):
        run_scheduler(django_capture_on_commit_callbacks)
    item = NewsItem.objects.get(pk=submitted.pk)
    assert item.status == S.PUBLISHED and item.published_at == when
    assert Placement.objects.filter(item=item, council=personas.council).exists()
    assert AuditEvent.objects.filter(action="item.published_scheduled", object_id=item.pk).exists()


def test_an_item_due_while_the_scheduler_was_down_is_published_on_its_next_start(
    personas, submitted, django_capture_on_commit_callbacks,
):
    with time_machine.travel(NOW, tick=False):
        actions.do_schedule(personas.own_head, submitted, NOW + dt.timedelta(minutes=30))
    # The scheduler was down from NOW until six hours later.
    with time_machine.travel(NOW + dt.timedelta(hours=6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("scheduler", "--once")
    item = NewsItem.objects.get(pk=submitted.pk)
    assert item.status == S.PUBLISHED
    assert item.published_at == NOW + dt.timedelta(minutes=30)


def test_a_schedule_must_be_in_the_future_and_by_the_head(personas, submitted):
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(ValidationError) as exc:
            actions.do_schedule(personas.own_head, submitted, NOW - dt.timedelta(minutes=1))
        assert "آینده" in exc.value.message_dict["when"][0]
        for user in (personas.own_staff, personas.other_head, personas.observer, personas.secretariat):
            with pytest.raises(PermissionDenied):
                actions.do_schedule(user, submitted, NOW + dt.timedelta(days=1))


def test_a_scheduled_item_can_be_unpublished_before_it_is_due(personas, submitted, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        actions.do_schedule(personas.own_head, submitted, NOW + dt.timedelta(minutes=5))
        actions.do_unpublish(personas.own_head, NewsItem.objects.get(pk=submitted.pk), "لغو برنامه", "gone")
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        run_scheduler(django_capture_on_commit_callbacks)
    assert NewsItem.objects.get(pk=submitted.pk).status == S.UNPUBLISHED
