import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection

from hamafza.council import actions, reminders
from hamafza.council.models import Task, TaskReminder
from hamafza.notifications.models import Notification
from hamafza.persian.jalali import TEHRAN

from .conftest import NOW, j


@pytest.fixture
def task(personas, frozen):
    return actions.create_task(personas.secretariat, council=personas.council, title="ارسال گزارش عملکرد آبان", agency=personas.other,
                               deadline=j(1405, 9, 10))


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def run_at(when, django_capture_on_commit_callbacks):
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        return reminders.send_due_reminders()


def test_a_task_past_its_deadline_turns_overdue_and_sends_exactly_one_reminder(personas, task, outbox, django_capture_on_commit_callbacks):
    # Two days before: the "before" reminder, once.
    run_at(dt.datetime(2026, 11, 29, 8, 0, tzinfo=TEHRAN), django_capture_on_commit_callbacks)
    run_at(dt.datetime(2026, 11, 29, 8, 5, tzinfo=TEHRAN), django_capture_on_commit_callbacks)
    assert [r.kind for r in TaskReminder.objects.all()] == ["before"]
    assert sorted(m.to[0] for m in outbox) == ["other_head@example.ir", "other_staff@example.ir"]  # one each
    outbox.clear()
    # Still the deadline day at 23:59 in Tehran: not overdue.
    run_at(dt.datetime(2026, 12, 1, 23, 59, tzinfo=TEHRAN), django_capture_on_commit_callbacks)
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN
    # The next day: overdue, and one reminder however often the scheduler runs.
    for minute in (1, 6, 11):
        run_at(dt.datetime(2026, 12, 2, 0, minute, tzinfo=TEHRAN), django_capture_on_commit_callbacks)
    task.refresh_from_db()
    assert task.status == Task.Status.OVERDUE
    assert TaskReminder.objects.filter(task=task, kind="overdue").count() == 1
    assert sorted(m.to[0] for m in outbox) == ["other_head@example.ir", "other_staff@example.ir"]
    assert all("مهلت وظیفه «ارسال گزارش عملکرد آبان» گذشته است" in m.subject for m in outbox)
    assert all(f"/workspace/council/tasks/{task.pk}/" in m.body for m in outbox)
    html = outbox[0].alternatives[0][0]
    assert "باز کردن در هم‌افزا" in html and "دیدن خبر" not in html
    # The reminders are notices in the one inbox, opening the task's page.
    notes = Notification.objects.filter(user=personas.other_head).order_by("id")
    assert [(n.kind, n.subject, n.url) for n in notes] == [
        ("task_due", task.title, f"/workspace/council/tasks/{task.pk}/"),
        ("task_overdue", task.title, f"/workspace/council/tasks/{task.pk}/"),
    ]
    assert not Notification.objects.filter(user=personas.own_head).exists()


def test_a_done_task_is_never_overdue(personas, task, outbox, django_capture_on_commit_callbacks):
    actions.post_progress(personas.other_head, task, note="انجام شد", done=True)
    run_at(dt.datetime(2026, 12, 5, 9, 0, tzinfo=TEHRAN), django_capture_on_commit_callbacks)
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and not TaskReminder.objects.filter(kind="overdue").exists()


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_running_at_once_send_one_reminder(personas, outbox):
    with time_machine.travel(NOW, tick=False):
        task = actions.create_task(personas.secretariat, council=personas.council, title="تهیه گزارش تصویری", agency=personas.other,
                                   deadline=j(1405, 9, 10))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def scheduler_process():
        try:
            barrier.wait(timeout=10)
            results.append(reminders.send_due_reminders())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=scheduler_process) for _ in range(2)]
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=TEHRAN), tick=False):
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    assert not errors, errors
    task.refresh_from_db()
    assert task.status == Task.Status.OVERDUE
    assert TaskReminder.objects.filter(task=task).count() == 1
    assert len(outbox) == 2  # one each for other_head and other_staff
    assert Notification.objects.filter(kind="task_overdue").count() == 2
