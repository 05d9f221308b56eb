"""hamafza.policy against an allow/deny table written by hand (never derived from the module).

The item is our agency's (A), written by own_staff; C supports it and has accepted, D was asked
to support and has not. Y = allowed, N = denied.
"""

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hamafza import policy
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.persian.digits import to_persian_digits
from tests import factories
from tests.personas import make_personas, make_user

PERSONAS = [
    "own_staff", "own_head", "other_staff", "other_head", "supporting_staff",
    "pending_supporting_staff", "secretariat", "observer", "admin", "anonymous",
]

#                          own    own   other  other  supp-  pend.  secre- obser-        anony-
#  state      action       staff  head  staff  head   orting supp.  tariat ver    admin  mous
MATRIX = """
   draft      view         Y      Y     N      N      Y      N      N      N      Y      N
   draft      edit         Y      Y     N      N      N      N      N      N      Y      N
   draft      submit       Y      Y     N      N      N      N      N      N      Y      N
   draft      approve      N      N     N      N      N      N      N      N      N      N
   draft      publish      N      N     N      N      N      N      N      N      N      N
   draft      unpublish    N      N     N      N      N      N      N      N      N      N
   draft      revisions    Y      Y     N      N      Y      N      N      N      Y      N
   returned   view         Y      Y     N      N      Y      N      N      N      Y      N
   returned   edit         Y      Y     N      N      N      N      N      N      Y      N
   returned   submit       Y      Y     N      N      N      N      N      N      Y      N
   submitted  view         Y      Y     N      N      Y      N      Y      Y      Y      N
   submitted  edit         N      Y     N      N      N      N      N      N      Y      N
   submitted  submit       N      N     N      N      N      N      N      N      N      N
   submitted  approve      N      Y     N      N      N      N      N      N      Y      N
   submitted  publish      N      Y     N      N      N      N      N      N      Y      N
   submitted  unpublish    N      N     N      N      N      N      N      N      N      N
   submitted  revisions    Y      Y     N      N      Y      N      N      N      Y      N
   scheduled  view         Y      Y     N      N      Y      N      Y      Y      Y      N
   scheduled  publish      N      Y     N      N      N      N      N      N      Y      N
   scheduled  unpublish    N      Y     N      N      N      N      N      N      Y      N
   published  view         Y      Y     Y      Y      Y      Y      Y      Y      Y      Y
   published  edit         N      Y     N      N      N      N      N      N      Y      N
   published  submit       N      N     N      N      N      N      N      N      N      N
   published  approve      N      N     N      N      N      N      N      N      N      N
   published  publish      N      N     N      N      N      N      N      N      N      N
   published  unpublish    N      Y     N      N      N      N      N      N      Y      N
   published  revisions    Y      Y     N      N      Y      N      N      N      Y      N
"""

ACTIONS = {
    "view": policy.can_view_item,
    "edit": policy.can_edit_item,
    "submit": policy.can_submit,
    "approve": policy.can_approve,
    "publish": policy.can_publish,
    "unpublish": policy.can_unpublish,
    "revisions": policy.can_see_revisions,
}


def _rows():
    for line in MATRIX.strip().splitlines():
        state, action, *marks = line.split()
        assert len(marks) == len(PERSONAS), line
        for persona, mark in zip(PERSONAS, marks, strict=True):
            yield pytest.param(state, action, persona, mark == "Y", id=f"{state}-{action}-{persona}")


@pytest.fixture(scope="module")
def _people(module_db):
    """The world and its people, built once for the module's ~280 tests (tests/conftest.py:
    module_db); each test makes its own item in its own savepoint."""
    return make_personas(factories.make_world())


@pytest.fixture
def personas(db, _people):
    """This test's own copy (a test changes an agency or a person; the roles the policy caches
    on a person stay with the copy)."""
    return copy.deepcopy(_people)


def make_item(personas, status: str) -> NewsItem:
    item = factories.make_item(
        personas.own, published=False, supporting=[personas.supporting, personas.pending_supporting],
        created_by=personas.own_staff,
    )
    ItemAgency.objects.filter(item=item, agency=personas.supporting).update(accepted_at=timezone.now())
    if status == "published":
        factories.publish_item(item)
    else:
        NewsItem.objects.filter(pk=item.pk).update(status=status)
    return NewsItem.objects.get(pk=item.pk)


