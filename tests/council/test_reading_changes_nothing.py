"""Reading a council page (GET) changes nothing: no notice marked read, no task turned overdue, no
calendar address made, no audit event — on every council page of the workspace and the portal.
Those writes belong to POST actions and to the scheduler."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from hamafza.council import actions, reminders
from hamafza.council.models import Task
from hamafza.notifications.models import Notification
from tests.personas import sign_in_verified

from .conftest import j

HOST = "khz.example.ir"


def fingerprint() -> dict:
    """Every row of the council, notifications and audit apps."""
    models = [m for label in ("council", "notifications", "audit") for m in apps.get_app_config(label).get_models()]
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}


@pytest.fixture
def pages(personas, campaign, meeting):
    sec = personas.secretariat
    proposal = actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other, title="نمایشگاه عکس",
                                       date=j(1405, 9, 26))
    report = actions.draft_activity_report(sec, meeting, personas.other, j(1405, 8, 1), j(1405, 8, 30))
    task = actions.create_task(sec, council=personas.council, title="گزارش تصویری", agency=personas.other, deadline=j(1405, 9, 20))
    # The deadline has passed but the scheduler has not run yet: a page view must not turn it overdue.
    Task.objects.filter(pk=task.pk).update(deadline=j(1405, 9, 1))
    reminders.claim_and_notify(task, "before")  # what the scheduler does: an unread reminder for B's people
    token = actions.create_calendar_feed(personas.other_head)
    council = "workspace:council:"
    return [
        reverse(council + "campaigns"), reverse(council + "campaign", args=[campaign.pk]),
        reverse(council + "proposal", args=[proposal.pk]), reverse(council + "calendar"), reverse(council + "calendar_feed"),
        reverse(council + "meetings"), reverse(council + "meeting", args=[meeting.pk]),
        reverse(council + "minutes_pdf", args=[meeting.pk]), reverse(council + "report", args=[report.pk]),
        reverse(council + "tasks"), reverse(council + "my_tasks"), reverse(council + "desk_tasks"),
        reverse(council + "task", args=[task.pk]), reverse(council + "compliance"), reverse(council + "ical", args=[token]),
        f"/campaign/{campaign.slug}/",
    ]


@pytest.mark.parametrize("who", ["other_head", "secretariat"])
def test_no_council_page_writes_on_get(client, personas, pages, who):
    sign_in_verified(client, getattr(personas, who))
    before = fingerprint()
    for url in pages:
        response = client.get(url, HTTP_HOST=HOST)
        assert response.status_code in (200, 404), (url, response.status_code)  # 404: compliance for an agency
    assert fingerprint() == before


def test_my_tasks_shows_the_unread_reminders_and_leaves_them_unread(client, personas, pages):
    sign_in_verified(client, personas.other_head)
    page = client.get(reverse("workspace:council:my_tasks")).content.decode()
    assert "مهلت وظیفه «گزارش تصویری» نزدیک است." in page
    note = Notification.objects.get(user=personas.other_head, kind="task_due")
    assert note.read_at is None
    # Opening it (a POST) marks it read and leads to the task.
    response = client.post(reverse("workspace:notifications:open", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None and response["Location"] == note.url
