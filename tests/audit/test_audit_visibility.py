"""Audit-log visibility per council (issue 12, leaks 2 and 3; the permission matrix's audit
cases live here to keep tests/test_permission_matrix.py mergeable).

Two councils: council 1 is the world's (A heads it; B and C sit on it), council 2 is headed by D
and C sits on it too. In council 1: a draft of A that C accepted to support, an item of A
submitted for approval, and a help request that C filed in council 1. Who sees which entries
and titles on the audit page is a table WRITTEN BY HAND below (never derived from policy).

The two councils, their people and the scenario are built once for the module; the tests that start
from the two councils without the scenario are in test_audit_visibility_changes.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.accounts.models import CouncilRole, Membership
from hamafza.audit.models import AuditEvent
from hamafza.cooperation import amplification, helprequests
from hamafza.cooperation.models import AmplificationTarget, Need
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests import factories
from tests.personas import make_personas, make_user, sign_in_verified

URL = "/workspace/audit/"
DRAFT = "پیش‌نویس محرمانهٔ همکاری"
SUBMITTED = "خبر ارسال‌شده برای تأیید"
HELP = "درخواست عکاس برای بازدید شورای یک"

PERSONAS = ("secretariat", "observer", "secretariat_2", "observer_2", "admin")

# fmt: off
# 1 = the title (and the entry) shows on the audit page, 0 = it does not.
#                 secre-  obser-  secre-  obser-  admin
#                 tariat  ver     tariat2 ver2
EXPECTED = {
    DRAFT:        (0,      0,      0,      0,      1),
    SUBMITTED:    (1,      1,      0,      0,      1),
    HELP:         (1,      1,      0,      0,      1),
}
# fmt: on

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


def make_world2(personas):
    """The second council (D heads it, C sits on both), its secretariat and observer, and C's head."""
    council_2 = factories.make_council(personas.pending_supporting, [personas.supporting], hostname="bsh.example.ir",
                                       slug="bushehr", short_name="شورای بوشهر")
    people = personas
    people.council_2 = council_2
    for name, role in (("secretariat_2", CouncilRole.Role.SECRETARIAT), ("observer_2", CouncilRole.Role.OBSERVER)):
        user = make_user(name)
        CouncilRole.objects.create(user=user, council=council_2, role=role)
        setattr(people, name, user)
    people.supporting_head = make_user("supporting_head")
    Membership.objects.create(user=people.supporting_head, agency=people.supporting, role=Membership.Role.HEAD)
    return people


def accepted_draft(people) -> NewsItem:
    """A's draft; C is invited (a support request) and its head accepts."""
    item = actions.do_create_draft(people.own_staff, people.own, {
        "title": DRAFT, "lead": "لید", "supporting": [people.supporting.pk],
    })
    target = AmplificationTarget.objects.get(request__item=item, agency=people.supporting)
    amplification.accept(people.supporting_head, target)
    return NewsItem.objects.get(pk=item.pk)


def submitted_item(people) -> NewsItem:
    item = actions.do_create_draft(people.own_staff, people.own, {"title": SUBMITTED, "lead": "لید"})
    return actions.do_submit(people.own_staff, item)


def help_request(people):
    """Filed in council 1 by C, an agency that also sits on council 2."""
    staff_c = make_user("staff_c")
    Membership.objects.create(user=staff_c, agency=people.supporting)
    day = timezone.localdate() + dt.timedelta(days=10)
    return helprequests.ask(
        staff_c, council=people.council, agency=people.supporting, need=Need.PHOTOGRAPHER, title=HELP,
        day=day, deadline=timezone.now() + dt.timedelta(days=3),
    )


@pytest.fixture(scope="module")
def _built(module_db):
    """Both councils, their people and the scenario, built once for the module (tests/conftest.py:
    module_db); each test runs in its own savepoint with its own copy."""
    people = make_world2(make_personas(factories.make_world()))
    accepted_draft(people)
    submitted_item(people)
    help_request(people)
    return people


@pytest.fixture
def scenario(module_copy):
    return module_copy


def audit_page(client, people, persona: str, **params) -> str:
    sign_in_verified(client, getattr(people, persona))
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def cases():
    for title, row in EXPECTED.items():
        for persona, shown in zip(PERSONAS, row, strict=True):
            yield pytest.param(title, persona, bool(shown), id=f"{persona}-{title[:12]}")


@pytest.mark.parametrize("title,persona,shown", list(cases()))
def test_audit_visibility_matrix(client, scenario, title, persona, shown):
    html = audit_page(client, scenario, persona)
    assert (title in html) == shown, f"{persona} {'should' if shown else 'must not'} see «{title}»"


@pytest.mark.parametrize("persona", ["secretariat_2", "observer_2"])
def test_council_2_sees_nothing_of_council_1_through_a_shared_agency(client, scenario, persona):
    """Every entry council 2's people read is theirs: of council 2, or agency-wide of one of its
    agencies and about nothing they may not open. Searching for the titles finds nothing."""
    for title in EXPECTED:
        html = audit_page(client, scenario, persona, q=title[:8])
        assert title not in html
    html = audit_page(client, scenario, persona, council=scenario.council_2.pk)
    assert HELP not in html and DRAFT not in html


def test_every_cooperation_entry_carries_its_council(scenario):
    events = AuditEvent.objects.filter(object_type__startswith="cooperation.")
    assert events.exists()
    assert not events.filter(council_id__isnull=True).exclude(object_type__in=("cooperation.resource",)).exists()
    assert set(events.filter(action__startswith="help.").values_list("council_id", flat=True)) == {scenario.council.pk}
