"""One help request from asking to delivery, through the actions and through the pages:
who is told at each step, one offer per agency, several accepted offers, closing offers,
delivery notes, the resulting item, expiry and booking the offered resource."""

import datetime as dt

import pytest

from hamafza.audit.models import AuditEvent
from hamafza.cooperation import helprequests
from hamafza.cooperation.errors import CooperationError
from hamafza.cooperation.models import Booking, HelpOffer, HelpRequest, Need, Resource
from hamafza.notifications.models import Notification
from tests import factories
from tests.personas import sign_in_verified

from .helpdata import NOW, ask, at, j, post, url

pytestmark = pytest.mark.django_db
R, O = HelpRequest.Status, HelpOffer.Status


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_ask_offer_accept_deliver_link(personas, frozen, supporting_head):
    hr = ask(personas)
    assert hr.status == R.OPEN
    # Heads and staff of the other council agencies hear of it; not the asker's agency, not D.
    assert notified("help_request") == {"other_staff", "other_head", "supporting_staff", "supporting_head"}

    first = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس ما می‌آید.")
    assert notified("help_offer") == {"own_staff", "own_head"}
    again = helprequests.offer(personas.other_head, hr, agency=personas.other, text="عکاس و تصویربردار ما می‌آیند.")
    assert again.pk == first.pk and HelpOffer.objects.filter(request=hr).count() == 1  # one offer per agency: edited
    assert HelpOffer.objects.get().text == "عکاس و تصویربردار ما می‌آیند."
    c_offer = helprequests.offer(personas.supporting_staff, hr, agency=personas.supporting, text="پهپاد داریم.")

    accepted = helprequests.accept_offer(personas.own_staff, first)  # the person who asked
    hr.refresh_from_db()
    assert accepted.status == O.ACCEPTED and hr.status == R.ARRANGED
    assert notified("help_accepted") == {"other_staff", "other_head"}
    # The job needs both: a second offer may be accepted too.
    helprequests.accept_offer(personas.own_head, c_offer)
    assert set(HelpOffer.objects.values_list("status", flat=True)) == {O.ACCEPTED}

    helprequests.record_delivery(personas.own_staff, first, "۱۲۰ عکس از بازدید و نشست خبری")
    item = factories.make_item(personas.own, title="بازدید استاندار از آزادراه اهواز ـ بندر امام")
    helprequests.link_item(personas.own_staff, hr, item)
    helprequests.mark_delivered(personas.own_staff, hr)
    hr.refresh_from_db()
    first.refresh_from_db()
    assert hr.status == R.DELIVERED and hr.result_item == item
    assert first.delivered_note == "۱۲۰ عکس از بازدید و نشست خبری" and first.delivered_at == NOW
    actions = list(AuditEvent.objects.filter(action__startswith="help.").order_by("id").values_list("action", flat=True))
    assert actions == ["help.asked", "help.offered", "help.offer_edited", "help.offered", "help.offer_accepted",
                       "help.offer_accepted", "help.delivery_recorded", "help.item_linked", "help.delivered"]


def test_waiting_offers_stay_until_offers_close(personas, frozen):
    hr = ask(personas)
    b = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    c = helprequests.offer(personas.supporting_staff, hr, agency=personas.supporting, text="ما هم داریم.")
    helprequests.accept_offer(personas.own_staff, b)
    c.refresh_from_db()
    assert c.status == O.OFFERED  # still waiting: the asker may need more help
    assert helprequests.close_offers(personas.own_head, hr) == 1
    c.refresh_from_db()
    hr.refresh_from_db()
    assert c.status == O.NOT_CHOSEN and hr.deadline == NOW
    with pytest.raises(CooperationError, match="مهلت پیشنهاد"):
        helprequests.offer(personas.supporting_staff, hr, agency=personas.supporting, text="دوباره")


def test_delivery_closes_the_waiting_offers(personas, frozen):
    hr = ask(personas)
    b = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    c = helprequests.offer(personas.supporting_staff, hr, agency=personas.supporting, text="ما هم داریم.")
    helprequests.accept_offer(personas.own_staff, b)
    helprequests.mark_delivered(personas.own_staff, hr)
    c.refresh_from_db()
    assert c.status == O.NOT_CHOSEN


