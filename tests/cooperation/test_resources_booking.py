"""Booking a shared resource: overlaps, touching slots, retired and deleted resources, the past,
the resource's days and hours, who may book, and two people booking the same slot at once."""

import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection

from hamafza.audit.models import AuditEvent
from hamafza.cooperation import resources
from hamafza.cooperation.errors import CooperationError
from hamafza.cooperation.models import Booking
from hamafza.notifications.models import Notification

from .resourcedata import NOW, SUNDAY, at, j, photographer


def test_a_booking_that_overlaps_another_is_refused_and_touching_ones_are_fine(personas, frozen):
    camera = photographer(personas)
    first = resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "افتتاح پل")
    with pytest.raises(CooperationError) as refused:
        resources.book(personas.supporting_staff, camera, personas.supporting, at(SUNDAY, 11), at(SUNDAY, 13), "بازدید")
    assert "رزرو شده است" in refused.value.message and "راهداری" in refused.value.message
    with pytest.raises(CooperationError):  # one inside the other
        resources.book(personas.supporting_staff, camera, personas.supporting, at(SUNDAY, 10, 30), at(SUNDAY, 11), "x")
    before = resources.book(personas.supporting_staff, camera, personas.supporting, at(SUNDAY, 8), at(SUNDAY, 10), "صبح")
    after = resources.book(personas.supporting_staff, camera, personas.supporting, at(SUNDAY, 12), at(SUNDAY, 14), "عصر")
    assert Booking.objects.filter(resource=camera, status="confirmed").count() == 3
    assert {first.pk, before.pk, after.pk} == set(Booking.objects.values_list("pk", flat=True))
    # A cancelled booking frees its slot.
    resources.cancel_booking(personas.other_staff, first)
    resources.book(personas.supporting_staff, camera, personas.supporting, at(SUNDAY, 10), at(SUNDAY, 12), "جایگزین")


def test_a_booking_notifies_the_owning_head_and_is_audited(personas, frozen):
    camera = photographer(personas)
    booking = resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "افتتاح پل")
    notice = Notification.objects.get(user=personas.own_head, kind="booking")
    assert "راهداری" in notice.text and "۸ آذر ۱۴۰۵" in notice.text and notice.url.endswith(f"/resources/{camera.pk}/")
    assert not Notification.objects.filter(user=personas.own_staff).exists()  # heads only
    assert AuditEvent.objects.filter(action="booking.created", object_id=booking.pk, agency_id=personas.other.pk).exists()
    assert AuditEvent.objects.filter(action="resource.added", object_id=camera.pk).exists()


def test_bad_times_are_refused_with_persian_messages(personas, frozen):
    camera = photographer(personas)
    cases = [
        (at(SUNDAY, 12), at(SUNDAY, 10), "پایان رزرو باید پس از آغاز"),
        (at(j(1405, 9, 4), 10), at(j(1405, 9, 4), 12), "گذشته است"),
        (at(SUNDAY, 7), at(SUNDAY, 9), "فقط از ساعت ۰۸:۰۰ تا ۱۶:۰۰"),
        (at(SUNDAY, 15), at(SUNDAY, 17), "فقط از ساعت ۰۸:۰۰ تا ۱۶:۰۰"),
        (at(j(1405, 9, 12), 10), at(j(1405, 9, 12), 12), "پنجشنبه در دسترس نیست"),
        (at(SUNDAY, 10), at(j(1405, 9, 9), 10), "فقط از ساعت"),
    ]
    for start, end, message in cases:
        with pytest.raises(CooperationError) as refused:
            resources.book(personas.other_staff, camera, personas.other, start, end, "مراسم")
        assert message in refused.value.message, refused.value.message
    with pytest.raises(CooperationError, match="برای چه کاری"):
        resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 11), "  ")
    assert not Booking.objects.exists()


