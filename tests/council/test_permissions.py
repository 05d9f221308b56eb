"""Agencies see their own tasks and proposals; the secretariat sees and changes all; observers
read all and change nothing; an agency off the council sees nothing."""

import pytest

from hamafza.council import actions
from hamafza.council.models import Task
from tests.personas import sign_in_verified

from .conftest import j


@pytest.fixture
def work(personas, campaign, meeting):
    return {
        "own_task": actions.create_task(personas.secretariat, council=personas.council, title="وظیفه الف", agency=personas.own, deadline=j(1405, 9, 20)),
        "other_task": actions.create_task(personas.secretariat, council=personas.council, title="وظیفه ب", agency=personas.other, deadline=j(1405, 9, 20)),
        "own_proposal": actions.propose_program(personas.secretariat, campaign=campaign, agency=personas.own, title="برنامه الف", date=j(1405, 9, 26)),
        "other_proposal": actions.propose_program(personas.secretariat, campaign=campaign, agency=personas.other, title="برنامه ب", date=j(1405, 9, 27)),
        "meeting": meeting, "campaign": campaign,
    }


def status(client, url, data=None):
    return (client.post(url, data) if data is not None else client.get(url)).status_code


MATRIX = [
    # person, sees own task, sees other task, sees own proposal, sees other proposal
    ("own_head", 200, 404, 200, 404),
    ("own_staff", 200, 404, 200, 404),
    ("other_head", 404, 200, 404, 200),
    ("pending_supporting_staff", 404, 404, 404, 404),  # agency D: not on the council
    ("secretariat", 200, 200, 200, 200),
    ("observer", 200, 200, 200, 200),
]


@pytest.mark.parametrize("who, own_task, other_task, own_prop, other_prop", MATRIX)
def test_who_sees_which_task_and_proposal(client, personas, work, who, own_task, other_task, own_prop, other_prop):
    sign_in_verified(client, getattr(personas, who))
    assert status(client, f"/workspace/council/tasks/{work['own_task'].pk}/") == own_task
    assert status(client, f"/workspace/council/tasks/{work['other_task'].pk}/") == other_task
    assert status(client, f"/workspace/council/proposals/{work['own_proposal'].pk}/") == own_prop
    assert status(client, f"/workspace/council/proposals/{work['other_proposal'].pk}/") == other_prop


def test_task_lists_hold_only_what_the_person_may_see(client, personas, work):
    sign_in_verified(client, personas.own_head)
    page = client.get("/workspace/council/tasks/").content.decode()
    assert "وظیفه الف" in page and "وظیفه ب" not in page
    client.logout()
    sign_in_verified(client, personas.observer)
    page = client.get("/workspace/council/tasks/").content.decode()
    assert "وظیفه الف" in page and "وظیفه ب" in page


def test_an_agency_cannot_post_progress_on_another_agencys_task(client, personas, work):
    sign_in_verified(client, personas.own_head)
    assert status(client, f"/workspace/council/tasks/{work['other_task'].pk}/", {"action": "progress", "note": "x"}) == 404
    assert status(client, f"/workspace/council/tasks/{work['own_task'].pk}/", {"action": "close"}) == 403
    assert status(client, f"/workspace/council/tasks/{work['own_task'].pk}/", {"action": "progress", "note": "انجام شد"}) == 302


def test_observers_read_everything_and_change_nothing(client, personas, work):
    sign_in_verified(client, personas.observer)
    meeting, campaign = work["meeting"], work["campaign"]
    for url in (f"/workspace/council/meetings/{meeting.pk}/", f"/workspace/council/campaigns/{campaign.pk}/",
                "/workspace/council/compliance/", "/workspace/council/calendar/", f"/workspace/council/meetings/{meeting.pk}/minutes.pdf"):
        assert status(client, url) == 200, url
    writes = [
        (f"/workspace/council/tasks/{work['other_task'].pk}/", {"action": "progress", "note": "x"}),
        (f"/workspace/council/tasks/{work['other_task'].pk}/", {"action": "close"}),
        (f"/workspace/council/proposals/{work['other_proposal'].pk}/", {"action": "review", "decision": "approved"}),
        (f"/workspace/council/proposals/{work['other_proposal'].pk}/", {"action": "edit", "title": "x", "date": "۱۴۰۵/۰۹/۲۶"}),
        (f"/workspace/council/meetings/{meeting.pk}/", {"action": "resolution", "text": "x", "agencies": [personas.own.pk], "deadline": "۱۴۰۵/۰۹/۲۰"}),
        (f"/workspace/council/meetings/{meeting.pk}/", {"action": "news"}),
        ("/workspace/council/meetings/", {"title": "x", "date": "۱۴۰۵/۰۹/۱۰", "time": "۱۰:۰۰", "agencies": [personas.own.pk]}),
        ("/workspace/council/campaigns/", {"title": "x", "start_date": "۱۴۰۵/۰۱/۰۱", "end_date": "۱۴۰۵/۰۱/۰۲"}),
        (f"/workspace/council/campaigns/{campaign.pk}/", {"action": "propose", "agency": personas.own.pk, "title": "x", "date": "۱۴۰۵/۰۹/۲۶"}),
    ]
    for url, data in writes:
        assert status(client, url, data) == 403, url
    assert Task.objects.filter(status="done").count() == 0


def test_the_secretariat_sees_and_decides_everything(client, personas, work):
    sign_in_verified(client, personas.secretariat)
    assert status(client, f"/workspace/council/tasks/{work['other_task'].pk}/", {"action": "close"}) == 302
    assert status(client, f"/workspace/council/proposals/{work['own_proposal'].pk}/", {"action": "review", "decision": "declined"}) == 302
    assert status(client, "/workspace/council/compliance/") == 200


def test_agencies_do_not_see_the_compliance_view_nor_other_meetings(client, personas, work):
    sign_in_verified(client, personas.pending_supporting_staff)
    assert status(client, f"/workspace/council/meetings/{work['meeting'].pk}/") == 404
    assert status(client, f"/workspace/council/meetings/{work['meeting'].pk}/minutes.pdf") == 404
    client.logout()
    sign_in_verified(client, personas.own_head)
    assert status(client, "/workspace/council/compliance/") == 404
    # An agency may not propose in another agency's name.
    assert status(client, f"/workspace/council/campaigns/{work['campaign'].pk}/",
                  {"action": "propose", "agency": personas.other.pk, "title": "x", "date": "۱۴۰۵/۰۹/۲۶"}) == 403


def test_anonymous_is_sent_to_sign_in(client, personas, work):
    response = client.get(f"/workspace/council/tasks/{work['own_task'].pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


def test_the_desk_section_lists_only_the_persons_agency_tasks(client, personas, work):
    sign_in_verified(client, personas.other_head)
    page = client.get("/workspace/council/tasks/desk/").content.decode()
    assert "وظیفه ب" in page and "وظیفه الف" not in page
