"""Bad input on co-publication requests: accepting twice (two tabs), an expired request, a
deadline in the past, a Jalali date that does not exist — a Persian message, nothing lost."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hamafza.audit.models import AuditEvent
from hamafza.cooperation import amplification
from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.newsroom.models import ItemAgency
from hamafza.notifications.models import Notification
from tests.personas import sign_in_verified
from tests.portal.helpers import visible_text

from .amp_helpers import ask_b_and_c, channel_of, published

St = AmplificationTarget.Status
pytestmark = pytest.mark.django_db


def test_accepting_twice_in_two_tabs(client, personas):
    request = ask_b_and_c(personas)
    target = request.targets.get(agency=personas.other)
    sign_in_verified(client, personas.other_head)
    url = reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk])
    assert client.post(url, {}).status_code == 302
    first = AmplificationTarget.objects.get(pk=target.pk)
    second = client.post(url, {})
    assert second.status_code == 400
    assert "پیش‌تر پذیرفته شده" in visible_text(second)
    again = AmplificationTarget.objects.get(pk=target.pk)
    assert (again.status, again.responded_at) == (St.ACCEPTED, first.responded_at)
    assert ItemAgency.objects.filter(item=request.item, agency=personas.other).count() == 1
    assert AuditEvent.objects.filter(action="amplification.accepted").count() == 1
    # Declining after accepting changes nothing either.
    with pytest.raises(amplification.CooperationError):
        amplification.decline(personas.other_head, again, "منصرف شدم")
    assert AmplificationTarget.objects.get(pk=target.pk).status == St.ACCEPTED


def test_a_stale_tab_object_cannot_accept_again(personas):
    request = ask_b_and_c(personas)
    tab_one = request.targets.get(agency=personas.other)
    tab_two = AmplificationTarget.objects.select_related("request__item").get(pk=tab_one.pk)
    amplification.accept(personas.other_head, tab_one)
    with pytest.raises(amplification.CooperationError, match="پیش‌تر پذیرفته"):
        amplification.decline(personas.other_head, tab_two, "دلیل")


def test_an_expired_request_can_no_longer_be_accepted(client, personas):
    request = ask_b_and_c(personas)
    AmplificationRequest.objects.filter(pk=request.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    target = request.targets.get(agency=personas.other)
    sign_in_verified(client, personas.other_head)
    # Before the expiry job ran: refused already.
    response = client.post(reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk]), {})
    assert response.status_code == 400 and "مهلت" in visible_text(response)
    assert amplification.expire_due() == 2
    assert amplification.expire_due() == 0  # idempotent
    assert set(request.targets.values_list("status", flat=True)) == {St.EXPIRED}
    assert Notification.objects.filter(kind="coop_expired", user=personas.own_staff).count() == 1
    with pytest.raises(amplification.CooperationError, match="مهلت"):
        amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
    assert not ItemAgency.objects.filter(item=request.item, agency=personas.other).exists()
    detail = visible_text(client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])))
    assert "منقضی" in detail and "می‌پذیرم" not in detail


def test_the_expiry_job_is_registered():
    from hamafza.core import scheduler

    assert "cooperation.expire_amplification" in {job.name for job in scheduler.jobs()}


@pytest.mark.parametrize("date,time,message", [
    ("۱۴۰۰/۰۱/۰۱", "۱۰:۰۰", "در آینده"),
    ("۱۴۰۵/۰۷/۳۱", "۱۰:۰۰", "تاریخ شمسی درست نیست"),
    ("۱۴۰۵/۱۲/۳۰", "۱۰:۰۰", "تاریخ شمسی درست نیست"),
    ("فردا", "۱۰:۰۰", "تاریخ شمسی درست نیست"),
    ("", "", "را وارد کنید"),
    ("۱۴۰۵/۱۰/۰۱", "۲۵:۰۰", "ساعت درستی نیست"),
])
def test_bad_deadlines_keep_what_was_typed(client, personas, date, time, message):
    item = published(personas)
    sign_in_verified(client, personas.own_staff)
    response = client.post(reverse("workspace:cooperation:amp_ask", args=[item.pk]), {
        "agencies": [str(personas.other.pk)], "message": "پیام نوشته‌شده", "suggested_text": "متن پیشنهادی نوشته‌شده",
        "deadline_date": date, "deadline_time": time,
    })
    assert response.status_code == 400
    text = visible_text(response)
    assert message in text
    html = response.content.decode()
    assert "پیام نوشته‌شده" in html and "متن پیشنهادی نوشته‌شده" in html and f'value="{date}"' in html
    assert not AmplificationRequest.objects.exists()


def test_no_agency_chosen_and_a_second_request_to_the_same_agency(personas):
    item = published(personas)
    with pytest.raises(amplification.CooperationError, match="دست‌کم"):
        amplification.ask(personas.own_staff, item, [], deadline=timezone.now() + dt.timedelta(days=1))
    ask_b_and_c(personas, item=item)
    with pytest.raises(amplification.CooperationError, match="پیش‌تر"):
        amplification.ask(personas.own_staff, item, [personas.other], deadline=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(amplification.CooperationError, match="شورا"):
        amplification.ask(personas.own_staff, item, [personas.own], deadline=timezone.now() + dt.timedelta(days=1))


def test_decline_needs_a_reason_and_keeps_the_form(client, personas):
    request = ask_b_and_c(personas)
    target = request.targets.get(agency=personas.other)
    sign_in_verified(client, personas.other_head)
    response = client.post(reverse("workspace:cooperation:amp_decline", args=[request.pk, target.pk]), {"reason": "  "})
    assert response.status_code == 400 and "دلیل رد" in visible_text(response)
    assert AmplificationTarget.objects.get(pk=target.pk).status == St.PENDING


def test_accept_with_someone_elses_channel_or_a_past_send_time(client, personas):
    foreign = channel_of(personas.supporting, "@c_channel")
    request = ask_b_and_c(personas)
    target = request.targets.get(agency=personas.other)
    sign_in_verified(client, personas.other_head)
    url = reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk])
    response = client.post(url, {"channels": [str(foreign.pk)]})
    assert response.status_code == 400 and "مجراهای فعال دستگاه خودتان" in visible_text(response)
    own = channel_of(personas.other)
    response = client.post(url, {"channels": [str(own.pk)], f"text_{own.pk}": "متن من", "send_date": "۱۴۰۰/۰۱/۰۱",
                                 "send_time": "۱۰:۰۰"})
    assert response.status_code == 400 and "در آینده" in visible_text(response)
    assert "متن من" in response.content.decode() and "۱۴۰۰/۰۱/۰۱" in response.content.decode()
    response = client.post(url, {"channels": [str(own.pk)], "send_date": "۱۴۰۵/۰۷/۳۱", "send_time": "۱۰:۰۰"})
    assert response.status_code == 400 and "تاریخ شمسی درست نیست" in visible_text(response)
    assert AmplificationTarget.objects.get(pk=target.pk).status == St.PENDING


def test_an_unpublished_item_cannot_be_republished(personas):
    from hamafza.newsroom import actions as newsroom

    request = ask_b_and_c(personas)
    newsroom.do_unpublish(personas.own_head, request.item, "اشتباه در متن")
    with pytest.raises(amplification.CooperationError, match="لغو"):
        amplification.accept(personas.other_head, request.targets.get(agency=personas.other))
