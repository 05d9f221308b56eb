"""The council permission matrix: every persona × every council action, through the actions
(which ask hamafza.policy), against a table WRITTEN BY HAND from the council's rules (never
derived from hamafza.policy): the secretariat runs the council, an agency writes its own
proposals, progress and report, observers and other agencies change nothing.

Setting (council 1, «khuzestan»: A heads it, B and C sit on it): a campaign of A and B with B's
proposal waiting, a meeting with B's activity report, a task of B, a published item of A. A second
council («bushehr»: D heads it, B sits on both) has its own secretariat, meeting, resolution and
published item: its ids are what a tampered form sends."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from hamafza.council import actions
from hamafza.council.errors import CouncilError
from tests import factories, matrix
from tests.personas import make_personas

from .conftest import NOW, j, make_campaign, make_elsewhere, make_meeting

# The people and the setting are built once for the module (tests/conftest.py: module_db); each
# test runs in its own savepoint with its own copy, at the council tests' frozen time.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_copy", "frozen")]

PERSONAS = ("own_staff", "own_head", "other_staff", "other_head", "supporting_staff", "pending_supporting_staff",
            "secretariat", "observer", "admin", "anonymous", "elsewhere_secretariat")

# fmt: off
#                          own    own    other  other  C      D      secre- obser- admin  anony- sec. of
#                          staff  head   staff  head   staff  staff  tariat ver           mous   council 2
EXPECTED = {
    "create a campaign":   (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "edit the campaign":   (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "add a kit file":      (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "tag an item":         (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "untag an item":       (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "propose for B":       (0,     0,     1,     1,     0,     0,     1,     0,     1,     0,     0),
    "edit B's proposal":   (0,     0,     1,     1,     0,     0,     1,     0,     1,     0,     0),
    "review the proposal": (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "create a meeting":    (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "add to the agenda":   (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "add an attendee":     (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "save the minutes":    (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "add a resolution":    (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "draft a report":      (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "write B's report":    (0,     0,     1,     1,     0,     0,     1,     0,     1,     0,     0),
    "draft meeting news":  (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "create a task":       (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "report progress":     (0,     0,     1,     1,     0,     0,     1,     0,     1,     0,     0),
    "close the task":      (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "reopen the task":     (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "cancel the task":     (0,     0,     0,     0,     0,     0,     1,     0,     1,     0,     0),
    "make a calendar feed": (1,    1,     1,     1,     1,     1,     1,     1,     1,     0,     1),
    "revoke the feed":     (1,     1,     1,     1,     1,     1,     1,     1,     1,     0,     1),
}
# fmt: on

KIT = b"%PDF-1.4 logo"


@pytest.fixture(scope="module")
def _built(module_db):
    personas = make_personas(factories.make_world())
    elsewhere = make_elsewhere(personas)
    with time_machine.travel(NOW, tick=False):  # as the `frozen` fixture, from the campaign on
        campaign, meeting = make_campaign(personas), make_meeting(personas)
        return personas, elsewhere, make_setting(personas, campaign, meeting)


@pytest.fixture
def personas(module_copy):
    return module_copy[0]


@pytest.fixture
def elsewhere(module_copy):
    return module_copy[1]


@pytest.fixture
def setting(module_copy):
    return module_copy[2]


def make_setting(personas, campaign, meeting):
    sec = personas.secretariat
    item = factories.make_item(personas.own, title="آغاز هفته حمل و نقل")
    actions.tag_item(sec, campaign, item)
    return {
        "campaign": campaign, "meeting": meeting, "item": item,
        "proposal": actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other,
                                            title="بازدید از راهدارخانه", date=j(1405, 9, 26)),
        "report": actions.draft_activity_report(sec, meeting, personas.other, j(1405, 8, 1), j(1405, 8, 30)),
        "task": actions.create_task(sec, council=personas.council, title="گزارش تصویری", agency=personas.other,
                                    deadline=j(1405, 9, 20)),
    }


def _person(personas, elsewhere, who):
    return elsewhere["secretariat"] if who == "elsewhere_secretariat" else getattr(personas, who)


def _attempt(action: str, user, personas, s) -> None:
    """Do the action as `user` with valid input (raises PermissionDenied when refused)."""
    campaign, meeting, task = s["campaign"], s["meeting"], s["task"]
    dates = {"start_date": j(1405, 9, 25), "end_date": j(1405, 10, 1)}
    if action == "create a campaign":
        actions.create_campaign(user, council=personas.council, title="اربعین", agencies=[personas.other], **dates)
    elif action == "edit the campaign":
        actions.update_campaign(user, campaign, title="هفته حمل و نقل", agencies=[personas.own.pk], **dates)
    elif action == "add a kit file":
        actions.add_kit_file(user, campaign, "نشان پویش", SimpleUploadedFile("logo.pdf", KIT))
    elif action == "tag an item":
        actions.tag_item(user, campaign, factories.make_item(personas.other, title="خبر راهداری").pk)
    elif action == "untag an item":
        actions.untag_item(user, campaign, s["item"])
    elif action == "propose for B":
        actions.propose_program(user, campaign=campaign, agency=personas.other.pk, title="نمایشگاه عکس", date=j(1405, 9, 27))
    elif action == "edit B's proposal":
        actions.update_proposal(user, s["proposal"], title="بازدید خبرنگاران از راهدارخانه", date=j(1405, 9, 26))
    elif action == "review the proposal":
        actions.review_proposal(user, s["proposal"], "approved")
    elif action == "create a meeting":
        actions.create_meeting(user, council=personas.council, title="نشست دی", starts_at=dt.datetime(2026, 12, 24, 7, tzinfo=dt.UTC),
                               invited=[personas.own.pk, personas.other.pk])
    elif action == "add to the agenda":
        actions.add_agenda_item(user, meeting, "گزارش راهداری", personas.other.pk)
    elif action == "add an attendee":
        actions.add_attendee(user, meeting, name="حمید ساکی", agency=personas.other.pk, person=personas.other_head.pk)
    elif action == "save the minutes":
        actions.save_minutes(user, meeting, "<p>برنامه‌ها مرور شد.</p>")
    elif action == "add a resolution":
        actions.add_resolution(user, meeting, "سه خبر همکار بازنشر شود.", [(personas.other.pk, j(1405, 9, 30))])
    elif action == "draft a report":
        actions.draft_activity_report(user, meeting, personas.own.pk, j(1405, 8, 1), j(1405, 8, 30))
    elif action == "write B's report":
        actions.save_report_text(user, s["report"], "روایت راهداری", "")
    elif action == "draft meeting news":
        actions.draft_meeting_news(user, meeting)
    elif action == "create a task":
        actions.create_task(user, council=personas.council, title="عکس هوایی", agency=personas.other.pk, deadline=j(1405, 9, 22))
    elif action == "report progress":
        actions.post_progress(user, task, note="نیمی انجام شد.", evidence_item=s["item"].pk)
    elif action == "close the task":
        actions.close_task(user, task)
    elif action == "reopen the task":
        actions.reopen_task(user, task)
    elif action == "cancel the task":
        actions.cancel_task(user, task)
    elif action == "make a calendar feed":
        actions.create_calendar_feed(user)
    elif action == "revoke the feed":
        actions.revoke_calendar_feed(user)
    else:
        raise AssertionError(action)


def _allowed(action: str, who: str, personas, elsewhere, s) -> bool:
    try:
        _attempt(action, _person(personas, elsewhere, who), personas, s)
    except PermissionDenied:
        return False
    except CouncilError as exc:  # refused for a reason other than permission: a broken setting
        raise AssertionError(f"{action} as {who}: {exc.message}") from None
    return True


@pytest.mark.parametrize("action", list(EXPECTED))
def test_the_matrix(personas, elsewhere, setting, action):
    got = matrix.row(PERSONAS, lambda who: _allowed(action, who, personas, elsewhere, setting), setting.values())
    assert got == dict(zip(PERSONAS, EXPECTED[action], strict=True))


def test_every_allowed_action_writes_an_audit_event_with_its_council(personas, elsewhere, setting):
    """Done by the secretariat, each action leaves events about the council's objects naming the
    person and council 1 (the calendar feed is the person's own and names no council; a meeting's
    news draft also leaves the newsroom's own, agency-scoped «item.created»)."""
    from hamafza.audit.models import AuditEvent

    for action in EXPECTED:
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        _attempt(action, personas.secretariat, personas, setting)
        events = list(AuditEvent.objects.filter(id__gt=last, object_type__startswith="council."))
        assert events, action
        assert {e.actor_id for e in events} == {personas.secretariat.pk}, action
        expected = {None} if "feed" in action else {personas.council.pk}
        assert {e.council_id for e in events} == expected, action
        for obj in setting.values():
            obj.refresh_from_db()


# A tampered id from the other council (or no id at all) is a Persian CouncilError for a person
# who may do the action, and nothing is saved.
TAMPERED = {
    "a campaign's agency of council 2": lambda p, e, s: actions.create_campaign(
        p.secretariat, council=p.council, title="x", start_date=j(1405, 9, 25), end_date=j(1405, 9, 26), agencies=[p.pending_supporting.pk]),
    "an item of council 2 tagged": lambda p, e, s: actions.tag_item(p.secretariat, s["campaign"], e["item"].pk),
    "an unpublished item tagged": lambda p, e, s: actions.tag_item(
        p.secretariat, s["campaign"], factories.make_item(p.own, published=False).pk),
    "a proposal for council 2's agency": lambda p, e, s: actions.propose_program(
        p.secretariat, campaign=s["campaign"], agency=p.pending_supporting.pk, title="x", date=j(1405, 9, 26)),
    "a meeting inviting council 2's agency": lambda p, e, s: actions.create_meeting(
        p.secretariat, council=p.council, title="x", starts_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), invited=[p.pending_supporting.pk]),
    "an agenda item of council 2's agency": lambda p, e, s: actions.add_agenda_item(
        p.secretariat, s["meeting"], "x", p.pending_supporting.pk, asks_report=True),
    "an attendee of council 2's agency": lambda p, e, s: actions.add_attendee(
        p.secretariat, s["meeting"], name="x", agency=p.pending_supporting.pk),
    "an attendee's account from another agency": lambda p, e, s: actions.add_attendee(
        p.secretariat, s["meeting"], name="x", agency=p.other.pk, person=p.pending_supporting_staff.pk),
    "a resolution for council 2's agency": lambda p, e, s: actions.add_resolution(
        p.secretariat, s["meeting"], "x", [(p.pending_supporting.pk, j(1405, 9, 30))]),
    "a report of council 2's agency": lambda p, e, s: actions.draft_activity_report(
        p.secretariat, s["meeting"], p.pending_supporting.pk, j(1405, 8, 1), j(1405, 8, 30)),
    "a task for council 2's agency": lambda p, e, s: actions.create_task(
        p.secretariat, council=p.council, title="x", agency=p.pending_supporting.pk, deadline=j(1405, 9, 30)),
    "a task under council 2's resolution": lambda p, e, s: actions.create_task(
        p.secretariat, council=p.council, title="x", agency=p.other.pk, deadline=j(1405, 9, 30), resolution=e["resolution"].pk),
    "a task assigned to another agency's person": lambda p, e, s: actions.create_task(
        p.secretariat, council=p.council, title="x", agency=p.other.pk, deadline=j(1405, 9, 30), assignee=p.own_staff.pk),
    "evidence from council 2": lambda p, e, s: actions.post_progress(p.other_head, s["task"], note="x", evidence_item=e["item"].pk),
    "an id past 2^63": lambda p, e, s: actions.create_meeting(
        p.secretariat, council=p.council, title="x", starts_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), invited=[2**70]),
    "an id that is not a number": lambda p, e, s: actions.create_task(
        p.secretariat, council=p.council, title="x", agency="۱۲الف", deadline=j(1405, 9, 30)),
}


