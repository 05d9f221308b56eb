import datetime as dt

import time_machine
from django.db.models import F
from django.utils import timezone

from hamafza.cooperation import demo as cooperation_demo
from hamafza.cooperation.models import Booking, Resource
from hamafza.demo import loader
from hamafza.persian.jalali import TEHRAN


def test_the_demo_shares_resources_and_books_them_across_past_and_coming_weeks(db, monkeypatch):
    monkeypatch.setattr(cooperation_demo, "PARTS", ("resources",))  # this part only
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN), tick=False):
        loader.load()
        now = timezone.now()
    per_agency = {}
    for agency_id in Resource.objects.values_list("agency_id", flat=True):
        per_agency[agency_id] = per_agency.get(agency_id, 0) + 1
    assert len(per_agency) >= 6 and all(2 <= n <= 4 for n in per_agency.values())
    assert {"photographer", "drone", "video_crew", "studio", "translator", "equipment"} <= set(
        Resource.objects.values_list("capability", flat=True))
    bookings = Booking.objects.filter(status="confirmed")
    assert bookings.count() >= 18
    assert bookings.filter(ends_at__lt=now).count() >= 6 and bookings.filter(starts_at__gt=now).count() >= 8
    assert not bookings.filter(agency_id=F("resource__agency_id")).exists()  # agencies book each other's resources
