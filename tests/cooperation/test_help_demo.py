"""The demo council's help-request history: over the last months, mostly delivered with notes and
linked items, some expired or cancelled, and open requests left for the demo users."""

import datetime as dt

import time_machine
from django.utils import timezone

from hamafza.cooperation import demo as cooperation_demo
from hamafza.cooperation.models import Booking, HelpOffer, HelpRequest
from hamafza.demo import loader
from hamafza.notifications.models import Notification
from hamafza.persian.jalali import TEHRAN

R, O = HelpRequest.Status, HelpOffer.Status


def test_the_demo_has_a_history_of_help_requests(db, monkeypatch):
    monkeypatch.setattr(cooperation_demo, "PARTS", ("resources", "helprequests"))
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN), tick=False):
        loader.load()
        now = timezone.now()
    requests = HelpRequest.objects.all()
    assert 12 <= requests.count() <= 20
    assert requests.filter(created_at__lt=now - dt.timedelta(days=60)).exists()  # over the last months
    delivered = requests.filter(status=R.DELIVERED)
    assert delivered.count() >= 7
    assert delivered.filter(result_item__isnull=False).count() == delivered.count()
    for hr in delivered:
        assert hr.result_item.lead_agency_id == hr.asking_agency_id and hr.day < now.date()
        assert hr.offers.filter(status=O.ACCEPTED).exclude(delivered_note="").exists()
    assert requests.filter(status=R.EXPIRED).count() >= 1 and requests.filter(status=R.CANCELLED).count() >= 1
    assert HelpOffer.objects.filter(status=O.NOT_CHOSEN).exists()
    open_ones = requests.filter(status=R.OPEN, deadline__gt=now)
    assert open_ones.count() == 2
    waiting = HelpOffer.objects.filter(request__in=open_ones, status=O.OFFERED)
    assert waiting.count() >= 2  # for the demo head of راه و شهرسازی to accept
    assert Notification.objects.filter(kind="help_offer", read_at__isnull=True,
                                       user__username="rahshahr-head").exists()
    arranged = requests.get(status=R.ARRANGED)
    assert Booking.objects.filter(help_request=arranged).exists() or arranged.offers.filter(resource__isnull=True).exists()
