"""Defect 8 of issue 13: a help request on a Friday or a holiday is asked once before it is sent;
the offer form lists only resources of the kind asked for; a resource that does not work that day
(or is booked then) is refused when offering, with a Persian reason, not after acceptance."""

import datetime as dt
import re

import pytest

from hamafza.cooperation import helprequests
from hamafza.cooperation.errors import CooperationError
from hamafza.cooperation.models import HelpOffer, HelpRequest, Need, Resource
from hamafza.council.calendar import off_day_reason
from tests.personas import sign_in_verified

from .helpdata import ask, j, post, url

FRIDAY = j(1405, 9, 13)  # 13 Azar 1405 (4 December 2026)
FORM = {
    "need": "photographer", "title": "عکاس برای آیین افتتاح پایانه", "description": "افتتاح با حضور وزیر",
    "place": "پایانه مسافربری اهواز", "day": "۱۴۰۵/۰۹/۱۳", "start_time": "۰۹:۰۰", "end_time": "۱۱:۳۰",
    "deadline_date": "۱۴۰۵/۰۹/۱۰", "deadline_time": "۱۲:۰۰", "visibility": "council",
}


def _resource(personas, **fields) -> Resource:
    values = {"agency": personas.other, "kind": Resource.Kind.PERSON, "capability": Need.PHOTOGRAPHER,
              "name": "رضا کریمی، عکاس", "weekdays": [0, 1, 2, 3, 4], "day_start": dt.time(8), "day_end": dt.time(16)}
    values.update(fields)
    return Resource.objects.create(**values)


def test_off_days_are_known():
    assert off_day_reason(FRIDAY) == "جمعه"
    assert off_day_reason(j(1405, 9, 10)) == ""  # a Tuesday
    assert off_day_reason(j(1405, 1, 1))  # Nowruz


def test_a_friday_is_asked_once_and_nothing_typed_is_lost(client, personas, frozen):
    sign_in_verified(client, personas.own_staff)
    code, page = post(client, url() + "new/", FORM)
    assert code == 200 and not HelpRequest.objects.exists()
    assert 'id="off-day"' in page and "جمعه" in page and "روز کاری نیست" in page
    assert "عکاس برای آیین افتتاح پایانه" in page and "پایانه مسافربری اهواز" in page
    code, _page = post(client, url() + "new/", {**FORM, "off_day_ok": "1"})
    assert code == 302 and HelpRequest.objects.get().day == FRIDAY


def test_a_working_day_is_not_asked(client, personas, frozen):
    sign_in_verified(client, personas.own_staff)
    code, _page = post(client, url() + "new/", {**FORM, "day": "۱۴۰۵/۰۹/۱۲"})
    assert code == 302


def test_the_offer_form_lists_only_the_kind_asked_for(client, personas, frozen):
    hr = ask(personas)  # a photographer on Tuesday 10 Azar, 10:00–12:00
    photographer = _resource(personas)
    presenter = _resource(personas, name="مجری برنامه", capability=Need.OTHER)
    kit = _resource(personas, name="کیف پخش زنده", kind=Resource.Kind.EQUIPMENT, capability=Need.EQUIPMENT)
    sign_in_verified(client, personas.other_staff)
    page = client.get(url(hr)).content.decode()
    options = re.findall(r'<option value="(\d+)"', page.split('id="o-resource"')[1].split("</select>")[0])
    assert options == [str(photographer.pk)]
    assert presenter.name not in page and kit.name not in page
    # A tampered id of another kind is refused by the action, in Persian.
    code, page = post(client, url(hr), {"action": "offer", "text": "مجری می‌فرستیم", "resource": kit.pk})
    assert code == 400 and "این درخواست «عکاس» می‌خواهد" in page and not HelpOffer.objects.exists()


def test_a_resource_that_does_not_work_that_day_cannot_be_offered(client, personas, frozen):
    hr = ask(personas)  # Tuesday 10 Azar
    weekend_only = _resource(personas, name="عکاس آخر هفته", weekdays=[5, 6])  # Thursday, Friday
    with pytest.raises(CooperationError, match="در دسترس نیست"):
        helprequests.offer(personas.other_staff, hr, agency=personas.other, text="می‌آید", resource=weekend_only)
    sign_in_verified(client, personas.other_staff)
    page = client.get(url(hr)).content.decode()
    assert re.search(rf'<option value="{weekend_only.pk}" disabled>', page)
    assert "در این زمان در دسترس نیست" in page
    code, page = post(client, url(hr), {"action": "offer", "text": "عکاس ما می‌آید", "resource": weekend_only.pk})
    assert code == 400 and "سه‌شنبه" in page and "عکاس ما می‌آید" in page
    assert not HelpOffer.objects.exists()


def test_hours_outside_the_resources_day_are_refused(personas, frozen):
    hr = ask(personas, start_time=dt.time(18, 0), end_time=dt.time(20, 0))
    with pytest.raises(CooperationError, match="فقط از ساعت"):
        helprequests.offer(personas.other_staff, hr, agency=personas.other, text="می‌آید", resource=_resource(personas))


def test_a_request_without_hours_books_the_resources_own_hours(personas, frozen):
    hr = ask(personas, start_time=None, end_time=None)
    camera = _resource(personas, day_start=dt.time(9), day_end=dt.time(17))
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="می‌آید", resource=camera)
    assert "رزرو شد" in helprequests.accept_offer(personas.own_staff, offer).booking_note
