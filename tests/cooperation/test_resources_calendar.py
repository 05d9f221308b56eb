"""Bookings on the council's shared calendar (the `booking` source) and on a resource's own
calendar: members see them, D does not, and the source reads with one query."""

import pytest

from hamafza.cooperation import resource_calendar, resources
from hamafza.council import calendar
from tests.personas import sign_in_verified

from .resourcedata import SUNDAY, at, j, photographer


@pytest.fixture(autouse=True)
def booking_source():
    """The source registered by the cooperation app (a council test swaps a fake one in and out)."""
    resource_calendar.register()
    yield


@pytest.fixture
def booked(personas, frozen):
    camera = photographer(personas)
    return resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "پوشش خبری افتتاح پل کارون")


def test_the_council_calendar_shows_a_booking_to_members_and_not_to_d(client, personas, booked):
    for person in (personas.own_staff, personas.other_head, personas.supporting_staff, personas.secretariat, personas.observer):
        sign_in_verified(client, person)
        page = client.get("/workspace/council/calendar/?y=1405&m=9").content.decode()
        assert "پوشش خبری افتتاح پل کارون" in page and "ev-booking" in page, person.username
        assert "رزرو منابع" in page  # the source's filter
    sign_in_verified(client, personas.pending_supporting_staff)
    page = client.get("/workspace/council/calendar/?y=1405&m=9").content.decode()
    assert "پوشش خبری افتتاح پل کارون" not in page
    events = calendar.collect(personas.pending_supporting_staff, j(1405, 9, 1), j(1405, 9, 30), kinds=["booking"])
    assert events == []


def test_the_council_calendar_filters_bookings_by_kind_and_agency(client, personas, booked):
    sign_in_verified(client, personas.secretariat)
    page = client.get("/workspace/council/calendar/?view=week&d=۱۴۰۵/۰۹/۰۸&kind=booking").content.decode()
    assert "پوشش خبری افتتاح پل کارون" in page
    page = client.get("/workspace/council/calendar/?view=agenda&d=۱۴۰۵/۰۹/۰۱&kind=meeting").content.decode()
    assert "پوشش خبری افتتاح پل کارون" not in page
    # By the booking agency (B) and by the owner (A); not by C.
    for agency, shown in ((personas.other, True), (personas.own, True), (personas.supporting, False)):
        page = client.get(f"/workspace/council/calendar/?y=1405&m=9&agency={agency.pk}").content.decode()
        assert ("پوشش خبری افتتاح پل کارون" in page) is shown, agency.short_name


def test_the_booking_source_reads_with_one_query(personas, booked, django_assert_num_queries):
    for n in range(3):
        resources.book(personas.supporting_staff, booked.resource_id, personas.supporting, at(j(1405, 9, 9), 9 + 2 * n),
                       at(j(1405, 9, 9), 10 + 2 * n), f"مراسم {n}")
    query = calendar.Query(personas.own_staff, calendar.policy.roles_of(personas.own_staff), j(1405, 9, 1), j(1405, 9, 30))
    with django_assert_num_queries(1):
        events = list(resource_calendar.fetch_bookings(query))
    assert len(events) == 4
    first = events[0]
    assert first.kind == "booking" and first.day == SUNDAY and first.time.hour == 10 and first.minutes == 120
    assert first.agency_id == personas.other.pk and first.url.endswith(f"/resources/{booked.resource_id}/")


def test_a_cancelled_booking_leaves_the_calendars(client, personas, booked):
    resources.cancel_booking(personas.other_staff, booked)
    assert calendar.collect(personas.own_head, j(1405, 9, 1), j(1405, 9, 30), kinds=["booking"]) == []
    sign_in_verified(client, personas.own_head)
    page = client.get(f"/workspace/cooperation/resources/{booked.resource_id}/?view=week&d=۱۴۰۵/۰۹/۰۸").content.decode()
    assert "پوشش خبری افتتاح پل کارون" not in page


def test_the_resource_calendar_in_week_and_agenda_views(client, personas, booked):
    sign_in_verified(client, personas.supporting_staff)
    url = f"/workspace/cooperation/resources/{booked.resource_id}/"
    page = client.get(url, {"view": "week", "d": "۱۴۰۵/۰۹/۰۸"}).content.decode()
    assert "پوشش خبری افتتاح پل کارون" in page and "cal-day" in page
    page = client.get(url, {"view": "agenda", "d": "۱۴۰۵/۰۹/۰۵"}).content.decode()
    assert "پوشش خبری افتتاح پل کارون" in page
    page = client.get(url, {"view": "week", "d": "۱۴۰۵/۰۹/۱۵"}).content.decode()  # the week after: bookable days
    assert page.count("رزرو این روز") == 5 and "?view=week&amp;d=1405-09-15#book" in page  # Saturday–Wednesday
    assert 'value="۱۴۰۵/۰۹/۱۵"' in page  # the booking form starts on the chosen day
    assert client.get(url, {"view": "week", "d": "۱۴۰۵/۰۷/۳۱"}).status_code == 404
    assert client.get(url, {"y": "1405", "m": "13"}).status_code == 404
