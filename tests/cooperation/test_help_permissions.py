"""Who sees and does what on help requests: a private request is unseen by the staff of agencies
it was not shown to (404, absent from the board); only the asking agency's head or the person
who asked accepts; the asker's agency does not offer to itself; observers change nothing."""

import pytest

from hamafza.cooperation import helprequests
from hamafza.cooperation.models import HelpOffer, HelpRequest
from tests import factories
from tests.personas import sign_in_verified

from .helpdata import ask, post, url

pytestmark = pytest.mark.django_db
R, O = HelpRequest.Status, HelpOffer.Status


@pytest.fixture
def private(personas, frozen):
    return ask(personas, title="گروه تصویربرداری فقط برای راهداری", visibility=HelpRequest.Visibility.CHOSEN,
               asked_agencies=[personas.other])


def test_a_private_request_is_unseen_by_other_agencies(client, personas, private, supporting_head):
    for user in (personas.supporting_staff, supporting_head, personas.pending_supporting_staff):
        sign_in_verified(client, user)
        assert client.get(url(private)).status_code == 404, user
        assert "فقط برای راهداری" not in client.get(url()).content.decode()
        assert client.post(url(private), {"action": "offer", "text": "ما هم هستیم"}).status_code == 404
    assert not HelpOffer.objects.exists()
    for user in (personas.other_staff, personas.own_staff, personas.secretariat, personas.observer, personas.admin):
        sign_in_verified(client, user)
        assert client.get(url(private)).status_code == 200, user
        assert "فقط برای راهداری" in client.get(url()).content.decode(), user


def test_only_the_chosen_and_the_council_are_told(personas, private):
    from hamafza.notifications.models import Notification

    assert set(Notification.objects.filter(kind="help_request").values_list("user__username", flat=True)) == {
        "other_staff", "other_head"}


def test_an_agency_off_the_council_never_sees_a_council_request(client, personas, frozen):
    hr = ask(personas)
    sign_in_verified(client, personas.pending_supporting_staff)  # D sits on no council
    assert client.get(url(hr)).status_code == 404
    assert client.get(url()).status_code == 404
    assert client.get("/workspace/cooperation/help/new/").status_code == 404


def test_only_the_asking_head_or_the_asker_accepts(client, personas, frozen):
    hr = ask(personas, user=personas.own_head)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    for user in (personas.own_staff, personas.other_head, personas.other_staff, personas.secretariat, personas.observer):
        sign_in_verified(client, user)
        code, page = post(client, url(hr), {"action": "accept", "offer": offer.pk})
        assert code == 403, user
        assert "پذیرفتن این پیشنهاد" not in client.get(url(hr)).content.decode()
    offer.refresh_from_db()
    assert offer.status == O.OFFERED
    sign_in_verified(client, personas.own_head)
    assert "پذیرفتن این پیشنهاد" in client.get(url(hr)).content.decode()
    assert post(client, url(hr), {"action": "accept", "offer": offer.pk})[0] == 302
    offer.refresh_from_db()
    assert offer.status == O.ACCEPTED


def test_the_asking_agency_and_observers_do_not_offer(client, personas, frozen):
    hr = ask(personas)
    for user in (personas.own_head, personas.observer, personas.secretariat):
        sign_in_verified(client, user)
        assert "پیشنهاد کمک بدهید" not in client.get(url(hr)).content.decode()
        assert post(client, url(hr), {"action": "offer", "text": "خودمان"})[0] == 403
    assert not HelpOffer.objects.exists()


def test_others_cannot_manage_or_withdraw_what_is_not_theirs(client, personas, frozen, supporting_head):
    hr = ask(personas)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    helprequests.accept_offer(personas.own_staff, offer)
    item = factories.make_item(personas.own)
    sign_in_verified(client, personas.other_head)
    for data in ({"action": "deliver", "offer": offer.pk, "note": "انجام شد"}, {"action": "link", "item": item.pk},
                 {"action": "done"}, {"action": "cancel"}, {"action": "close"}):
        assert post(client, url(hr), data)[0] == 403, data
    sign_in_verified(client, supporting_head)
    assert post(client, url(hr), {"action": "withdraw", "offer": offer.pk})[0] == 403
    hr.refresh_from_db()
    assert hr.status == R.ARRANGED and hr.result_item is None


def test_the_resulting_item_must_be_the_asking_agencys(client, personas, frozen):
    hr = ask(personas)
    helprequests.accept_offer(personas.own_staff, helprequests.offer(
        personas.other_staff, hr, agency=personas.other, text="عکاس داریم."))
    theirs = factories.make_item(personas.other, title="خبر راهداری")
    draft_of_d = factories.make_item(personas.pending_supporting, published=False)
    sign_in_verified(client, personas.own_staff)
    for item in (theirs, draft_of_d):
        code, page = post(client, url(hr), {"action": "link", "item": item.pk})
        assert code == 400 and "از خبرهای دستگاه درخواست‌کننده نیست" in page
    hr.refresh_from_db()
    assert hr.result_item is None


def test_overseers_read_but_do_not_ask(client, personas, frozen):
    for user in (personas.secretariat, personas.observer):
        sign_in_verified(client, user)
        assert client.get(url()).status_code == 200
        assert client.get("/workspace/cooperation/help/new/").status_code == 403
        code, _page = post(client, "/workspace/cooperation/help/new/", {"title": "x"})
        assert code == 403
    assert not HelpRequest.objects.exists()


def test_an_accepted_helper_no_longer_sees_the_offer_form(client, personas, frozen):
    hr = ask(personas)
    helprequests.accept_offer(personas.own_staff, helprequests.offer(
        personas.other_staff, hr, agency=personas.other, text="عکاس داریم."))
    sign_in_verified(client, personas.other_head)
    page = client.get(url(hr)).content.decode()
    assert "پیشنهاد دستگاه شما پذیرفته شده است" in page and 'name="action" value="offer"' not in page
    sign_in_verified(client, personas.supporting_staff)  # C may still offer while offers are open
    assert 'name="action" value="offer"' in client.get(url(hr)).content.decode()