def test_expiry_of_open_requests_only(personas, frozen):
    lonely = ask(personas, title="مترجم عربی برای هیئت عراقی", need=Need.TRANSLATOR)
    offered = helprequests.offer(personas.other_staff, lonely, agency=personas.other, text="شاید")
    arranged = ask(personas, title="استودیو برای ضبط گفت‌وگو", need=Need.STUDIO)
    helprequests.accept_offer(personas.own_staff, helprequests.offer(
        personas.other_staff, arranged, agency=personas.other, text="استودیو آماده است"))
    assert helprequests.expire_due() == 0  # the deadline (8 Azar) has not passed
    frozen.move_to(at(j(1405, 9, 8), 14, 1))
    assert helprequests.expire_due() == 1
    lonely.refresh_from_db()
    arranged.refresh_from_db()
    offered.refresh_from_db()
    assert lonely.status == R.EXPIRED and arranged.status == R.ARRANGED and offered.status == O.NOT_CHOSEN
    expired = Notification.objects.get(kind="coop_expired", user=personas.own_staff)
    assert expired.subject == "مترجم عربی برای هیئت عراقی" and expired.url == url(lonely)
    assert Notification.objects.filter(kind="coop_expired", user=personas.own_head).exists()
    assert AuditEvent.objects.filter(action="help.expired", object_id=lonely.pk).exists()
    with pytest.raises(CooperationError, match="منقضی"):
        helprequests.offer(personas.supporting_staff, lonely, agency=personas.supporting, text="دیر رسیدیم")
    with pytest.raises(CooperationError, match="منقضی"):
        helprequests.accept_offer(personas.own_staff, offered)
    assert helprequests.expire_due() == 0  # once


def test_the_offered_resource_is_booked_for_the_job(personas, frozen):
    camera = Resource.objects.create(agency=personas.other, kind=Resource.Kind.PERSON, capability=Need.PHOTOGRAPHER,
                                     name="رضا کریمی، عکاس", weekdays=[], day_start=None, day_end=None)
    hr = ask(personas)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="رضا کریمی می‌آید", resource=camera)
    accepted = helprequests.accept_offer(personas.own_staff, offer)
    booking = Booking.objects.get()
    assert booking.resource == camera and booking.help_request == hr and booking.agency == personas.own
    assert (booking.starts_at, booking.ends_at) == (at(hr.day, 10), at(hr.day, 12))
    assert "رزرو شد" in accepted.booking_note

    # The same photographer at the same time for another request: refused when offering (issue 13).
    other = ask(personas, title="عکاس برای افتتاح پل")
    with pytest.raises(CooperationError, match="رزرو شده است"):
        helprequests.offer(personas.other_staff, other, agency=personas.other, text="باز هم رضا", resource=camera)

    # Booked by someone else between the offer and its acceptance: accepted, the booking refused, said so.
    third = ask(personas, title="عکاس برای بازدید از اسکله", start_time=dt.time(13, 0), end_time=dt.time(14, 0))
    offer3 = helprequests.offer(personas.other_staff, third, agency=personas.other, text="رضا بعدازظهر", resource=camera)
    Booking.objects.create(resource=camera, agency=personas.other, starts_at=at(hr.day, 13), ends_at=at(hr.day, 15),
                           purpose="کار خود دستگاه")
    note = helprequests.accept_offer(personas.own_staff, offer3).booking_note
    assert "رزرو نشد" in note and Booking.objects.filter(help_request=third).count() == 0
    third.refresh_from_db()
    assert third.status == R.ARRANGED


def test_cancel_frees_the_booking_and_tells_the_helpers(personas, frozen):
    camera = Resource.objects.create(agency=personas.other, kind=Resource.Kind.PERSON, capability=Need.PHOTOGRAPHER,
                                     name="رضا کریمی، عکاس")
    hr = ask(personas)
    helprequests.accept_offer(personas.own_staff, helprequests.offer(
        personas.other_staff, hr, agency=personas.other, text="رضا می‌آید", resource=camera))
    helprequests.cancel(personas.own_staff, hr, "بازدید به تعویق افتاد.")
    hr.refresh_from_db()
    assert hr.status == R.CANCELLED
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert Notification.objects.filter(kind="help_request", user=personas.other_head, text__contains="لغو شد").exists()