@pytest.mark.parametrize("case", list(TAMPERED))
def test_a_tampered_id_is_a_persian_message_and_saves_nothing(personas, elsewhere, setting, case):
    from hamafza.audit.models import AuditEvent
    from hamafza.council.models import AgendaItem, Attendance, Campaign, CampaignItem, Meeting, ProgramProposal, ProgressUpdate, Task

    models = (AuditEvent, AgendaItem, Attendance, Campaign, CampaignItem, Meeting, ProgramProposal, ProgressUpdate, Task)
    before = {m: m.objects.count() for m in models}
    with pytest.raises(CouncilError) as refused:
        TAMPERED[case](personas, elsewhere, setting)
    assert any("\u0600" <= ch <= "\u06ff" for ch in refused.value.message), refused.value.message
    assert {m: m.objects.count() for m in models} == before


def test_over_long_text_and_nul_characters_are_refused_on_every_database(personas, setting):
    for title in ("x" * 2001, "نشست\x00"):
        with pytest.raises(CouncilError) as refused:
            actions.create_meeting(personas.secretariat, council=personas.council, title=title,
                                   starts_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), invited=[personas.own])
        assert refused.value.field == "title"
    with pytest.raises(CouncilError):
        actions.propose_program(personas.other_head, campaign=setting["campaign"], agency=personas.other, title="برنامه",
                                date=j(1405, 9, 26), place="م" * 201)