def test_a_retired_or_deleted_resource_cannot_be_booked(personas, frozen):
    camera = photographer(personas)
    studio = photographer(personas, name="استودیو")
    resources.retire_resource(personas.own_head, camera)
    with pytest.raises(CooperationError, match="دیگر به اشتراک گذاشته نمی‌شود"):
        resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    pk = studio.pk
    resources.delete_resource(personas.own_head, studio)
    with pytest.raises(CooperationError, match="دیگر به اشتراک گذاشته نمی‌شود"):
        resources.book(personas.other_staff, pk, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    assert not Booking.objects.exists()


def test_retiring_cancels_future_bookings_tells_the_bookers_and_keeps_the_row(personas, frozen):
    camera = photographer(personas)
    coming = resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "افتتاح")
    with pytest.raises(PermissionDenied):  # staff may not retire
        resources.retire_resource(personas.own_staff, camera)
    resources.retire_resource(personas.own_head, camera)
    coming.refresh_from_db()
    camera.refresh_from_db()
    assert coming.status == "cancelled" and camera.retired_at is not None
    assert set(Notification.objects.filter(kind="booking", user__in=[personas.other_head, personas.other_staff])
               .values_list("user__username", flat=True)) == {"other_head", "other_staff"}
    with pytest.raises(CooperationError, match="حذف نمی‌شود"):  # a resource with bookings is never deleted
        resources.delete_resource(personas.own_head, camera)
    assert AuditEvent.objects.filter(action="resource.retired", object_id=camera.pk).exists()


def test_only_agencies_sharing_a_council_may_book_and_only_the_owner_edits(personas, frozen):
    camera = photographer(personas)
    with pytest.raises(PermissionDenied):  # D sits on no council with A
        resources.book(personas.pending_supporting_staff, camera, personas.pending_supporting, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    with pytest.raises(PermissionDenied):  # B's staff cannot book in C's name
        resources.book(personas.other_staff, camera, personas.supporting, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    with pytest.raises(PermissionDenied):  # observers change nothing
        resources.book(personas.observer, camera, personas.own, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    with pytest.raises(PermissionDenied):
        resources.change_resource(personas.other_head, camera, kind="person", capability="photographer", name="x",
                                  weekdays=[0])
    with pytest.raises(PermissionDenied):
        resources.retire_resource(personas.other_head, camera)
    with pytest.raises(PermissionDenied):
        resources.add_resource(personas.other_head, personas.own, kind="person", capability="photographer", name="x",
                               weekdays=[0])
    changed = resources.change_resource(personas.own_staff, camera, kind="person", capability="video_crew",
                                        name="مهدی کریمی", weekdays=[0, 1], day_start=None, day_end=None)
    assert changed.capability == "video_crew" and changed.weekdays == [0, 1]
    event = AuditEvent.objects.get(action="resource.changed", object_id=camera.pk)
    assert event.before["capability"] == "photographer" and event.after["capability"] == "video_crew"
    assert not Booking.objects.exists()


def test_cancelling_a_booking(personas, frozen):
    camera = photographer(personas)
    booking = resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "افتتاح")
    with pytest.raises(PermissionDenied):  # C neither booked it nor owns the resource
        resources.cancel_booking(personas.supporting_staff, booking)
    with pytest.raises(PermissionDenied):  # the owner's staff (not its head)
        resources.cancel_booking(personas.own_staff, booking)
    resources.cancel_booking(personas.own_head, booking, "عکاس در مأموریت است")
    assert Notification.objects.filter(user=personas.other_head, kind="booking", text__contains="مأموریت").exists()
    with pytest.raises(CooperationError, match="پیش از این لغو"):
        resources.cancel_booking(personas.other_staff, booking)


@pytest.mark.django_db(transaction=True)
def test_two_people_booking_the_same_slot_at_once_get_one_booking(personas):
    with time_machine.travel(NOW, tick=False):
        camera = photographer(personas)
    barrier = threading.Barrier(2)
    booked, refused, errors = [], [], []

    def person(user, agency):
        try:
            with time_machine.travel(NOW, tick=False):
                barrier.wait(timeout=10)
                booked.append(resources.book(user, camera.pk, agency, at(SUNDAY, 10), at(SUNDAY, 12), "همان ساعت"))
        except CooperationError as exc:
            refused.append(exc.message)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=person, args=(personas.other_staff, personas.other)),
               threading.Thread(target=person, args=(personas.supporting_staff, personas.supporting))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert len(booked) == 1 and len(refused) == 1 and "رزرو شده است" in refused[0]
    assert Booking.objects.filter(resource=camera, status="confirmed").count() == 1


def test_the_overlap_check_runs_with_the_resource_row_locked(personas, frozen):
    """The lock comes first: the resource is read with SELECT … FOR UPDATE (PostgreSQL) before the
    overlap query, inside the booking's transaction."""
    from django.test.utils import CaptureQueriesContext

    camera = photographer(personas)
    with CaptureQueriesContext(connection) as queries:
        resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "x")
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if '"cooperation_resource"' in s and "FROM" in s)
    overlap = next(i for i, s in enumerate(sql) if '"cooperation_booking"' in s and s.lstrip().upper().startswith("SELECT"))
    assert lock < overlap
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sql[lock]