def test_the_pages_from_asking_to_the_linked_item(client, personas, frozen):
    sign_in_verified(client, personas.own_staff)
    code, page = post(client, "/workspace/cooperation/help/new/", {
        "need": "photographer", "title": "عکاس برای آیین افتتاح پایانه", "description": "افتتاح با حضور وزیر",
        "place": "پایانه مسافربری اهواز", "day": "۱۴۰۵/۰۹/۱۲", "start_time": "۰۹:۰۰", "end_time": "۱۱:۳۰",
        "deadline_date": "۱۴۰۵/۰۹/۱۰", "deadline_time": "۱۲:۰۰", "visibility": "council",
    })
    hr = HelpRequest.objects.get()
    assert code == 302 and hr.day == j(1405, 9, 12) and hr.deadline == at(j(1405, 9, 10), 12)
    page = client.get(url()).content.decode()
    assert "عکاس برای آیین افتتاح پایانه" in page and "۱۲ آذر ۱۴۰۵" in page and "۰۹:۰۰ تا ۱۱:۳۰" in page

    sign_in_verified(client, personas.other_staff)
    code, _page = post(client, url(hr), {"action": "offer", "text": "عکاس ما، خانم نیسی، می‌آید."})
    assert code == 302
    offer = HelpOffer.objects.get()
    page = client.get(url(hr)).content.decode()
    assert "خانم نیسی" in page and "ویرایش پیشنهاد شما" in page and "پذیرفتن این پیشنهاد" not in page

    sign_in_verified(client, personas.own_staff)
    code, _page = post(client, url(hr), {"action": "accept", "offer": offer.pk})
    assert code == 302
    item = factories.make_item(personas.own, title="افتتاح پایانه مسافربری اهواز با حضور وزیر")
    post(client, url(hr), {"action": "deliver", "offer": offer.pk, "note": "خانم نیسی ۸۰ عکس گرفت."})
    code, _page = post(client, url(hr), {"action": "link", "item": item.pk})
    assert code == 302
    page = client.get(url(hr)).content.decode()
    assert "هماهنگ‌شده" in page and "خانم نیسی ۸۰ عکس گرفت." in page and item.get_absolute_url() in page
    post(client, url(hr), {"action": "done"})
    hr.refresh_from_db()
    assert hr.status == R.DELIVERED and hr.result_item == item

    # The board: open first, filters by need, status and «mine».
    ask(personas, title="طراح برای اینفوگرافیک عملکرد", need=Need.DESIGNER, day=j(1405, 9, 20),
        deadline=at(j(1405, 9, 18), 12))
    page = client.get(url()).content.decode()
    assert page.index("طراح برای اینفوگرافیک عملکرد") < page.index("عکاس برای آیین افتتاح پایانه")
    page = client.get(url() + "?need=designer").content.decode()
    assert "طراح برای اینفوگرافیک" in page and "آیین افتتاح" not in page
    page = client.get(url() + "?status=delivered").content.decode()
    assert "طراح برای اینفوگرافیک" not in page and "آیین افتتاح" in page
    sign_in_verified(client, personas.other_staff)
    page = client.get(url() + "?mine=offered").content.decode()
    assert "آیین افتتاح" in page and "طراح برای اینفوگرافیک" not in page
    page = client.get(url() + "?mine=asked").content.decode()
    assert "دستگاه شما هنوز درخواست کمکی ثبت نکرده است" in page
    page = client.get(url() + "?need=studio").content.decode()
    assert "درخواستی با این پالایه‌ها نیست" in page


def test_the_empty_board_says_what_to_do(client, personas, frozen):
    sign_in_verified(client, personas.other_staff)
    page = client.get(url()).content.decode()
    assert "هنوز درخواست کمکی ثبت نشده است" in page and "/workspace/cooperation/help/new/" in page


def test_a_withdrawn_offer_can_be_made_again(personas, frozen):
    hr = ask(personas)
    offer = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="عکاس داریم.")
    helprequests.withdraw_offer(personas.other_staff, offer)
    offer.refresh_from_db()
    assert offer.status == O.WITHDRAWN
    with pytest.raises(CooperationError, match="پس گرفته"):
        helprequests.accept_offer(personas.own_staff, offer)
    again = helprequests.offer(personas.other_staff, hr, agency=personas.other, text="دوباره: عکاس داریم.")
    assert again.pk == offer.pk and again.status == O.OFFERED
    assert dt.datetime.now(dt.timezone.utc) == NOW


def test_expiry_runs_on_the_scheduler():
    from hamafza.core import scheduler

    job = next(j for j in scheduler.jobs() if j.name == "cooperation.help_expiry")
    assert job.func is helprequests.expire_due and job.every <= dt.timedelta(minutes=15)
