"""The workspace pages of the resource directory: the directory with its filters, a resource's
page with its calendar and booking form, the add / edit form, the agency's bookings; bad input
keeps what was typed; D sees and books nothing."""

import datetime as dt

from hamafza.cooperation import resources
from hamafza.cooperation.models import Booking, Resource
from tests.personas import sign_in_verified

from .resourcedata import SUNDAY, at, photographer

DIRECTORY = "/workspace/cooperation/resources/"


def _book_form(**fields):
    form = {"day": "۱۴۰۵/۰۹/۰۸", "start_time": "۱۰:۰۰", "end_time": "۱۲:۰۰", "purpose": "پوشش خبری افتتاح پل کارون"}
    form.update(fields)
    return form


def test_the_directory_groups_by_agency_and_filters(client, personas, frozen):
    camera = photographer(personas)
    drone = resources.add_resource(personas.other_head, personas.other, kind="equipment", capability="drone",
                                   name="پهپاد DJI Mavic 3", weekdays=[0, 1, 2], day_start=None, day_end=None)
    resources.book(personas.own_staff, drone, personas.own, at(SUNDAY, 9), at(SUNDAY, 11), "تصویر هوایی")
    sign_in_verified(client, personas.supporting_staff)
    page = client.get(DIRECTORY).content.decode()
    assert camera.name in page and drone.name in page
    assert "اداره کل راه و شهرسازی خوزستان" in page and "اداره کل راهداری و حمل و نقل جاده‌ای خوزستان" in page
    page = client.get(DIRECTORY, {"capability": "drone"}).content.decode()
    assert drone.name in page and camera.name not in page
    page = client.get(DIRECTORY, {"agency": personas.own.pk}).content.decode()
    assert camera.name in page and drone.name not in page
    page = client.get(DIRECTORY, {"kind": "equipment"}).content.decode()
    assert drone.name in page and camera.name not in page
    # Available on a Jalali day: Tuesday 10 Azar the drone (Sat–Mon) is not; on Sunday it is, with its booking.
    page = client.get(DIRECTORY, {"day": "۱۴۰۵/۰۹/۱۰"}).content.decode()
    assert camera.name in page and drone.name not in page
    page = client.get(DIRECTORY, {"day": "۱۴۰۵/۰۹/۰۸"}).content.decode()
    assert drone.name in page and "۰۹:۰۰–۱۱:۰۰" in page
    response = client.get(DIRECTORY, {"day": "۱۴۰۵/۰۷/۳۱"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "یک تاریخ شمسی درست نیست" in page and 'value="۱۴۰۵/۰۷/۳۱"' in page


def test_d_sees_no_resource_of_the_council_and_cannot_open_or_book_one(client, personas, frozen):
    camera = photographer(personas)
    sign_in_verified(client, personas.pending_supporting_staff)
    page = client.get(DIRECTORY).content.decode()
    assert camera.name not in page
    assert client.get(f"{DIRECTORY}{camera.pk}/").status_code == 404
    assert client.post(f"{DIRECTORY}{camera.pk}/book/", _book_form()).status_code == 404
    assert client.get(DIRECTORY, {"agency": personas.own.pk}).status_code == 404
    assert client.get(f"{DIRECTORY}{camera.pk}/edit/").status_code == 404
    assert client.post(f"{DIRECTORY}{camera.pk}/retire/").status_code == 404
    camera.refresh_from_db()
    assert camera.retired_at is None
    assert not Booking.objects.exists()


def test_booking_through_the_page_and_its_calendar(client, personas, frozen):
    camera = photographer(personas)
    sign_in_verified(client, personas.other_staff)
    page = client.get(f"{DIRECTORY}{camera.pk}/?y=1405&m=9").content.decode()
    assert "آذر ۱۴۰۵" in page and "رزرو این منبع" in page and 'class="cal-month"' in page
    assert "closed" in page  # Thursdays and Fridays are out of its days
    response = client.post(f"{DIRECTORY}{camera.pk}/book/", _book_form())
    assert response.status_code == 302 and "view=week" in response["Location"]
    booking = Booking.objects.get()
    assert booking.agency_id == personas.other.pk and booking.starts_at == at(SUNDAY, 10)
    page = client.get(f"{DIRECTORY}{camera.pk}/?y=1405&m=9").content.decode()
    assert "پوشش خبری افتتاح پل کارون" in page and "ev-booking" in page
    # The same slot again: refused, what was typed is kept.
    response = client.post(f"{DIRECTORY}{camera.pk}/book/", _book_form(start_time="۱۱:۰۰", purpose="دوباره"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "رزرو شده است" in page and 'value="دوباره"' in page and 'value="۱۱:۰۰"' in page


def test_bad_booking_input_gets_a_persian_message_and_keeps_what_was_typed(client, personas, frozen):
    camera = photographer(personas)
    sign_in_verified(client, personas.other_staff)
    cases = [
        (_book_form(day="۱۴۰۵/۰۷/۳۱"), "یک تاریخ شمسی درست نیست", "۱۴۰۵/۰۷/۳۱"),
        (_book_form(day="۱۴۰۵/۰۹/۰۱"), "گذشته است", "۱۴۰۵/۰۹/۰۱"),
        (_book_form(start_time="۱۸:۰۰", end_time="۲۰:۰۰"), "فقط از ساعت ۰۸:۰۰ تا ۱۶:۰۰", "۱۸:۰۰"),
        (_book_form(end_time="۲۵:۰۰"), "ساعت درستی نیست", "۲۵:۰۰"),
        (_book_form(end_time="۰۹:۰۰"), "پایان رزرو باید پس از آغاز", "۰۹:۰۰"),
    ]
    for form, message, kept in cases:
        response = client.post(f"{DIRECTORY}{camera.pk}/book/", form)
        assert response.status_code == 400, form
        page = response.content.decode()
        assert message in page, (message, form)
        assert f'value="{kept}"' in page and 'value="پوشش خبری افتتاح پل کارون"' in page
    assert not Booking.objects.exists()


def test_a_stale_form_on_a_retired_or_deleted_resource(client, personas, frozen):
    camera = photographer(personas)
    spare = photographer(personas, name="دوربین یدک")
    sign_in_verified(client, personas.other_staff)
    resources.retire_resource(personas.own_head, camera)
    response = client.post(f"{DIRECTORY}{camera.pk}/book/", _book_form())
    assert response.status_code == 400 and "دیگر به اشتراک گذاشته نمی‌شود" in response.content.decode()
    pk = spare.pk
    resources.delete_resource(personas.own_head, spare)
    response = client.post(f"{DIRECTORY}{pk}/book/", _book_form())
    assert response.status_code == 404 and "این منبع دیگر به اشتراک گذاشته نمی‌شود" in response.content.decode()
    assert client.post(f"{DIRECTORY}987654/retire/").status_code == 404
    assert not Booking.objects.exists()


def test_adding_and_editing_is_for_the_owner_and_retiring_for_its_head(client, personas, frozen):
    sign_in_verified(client, personas.own_staff)
    form = {"kind": "studio", "capability": "studio", "name": "استودیوی ضبط اداره کل", "skills": "اتاق آکوستیک",
            "weekdays": ["0", "1", "2"], "day_start": "۰۹:۰۰", "day_end": "۱۴:۰۰", "contact": "دفتر روابط عمومی"}
    bad = client.post(f"{DIRECTORY}new/", {**form, "day_end": "۰۸:۰۰"})
    assert bad.status_code == 400 and "ساعت پایان" in bad.content.decode()
    assert 'value="استودیوی ضبط اداره کل"' in bad.content.decode()
    assert client.post(f"{DIRECTORY}new/", {**form, "weekdays": []}).status_code == 400
    response = client.post(f"{DIRECTORY}new/", form)
    assert response.status_code == 302
    studio = Resource.objects.get()
    assert studio.agency_id == personas.own.pk and studio.weekdays == [0, 1, 2] and studio.day_end == dt.time(14)
    assert client.post(f"{DIRECTORY}{studio.pk}/edit/", {**form, "name": "استودیوی مرکزی"}).status_code == 302
    studio.refresh_from_db()
    assert studio.name == "استودیوی مرکزی"
    assert client.post(f"{DIRECTORY}{studio.pk}/retire/").status_code == 403  # staff: refused
    studio.refresh_from_db()
    assert studio.retired_at is None
    sign_in_verified(client, personas.other_head)
    assert client.get(f"{DIRECTORY}{studio.pk}/edit/").status_code == 403
    assert client.post(f"{DIRECTORY}{studio.pk}/edit/", {**form, "name": "ربوده"}).status_code == 403
    assert client.post(f"{DIRECTORY}{studio.pk}/retire/").status_code == 403
    studio.refresh_from_db()
    assert studio.name == "استودیوی مرکزی" and studio.retired_at is None
    sign_in_verified(client, personas.own_head)
    assert client.post(f"{DIRECTORY}{studio.pk}/retire/").status_code == 302
    studio.refresh_from_db()
    assert studio.retired_at is not None
    page = client.get(DIRECTORY).content.decode()
    assert f'href="{DIRECTORY}{studio.pk}/"' not in page  # retired resources leave the directory


def test_my_bookings_made_and_received_with_cancel(client, personas, frozen):
    camera = photographer(personas)
    booking = resources.book(personas.other_staff, camera, personas.other, at(SUNDAY, 10), at(SUNDAY, 12), "افتتاح پل")
    sign_in_verified(client, personas.own_head)
    page = client.get(f"{DIRECTORY}bookings/").content.decode()
    assert "افتتاح پل" in page and "راهداری" in page
    sign_in_verified(client, personas.supporting_staff)
    assert client.post(f"{DIRECTORY}bookings/{booking.pk}/cancel/").status_code == 403
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    sign_in_verified(client, personas.pending_supporting_staff)
    assert client.post(f"{DIRECTORY}bookings/{booking.pk}/cancel/").status_code == 404
    sign_in_verified(client, personas.other_staff)
    page = client.get(f"{DIRECTORY}bookings/").content.decode()
    assert "افتتاح پل" in page and "لغو رزرو" in page
    response = client.post(f"{DIRECTORY}bookings/{booking.pk}/cancel/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == f"{DIRECTORY}bookings/"
    booking.refresh_from_db()
    assert booking.status == "cancelled"