@pytest.mark.parametrize(("state", "action", "persona", "allowed"), list(_rows()))
def test_matrix(personas, state, action, persona, allowed):
    item = make_item(personas, state)
    user = getattr(personas, persona)
    assert ACTIONS[action](user, item) is allowed


def test_a_head_cannot_approve_what_they_wrote(personas):
    item = make_item(personas, "submitted")
    NewsItem.objects.filter(pk=item.pk).update(created_by=personas.own_head)
    item = NewsItem.objects.get(pk=item.pk)
    assert not policy.can_approve(personas.own_head, item)
    assert not policy.can_publish(personas.own_head, item)
    assert policy.can_return(personas.own_head, item)


def test_a_head_approves_what_they_wrote_when_the_agency_allows_it(personas):
    personas.own.allow_self_approval = True
    personas.own.save()
    item = make_item(personas, "submitted")
    NewsItem.objects.filter(pk=item.pk).update(created_by=personas.own_head)
    item = NewsItem.objects.get(pk=item.pk)
    assert policy.can_approve(personas.own_head, item)


def test_a_supporting_agency_edits_only_when_granted(personas):
    item = make_item(personas, "draft")
    ItemAgency.objects.filter(item=item, agency=personas.supporting).update(can_edit=True)
    item = NewsItem.objects.get(pk=item.pk)
    assert policy.can_edit_item(personas.supporting_staff, item)
    assert not policy.can_submit(personas.supporting_staff, item)


def test_a_secretariat_of_another_council_does_not_see_submitted_items(personas):
    from hamafza.accounts.models import CouncilRole

    elsewhere = factories.make_council(personas.pending_supporting)
    person = make_user("far_secretariat")
    CouncilRole.objects.create(user=person, council=elsewhere, role=CouncilRole.Role.SECRETARIAT)
    item = make_item(personas, "submitted")
    assert not policy.can_view_item(person, item)


def test_an_inactive_member_sees_nothing_unpublished(personas):
    personas.own_staff.is_active = False
    personas.own_staff.save()
    assert not policy.can_view_item(personas.own_staff, make_item(personas, "draft"))


def test_visible_items_matches_the_table(personas):
    draft = make_item(personas, "draft")
    submitted = make_item(personas, "submitted")
    published = make_item(personas, "published")
    other_draft = factories.make_item(personas.other, published=False)
    expected = {
        "own_staff": {draft, submitted, published},
        "own_head": {draft, submitted, published},
        "other_staff": {published, other_draft},
        "other_head": {published, other_draft},
        "supporting_staff": {draft, submitted, published},
        "pending_supporting_staff": {published},
        "secretariat": {submitted, published},
        "observer": {submitted, published},
        "admin": {draft, submitted, published, other_draft},
        "anonymous": {published},
    }
    for persona, items in expected.items():
        got = list(policy.visible_items(getattr(personas, persona)))
        assert len(got) == len(set(got)), persona  # no duplicates from the joins
        assert set(got) == items, persona


def test_access_item_hides_foreign_drafts_and_refuses_writes_to_readers(personas):
    draft = make_item(personas, "draft")
    submitted = make_item(personas, "submitted")
    with pytest.raises(Http404):
        policy.access_item(personas.other_staff, draft.pk)
    with pytest.raises(Http404):
        policy.access_item(personas.observer, draft.pk)
    with pytest.raises(Http404):
        policy.access_item(personas.own_staff, 987654321)
    for spelled in (to_persian_digits(draft.pk), f" {draft.pk}", f"+{draft.pk}"):  # an id they may see, spelled otherwise
        with pytest.raises(Http404):
            policy.access_item(personas.own_staff, spelled)
    assert policy.access_item(personas.own_staff, str(draft.pk)) == draft
    with pytest.raises(Http404):
        policy.access_item(personas.own_staff, 2**70)
    assert policy.access_item(personas.observer, submitted.pk) == submitted
    with pytest.raises(PermissionDenied):
        policy.access_item(personas.observer, submitted.pk, for_write=True)
    with pytest.raises(PermissionDenied):
        policy.access_item(personas.secretariat, submitted.pk, for_write=True)
    assert policy.access_item(personas.own_staff, draft.pk, for_write=True) == draft
