"""Inviting a supporting agency on a draft is the same mechanism: the editor's invitation makes a
`support` request; the invited head answers it in the cooperation inbox (newsroom's
do_respond_to_support underneath); taking the agency off the draft withdraws the request."""

import pytest
from django.urls import reverse

from hamafza import policy
from hamafza.cooperation import amplification
from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.notifications.models import Notification
from tests import factories
from tests.personas import sign_in_verified
from tests.portal.helpers import visible_text

from .amp_helpers import c_head, soon

St = AmplificationTarget.Status
pytestmark = pytest.mark.django_db


def draft(personas):
    return factories.make_item(personas.own, title="پیش‌نویس مشترک بازگشایی محور", published=False,
                               created_by=personas.own_staff)


def save(client, item, supporting):
    item.refresh_from_db()
    data = {"base_revision": item.revision, "title": item.title, "supporting_present": "1",
            "supporting": [str(a.pk) for a in supporting]}
    return client.post(f"/workspace/news/{item.pk}/save/", data, headers={"HX-Request": "true"})


def test_inviting_in_the_editor_makes_a_support_request_answered_in_the_inbox(client, personas):
    item = draft(personas)
    sign_in_verified(client, personas.own_staff)
    assert save(client, item, [personas.other]).status_code == 200
    request = AmplificationRequest.objects.get(item=item)
    assert request.kind == AmplificationRequest.Kind.SUPPORT
    assert list(request.targets.values_list("agency_id", "status")) == [(personas.other.pk, St.PENDING)]
    assert Notification.objects.filter(kind="coop_request", user=personas.other_head).exists()
    link = ItemAgency.objects.get(item=item, agency=personas.other)
    assert link.role == ItemAgency.Role.SUPPORTING and link.accepted_at is None
    # A second autosave with the same agencies asks nobody again.
    assert save(client, item, [personas.other]).status_code == 200
    assert AmplificationRequest.objects.filter(item=item).count() == 1
    # B's staff may not see the draft yet, nor answer.
    assert not policy.can_view_item(personas.other_staff, NewsItem.objects.get(pk=item.pk))
    sign_in_verified(client, personas.other_head)
    inbox = visible_text(client.get(reverse("workspace:cooperation:amp_inbox")))
    assert item.title in inbox and "همکاری در تهیهٔ خبر" in inbox
    target = request.targets.get()
    response = client.post(reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk]), {})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.accepted_at is not None
    assert AmplificationTarget.objects.get(pk=target.pk).status == St.ACCEPTED
    assert policy.can_view_item(personas.other_staff, NewsItem.objects.get(pk=item.pk))
    assert client.get(reverse("workspace:news:edit", args=[item.pk])).status_code == 200


def test_declining_a_support_request_takes_the_agency_off_the_draft(personas):
    supporting_head = c_head(personas)
    item = draft(personas)
    request = amplification.ask(personas.own_staff, item, [personas.supporting], deadline=soon())
    assert request.kind == AmplificationRequest.Kind.SUPPORT
    assert ItemAgency.objects.filter(item=item, agency=personas.supporting, role="supporting").exists()
    amplification.decline(supporting_head, request.targets.get(), "نیروی کافی برای تهیهٔ گزارش نداریم.")
    assert not ItemAgency.objects.filter(item=item, agency=personas.supporting).exists()


def test_taking_an_agency_off_the_draft_withdraws_its_pending_request(client, personas):
    item = draft(personas)
    sign_in_verified(client, personas.own_staff)
    save(client, item, [personas.other, personas.supporting])
    request = AmplificationRequest.objects.get(item=item)
    assert request.targets.count() == 2
    save(client, item, [personas.supporting])
    assert request.targets.get(agency=personas.other).status == St.WITHDRAWN
    assert request.targets.get(agency=personas.supporting).status == St.PENDING
    with pytest.raises(amplification.CooperationError):
        amplification.accept(personas.other_head, request.targets.get(agency=personas.other))


def test_an_expired_invitation_comes_off_the_draft(personas):
    import datetime as dt

    from django.utils import timezone

    item = draft(personas)
    request = amplification.ask(personas.own_staff, item, [personas.other], deadline=soon())
    assert amplification.expire_due(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert request.targets.get().status == St.EXPIRED
    assert not ItemAgency.objects.filter(item=item, agency=personas.other).exists()


def test_an_editor_open_before_a_decline_does_not_invite_the_agency_again(client, personas):
    """The head of B declines while A's editor is still open with B ticked: A's next autosave is
    an edit conflict (the decline is a revision of its own), not a new invitation of B."""
    item = draft(personas)
    sign_in_verified(client, personas.own_staff)
    save(client, item, [personas.other])
    item.refresh_from_db()
    stale = item.revision
    request = AmplificationRequest.objects.get(item=item)
    amplification.decline(personas.other_head, request.targets.get(), "این هفته گزارشگر نداریم.")
    data = {"base_revision": stale, "title": item.title + " (ویرایش)", "supporting_present": "1",
            "supporting": [str(personas.other.pk)]}
    response = client.post(f"/workspace/news/{item.pk}/save/", data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert not ItemAgency.objects.filter(item=item, agency=personas.other).exists()
    assert AmplificationRequest.objects.filter(item=item).count() == 1
    assert NewsItem.objects.get(pk=item.pk).title == item.title  # nothing overwritten unseen


def test_the_editor_offers_only_agencies_that_share_a_council(client, personas):
    item = draft(personas)
    sign_in_verified(client, personas.own_staff)
    page = client.get(reverse("workspace:news:edit", args=[item.pk])).content.decode()
    assert f'name="supporting" value="{personas.other.pk}"' in page
    assert f'name="supporting" value="{personas.pending_supporting.pk}"' not in page  # D sits on no council
