"""Bad input on help requests: clear Persian messages (status 400), what was typed kept, nothing
already saved lost, never a 500."""

import pytest

from hamafza.audit.models import AuditEvent
from hamafza.cooperation import helprequests
from hamafza.cooperation.models import HelpOffer, HelpRequest
from tests.personas import sign_in_verified

from .helpdata import ask, at, j, post, url

pytestmark = pytest.mark.django_db
R, O = HelpRequest.Status, HelpOffer.Status
NEW = "/workspace/cooperation/help/new/"
GOOD = {
    "need": "video_crew", "title": "گروه تصویربرداری برای مستند راهداران", "description": "دو روز فیلم‌برداری",
    "place": "گردنه‌های شمال استان", "day": "۱۴۰۵/۰۹/۱۵", "start_time": "۰۸:۰۰", "end_time": "۱۴:۰۰",
    "deadline_date": "۱۴۰۵/۰۹/۱۰", "deadline_time": "۱۲:۰۰", "visibility": "council",
}


def refused(client, changes, message):
    code, page = post(client, NEW, {**GOOD, **changes})
    assert code == 400, page[-500:]
    assert message in page
    assert 'value="گروه تصویربرداری برای مستند راهداران"' in page and "دو روز فیلم‌برداری" in page  # kept
    assert not HelpRequest.objects.exists()
    return page


@pytest.fixture
def signed_in(client, personas, frozen):
    sign_in_verified(client, personas.own_staff)
    return client


def test_a_deadline_in_the_past(signed_in):
    refused(signed_in, {"deadline_date": "۱۴۰۵/۰۹/۰۵", "deadline_time": "۰۹:۰۰"}, "مهلت پیشنهاد (۵ آذر ۱۴۰۵، ۰۹:۰۰) گذشته است")


def test_a_jalali_date_that_does_not_exist(signed_in):
    refused(signed_in, {"day": "۱۴۰۵/۰۷/۳۱"}, "مهر ۱۴۰۵ فقط ۳۰ روز دارد")
    refused(signed_in, {"deadline_date": "۱۴۰۵/۱۲/۳۰"}, "اسفند ۱۴۰۵ فقط ۲۹ روز دارد")
    refused(signed_in, {"day": "فردا"}, "یک تاریخ شمسی درست نیست")


def test_an_end_before_the_start(signed_in):
    refused(signed_in, {"start_time": "۱۴:۰۰", "end_time": "۰۸:۰۰"}, "ساعت پایان (۰۸:۰۰) باید پس از ساعت شروع (۱۴:۰۰) باشد")
    refused(signed_in, {"start_time": "۲۵:۰۰"}, "ساعت درستی نیست")


def test_a_day_in_the_past_and_a_deadline_after_the_job(signed_in):
    refused(signed_in, {"day": "۱۴۰۵/۰۹/۰۱"}, "تاریخ کار (۱ آذر ۱۴۰۵) گذشته است")
    refused(signed_in, {"deadline_date": "۱۴۰۵/۰۹/۱۵", "deadline_time": "۰۹:۰۰"}, "نباید پس از زمان خود کار")


def test_missing_need_title_and_chosen_agencies(signed_in):
    refused(signed_in, {"need": ""}, "نوع نیاز را انتخاب کنید")
    refused(signed_in, {"need": "juggler"}, "نوع نیاز را انتخاب کنید")
    code, page = post(signed_in, NEW, {**GOOD, "title": "  "})
    assert code == 400 and "عنوان را وارد کنید" in page
    refused(signed_in, {"visibility": "chosen"}, "دست‌کم یک دستگاه دیگر")
    refused(signed_in, {"visibility": "chosen", "agencies": ["abc"]}, "عضو این شورا نیست")
    refused(signed_in, {"visibility": "chosen", "agencies": ["99999999"]}, "عضو این شورا نیست")


def test_offering_on_a_closed_or_expired_request(client, personas, frozen):
    expired = ask(personas, title="مترجم")
    cancelled = ask(personas, title="طراح")
    helprequests.cancel(personas.own_staff, cancelled)
    frozen.move_to(at(j(1405, 9, 8), 15))
    helprequests.expire_due()
    sign_in_verified(client, personas.other_staff)
    for hr, message in ((expired, "منقضی شده است"), (cancelled, "این درخواست لغو شده است")):
        code, page = post(client, url(hr), {"action": "offer", "text": "عکاس ما آماده است"})
        assert code == 400 and message in page
        assert "متن پیشنهاد شما ثبت نشد" in page and "عکاس ما آماده است</textarea>" in page  # typed text kept
    assert not HelpOffer.objects.exists()


def test_an_offer_after_the_deadline_keeps_the_text(client, personas, frozen):
    hr = ask(personas)
    sign_in_verified(client, personas.other_staff)
    page = client.get(url(hr)).content.decode()
    assert "پیشنهاد کمک بدهید" in page
    frozen.move_to(at(j(1405, 9, 8), 14, 30))  # the page was open; the deadline passed meanwhile
    code, page = post(client, url(hr), {"action": "offer", "text": "عکاس ما آماده است"})
    assert code == 400 and "مهلت پیشنهاد برای این درخواست" in page and "عکاس ما آماده است</textarea>" in page
    assert not HelpOffer.objects.exists()


def test_an_empty_offer_keeps_the_page(client, personas, frozen):
    hr = ask(personas)
    sign_in_verified(client, personas.other_staff)
    code, page = post(client, url(hr), {"action": "offer", "text": "   "})
    assert code == 400 and "متن پیشنهاد را وارد کنید" in page
    code, page = post(client, url(hr), {"action": "offer", "text": "ب" * 2001})
    assert code == 400 and "حداکثر ۲٬۰۰۰ نویسه" in page and "ب" * 2001 in page


def test_accepting_twice_from_two_tabs(client, personas, frozen):
    hr = ask(personas)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    sign_in_verified(client, personas.own_staff)
    assert post(client, url(hr), {"action": "accept", "offer": offer.pk})[0] == 302
    code, page = post(client, url(hr), {"action": "accept", "offer": offer.pk})  # the second tab
    assert code == 400 and "این پیشنهاد پیش‌تر پذیرفته شده است" in page
    offer.refresh_from_db()
    hr.refresh_from_db()
    assert offer.status == O.ACCEPTED and hr.status == R.ARRANGED
    assert AuditEvent.objects.filter(action="help.offer_accepted").count() == 1
    # The second tab also tries to close and to finish twice.
    assert post(client, url(hr), {"action": "done"})[0] == 302
    code, page = post(client, url(hr), {"action": "done"})
    assert code == 400 and "انجام و بسته شده است" in page
    code, page = post(client, url(hr), {"action": "cancel"})
    assert code == 400 and "انجام و بسته شده است" in page


def test_garbage_never_gives_a_500(client, personas, frozen):
    hr = ask(personas)
    sign_in_verified(client, personas.own_staff)
    for data in ({"action": "accept", "offer": "abc"}, {"action": "accept", "offer": "99999999999999999999"},
                 {"action": "deliver", "offer": ""}, {"action": "link", "item": "x"}, {"action": "link"},
                 {"action": "nonsense"}, {}):
        code, page = post(client, url(hr), data)
        assert code == 400, data
    assert client.get("/workspace/cooperation/help/99999999/").status_code == 404
    assert client.get(url() + "?need=<b>&status=zzz&mine=1").status_code == 200
    code, page = post(client, NEW, {"agency": "x"})
    assert code == 400
