import datetime as dt

import time_machine

from hamafza.council.demo import transportation_weeks
from hamafza.council.models import Campaign, Meeting, ProgramProposal, Task
from hamafza.demo import loader
from hamafza.persian.jalali import TEHRAN, jalali_to_gregorian


def test_transportation_week_is_the_next_one():
    today = jalali_to_gregorian(1405, 9, 5)
    assert transportation_weeks(today)[0] == (jalali_to_gregorian(1405, 9, 25), jalali_to_gregorian(1405, 10, 1))
    assert transportation_weeks(jalali_to_gregorian(1405, 10, 2))[0][0] == jalali_to_gregorian(1406, 9, 25)


def test_the_demo_has_every_state(db):
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN), tick=False):
        loader.load()  # loads the council's demo too
    assert Campaign.objects.count() == 3
    assert set(ProgramProposal.objects.values_list("status", flat=True)) == set(ProgramProposal.Status.values)
    assert set(Task.objects.values_list("status", flat=True)) == set(Task.Status.values)
    assert Meeting.objects.count() == 2
    assert Campaign.objects.filter(title="اربعین حسینی", start_date__lte=dt.date(2026, 8, 4), end_date__gte=dt.date(2026, 8, 4)).exists()
