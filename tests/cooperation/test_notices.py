"""Every turn of a request reaches the people on the other side: withdrawals, expiry (both
sides), offers not chosen and offers taken back."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.cooperation import amplification, helprequests
from hamafza.notifications.models import Notification

from .amp_helpers import ask_b_and_c, c_head
from .helpdata import ask

pytestmark = pytest.mark.django_db


def notices(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind))


def test_the_asked_heads_hear_of_a_withdrawal(personas):
    supporting_head = c_head(personas)
    request = ask_b_and_c(personas)
    amplification.withdraw(personas.own_staff, request)
    for head in (personas.other_head, supporting_head):
        [note] = notices(head, "coop_withdrawn")
        assert request.item.title in note.sentence and "پس گرفت" in note.sentence


def test_the_asked_heads_hear_when_the_deadline_passed(personas):
    request = ask_b_and_c(personas)
    amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
    supporting_head = c_head(personas)
    amplification.expire_due(now=timezone.now() + dt.timedelta(days=2))
    assert len(notices(supporting_head, "coop_expired")) == 1
    assert not notices(personas.other_head, "coop_expired")  # B had answered
    assert notices(personas.own_staff, "coop_expired")


def test_offers_not_chosen_hear_of_it_once(personas, frozen):  # noqa: F811
    hr = ask(personas)
    b = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    helprequests.offer(personas.supporting_staff, hr, agency=personas.supporting, text="ما هم داریم.")
    helprequests.accept_offer(personas.own_head, b)
    helprequests.close_offers(personas.own_head, hr)
    [note] = notices(personas.supporting_staff, "help_closed")
    assert hr.title in note.sentence and "سپاس" in note.text
    assert not notices(personas.other_staff, "help_closed")  # B's offer was accepted


def test_the_asker_hears_of_an_offer_taken_back(personas, frozen):  # noqa: F811
    hr = ask(personas)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    helprequests.withdraw_offer(personas.other_staff, offer)
    [note] = notices(personas.own_head, "help_withdrawn")
    assert hr.title in note.sentence
