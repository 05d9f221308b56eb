"""do_invite keeps the one contract: the inviter comes first, policy.can_invite / can_grant_role
decides (a head for their agency, the secretariat for its council's agencies, a site admin for
any active agency), the role is one of Membership's, and "invitation.sent" is recorded without
the token."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hamafza.accounts import actions
from hamafza.accounts.models import Invitation, Membership
from hamafza.audit.models import AuditEvent
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db


def invite(user, agency, role=Membership.Role.STAFF):
    return actions.do_invite(user, email="newcomer@example.ir", agency=agency, role=role)


@pytest.mark.parametrize("who", ["other_staff", "other_head", "own_staff", "observer"])
def test_only_a_head_the_secretariat_or_an_admin_invites(personas, who):
    with pytest.raises(PermissionDenied):
        invite(getattr(personas, who), personas.own)
    assert not Invitation.objects.exists() and not AuditEvent.objects.filter(action="invitation.sent").exists()


def test_the_secretariat_invites_only_to_its_councils_agencies(personas):
    with pytest.raises(PermissionDenied):
        invite(personas.secretariat, personas.pending_supporting)  # D sits on no council
    invite(personas.secretariat, personas.own, Membership.Role.HEAD)
    assert list(Invitation.objects.values_list("agency", "role")) == [(personas.own.pk, Membership.Role.HEAD)]


def test_an_admin_invites_to_an_active_agency_only(personas):
    personas.other.status = personas.other.Status.CLOSED
    personas.other.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        invite(personas.admin, personas.other)
    invite(personas.admin, personas.pending_supporting)
    assert Invitation.objects.get().agency == personas.pending_supporting


def test_a_role_membership_does_not_have_is_refused(personas):
    with pytest.raises(ValidationError):
        invite(personas.own_head, personas.own, role="superuser")
    assert not Invitation.objects.exists()


def test_the_invitation_is_recorded_for_its_agency_without_the_token(personas):
    invitation, token = invite(personas.own_head, personas.own, Membership.Role.HEAD)
    event = AuditEvent.objects.get(action="invitation.sent")
    assert (event.actor, event.object_id, event.agency_id) == (personas.own_head, invitation.pk, personas.own.pk)
    assert event.after == {"email": "newcomer@example.ir", "role": "head"}
    assert token not in str(event.after) + event.object_repr and invitation.token_hash not in event.object_repr


def test_the_invite_page_refuses_who_may_invite_nowhere(client, personas):
    sign_in_verified(client, personas.own_staff)
    assert client.get("/accounts/invitations/new/").status_code == 403
    assert client.post("/accounts/invitations/new/", {"email": "x@example.ir", "agency": personas.own.pk, "role": "staff"}).status_code == 403
    assert not Invitation.objects.exists()
