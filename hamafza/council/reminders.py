"""Task reminders, run by the scheduler: a reminder a few days before the deadline, and one when
the task turns overdue — each exactly once per task. The TaskReminder row with its unique
(task, kind) is the claim: whichever scheduler inserts it first sends; the other gets an
IntegrityError and sends nothing. The reminder is a notice in the one notifications inbox
(`notify`), written in the same transaction as the claim, its e-mails sent after commit — so a
crash never leaves a claim without its reminder."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.accounts.models import Membership, User
from hamafza.notifications import notify
from hamafza.persian import jalali

from .models import Task, TaskReminder

REMIND_DAYS_BEFORE = 2
T = Task.Status
K = TaskReminder.Kind
NOTICE_KINDS = {K.BEFORE: "task_due", K.OVERDUE: "task_overdue"}


def recipients(task: Task) -> list[User]:
    if task.assignee_id:
        return list(User.objects.filter(pk=task.assignee_id, is_active=True))
    user_ids = Membership.objects.filter(agency_id=task.agency_id).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def _notify(task: Task, kind: str) -> None:
    deadline = jalali.format_date(task.deadline, weekday=True)
    notify(recipients(task), NOTICE_KINDS[kind], subject=task.title, text=_("مهلت: %(deadline)s") % {"deadline": deadline},
           url=reverse("workspace:council:task", args=[task.pk]))


def claim_and_notify(task: Task, kind: str) -> bool:
    try:
        with transaction.atomic():
            TaskReminder.objects.create(task=task, kind=kind)
            _notify(task, kind)
    except IntegrityError:  # another scheduler sent it
        return False
    return True


def mark_overdue(today: dt.date) -> int:
    return Task.objects.filter(status__in=(T.OPEN, T.IN_PROGRESS), deadline__lt=today).update(
        status=T.OVERDUE, updated_at=timezone.now(),
    )


def send_due_reminders(now: dt.datetime | None = None) -> str:
    today = jalali.to_tehran(now or timezone.now()).date()
    turned = mark_overdue(today)
    sent = 0
    for task in Task.objects.filter(status=T.OVERDUE).exclude(reminders__kind=K.OVERDUE):
        sent += claim_and_notify(task, K.OVERDUE)
    soon = Task.objects.filter(
        status__in=(T.OPEN, T.IN_PROGRESS), deadline__gte=today, deadline__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
    ).exclude(reminders__kind=K.BEFORE)
    for task in soon:
        sent += claim_and_notify(task, K.BEFORE)
    return f"{turned} overdue, {sent} reminders" if turned or sent else ""
