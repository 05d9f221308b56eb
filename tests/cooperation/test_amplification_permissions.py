"""Who may answer and who may see a co-publication request (matrix style): only the asked
agency's head answers; other agencies' staff see nothing of it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hamafza.cooperation import amplification
from hamafza.cooperation.models import AmplificationTarget
from hamafza.newsroom.models import ItemAgency
from tests.personas import sign_in_verified

from .amp_helpers import ask_b_and_c, c_head

St = AmplificationTarget.Status
pytestmark = pytest.mark.django_db

REFUSED_TO_ACCEPT = ["other_staff", "own_head", "own_staff", "secretariat", "observer", "supporting_staff"]


@pytest.mark.parametrize("who", REFUSED_TO_ACCEPT)
def test_only_the_asked_agencys_head_can_accept(client, personas, who):
    request = ask_b_and_c(personas)
    target = request.targets.get(agency=personas.other)
    user = getattr(personas, who)
    with pytest.raises(PermissionDenied):
        amplification.accept(user, target)
    sign_in_verified(client, user)
    response = client.post(reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk]), {})
    # Those who see the request get 403; those who do not even see it get 404.
    assert response.status_code in (403, 404)
    response = client.post(reverse("workspace:cooperation:amp_decline", args=[request.pk, target.pk]), {"reason": "نه"})
    assert response.status_code in (403, 404)
    target.refresh_from_db()
    assert target.status == St.PENDING
    assert not ItemAgency.objects.filter(item=request.item, agency=personas.other).exists()


def test_the_asked_head_accepts_and_the_admin_may_too(personas):
    request = ask_b_and_c(personas)
    amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
    amplification.accept(personas.admin, request.targets.get(agency=personas.supporting))
    assert set(request.targets.values_list("status", flat=True)) == {St.ACCEPTED}


@pytest.mark.parametrize("who,status", [
    ("own_staff", 200), ("own_head", 200), ("other_staff", 200), ("other_head", 200), ("supporting_staff", 200),
    ("secretariat", 200), ("observer", 200), ("pending_supporting_staff", 404),
])
def test_who_sees_the_request(client, personas, who, status):
    request = ask_b_and_c(personas)
    sign_in_verified(client, getattr(personas, who))
    assert client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])).status_code == status


def test_an_asked_agency_sees_only_its_own_answer(client, personas):
    supporting_head = c_head(personas)
    request = ask_b_and_c(personas)
    amplification.decline(supporting_head, request.targets.get(agency=personas.supporting), "دلیل محرمانهٔ راه‌آهن")
    sign_in_verified(client, personas.other_staff)
    page = client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])).content.decode()
    assert "دلیل محرمانهٔ راه‌آهن" not in page and personas.supporting.short_name not in page.split("پاسخ دستگاه‌ها")[1]
    # The asker and the secretariat see every answer.
    for user in (personas.own_staff, personas.secretariat):
        sign_in_verified(client, user)
        assert "دلیل محرمانهٔ راه‌آهن" in client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])).content.decode()


def test_staff_of_another_agency_cannot_ask_for_a_foreign_item(client, personas):
    item = ask_b_and_c(personas).item
    with pytest.raises(PermissionDenied):
        amplification.ask(personas.other_head, item, [personas.supporting], deadline=None)
    sign_in_verified(client, personas.other_staff)
    assert client.get(reverse("workspace:cooperation:amp_ask", args=[item.pk])).status_code == 403


def test_withdraw_by_the_asker_only(client, personas):
    request = ask_b_and_c(personas)
    sign_in_verified(client, personas.other_head)
    client.post(reverse("workspace:cooperation:amp_withdraw", args=[request.pk]))
    assert set(request.targets.values_list("status", flat=True)) == {St.PENDING}
    sign_in_verified(client, personas.own_staff)
    assert client.post(reverse("workspace:cooperation:amp_withdraw", args=[request.pk])).status_code == 302
    assert set(request.targets.values_list("status", flat=True)) == {St.WITHDRAWN}
    with pytest.raises(amplification.CooperationError, match="پس گرفته"):
        amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
