"""The issue's must-show: a request from A to B and C; B accepts (its portal page lists the item
«به نقل از» A, the one canonical article, and B's deliveries are queued); C declines with a reason;
D never sees it."""

import pytest
from django.urls import reverse

from hamafza.cooperation import amplification
from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget
from hamafza.distribution.models import Delivery
from hamafza.newsroom.models import ItemAgency
from hamafza.notifications.models import Notification
from hamafza.audit.models import AuditEvent
from tests.personas import make_user, sign_in_verified
from tests.portal.helpers import HOST, assert_no_latin_digits, visible_text

from .amp_helpers import ask_b_and_c, c_head, channel_of, published

St = AmplificationTarget.Status
pytestmark = pytest.mark.django_db


def _target(request, agency):
    return request.targets.get(agency=agency)


def test_a_asks_b_and_c_and_their_heads_are_notified(personas):
    supporting_head = c_head(personas)
    request = ask_b_and_c(personas, message="لطفاً در کانال‌های خود بازنشر کنید.")
    assert request.kind == AmplificationRequest.Kind.REPUBLISH
    assert request.asking_agency_id == personas.own.pk
    assert sorted(request.targets.values_list("agency_id", flat=True)) == sorted([personas.other.pk, personas.supporting.pk])
    notified = set(Notification.objects.filter(kind="coop_request").values_list("user_id", flat=True))
    assert notified == {personas.other_head.pk, supporting_head.pk}
    assert AuditEvent.objects.filter(action="amplification.requested", object_id=request.pk).exists()


def test_b_accepts_the_item_shows_on_bs_page_quoted_from_a_and_bs_deliveries_are_queued(client, personas):
    channel = channel_of(personas.other)
    request = ask_b_and_c(personas)
    item = request.item
    sign_in_verified(client, personas.other_head)
    url = reverse("workspace:cooperation:amp_accept", args=[request.pk, _target(request, personas.other).pk])
    response = client.post(url, {"channels": [str(channel.pk)], f"text_{channel.pk}": "متن ویژهٔ کانال راهداری"})
    assert response.status_code == 302, response.content.decode()[:500]
    target = _target(request, personas.other)
    assert target.status == St.ACCEPTED and target.responded_by == personas.other_head
    assert ItemAgency.objects.get(item=item, agency=personas.other).role == ItemAgency.Role.REPUBLISHED
    deliveries = Delivery.objects.filter(item=item, channel=channel)
    assert deliveries.count() == 1
    assert deliveries.get().state == Delivery.State.QUEUED
    assert "متن ویژهٔ کانال راهداری" in str(deliveries.get().payload)
    # The asker hears of it.
    assert Notification.objects.filter(kind="coop_answer", user=personas.own_staff).exists()
    sign_in_verified(client, personas.own_staff)
    assert_no_latin_digits(client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])))
    assert_no_latin_digits(client.get(reverse("workspace:cooperation:amp_sent")))
    # B's portal page: the same article, «به نقل از» A.
    page = client.get(reverse("portal:agency", args=[personas.other.slug]), HTTP_HOST=HOST)
    assert page.status_code == 200
    html = page.content.decode()
    assert item.get_absolute_url() in html
    assert "به نقل از" in visible_text(page)
    assert personas.own.short_name in visible_text(page)
    # A's own page shows it without the attribution; the article names B among republishers.
    own_page = visible_text(client.get(reverse("portal:agency", args=[personas.own.slug]), HTTP_HOST=HOST))
    assert item.title in own_page and "به نقل از" not in own_page
    article = visible_text(client.get(item.get_absolute_url(), HTTP_HOST=HOST))
    assert "بازنشر در" in article and personas.other.name in article


def test_c_declines_with_a_reason_and_a_sees_it(client, personas):
    supporting_head = c_head(personas)
    request = ask_b_and_c(personas)
    sign_in_verified(client, supporting_head)
    url = reverse("workspace:cooperation:amp_decline", args=[request.pk, _target(request, personas.supporting).pk])
    response = client.post(url, {"reason": "این هفته کانال ما ویژهٔ اطلاع‌رسانی سفرهای نوروزی است."})
    assert response.status_code == 302
    target = _target(request, personas.supporting)
    assert target.status == St.DECLINED and "نوروزی" in target.decline_reason
    assert not ItemAgency.objects.filter(item=request.item, agency=personas.supporting).exists()
    sign_in_verified(client, personas.own_staff)
    detail = visible_text(client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])))
    assert "ردشده" in detail and "نوروزی" in detail
    sent = visible_text(client.get(reverse("workspace:cooperation:amp_sent")))
    assert request.item.title in sent


def test_d_never_sees_it(client, personas):
    request = ask_b_and_c(personas)
    d_head = make_user("d_head")
    from hamafza.accounts.models import Membership

    Membership.objects.create(user=d_head, agency=personas.pending_supporting, role=Membership.Role.HEAD)
    for user in (personas.pending_supporting_staff, d_head):
        sign_in_verified(client, user)
        assert client.get(reverse("workspace:cooperation:amp_detail", args=[request.pk])).status_code == 404
        for name in ("amp_inbox", "amp_sent"):
            page = client.get(reverse(f"workspace:cooperation:{name}"))
            assert page.status_code == 200 and request.item.title not in page.content.decode()
        target = _target(request, personas.other)
        accept = reverse("workspace:cooperation:amp_accept", args=[request.pk, target.pk])
        assert client.post(accept, {}).status_code == 404
    # Nor can D be asked: it sits on no council with A.
    with pytest.raises(amplification.CooperationError):
        amplification.ask(personas.own_staff, published(personas, "خبر دیگر"), [personas.pending_supporting],
                          deadline=request.deadline)
    assert _target(request, personas.other).status == St.PENDING


def test_the_inbox_lists_pending_first_and_the_desk_shows_the_head_what_awaits(client, personas):
    old = ask_b_and_c(personas, item=published(personas, "خبر قدیمی"))
    amplification.decline(personas.other_head, _target(old, personas.other), "تکراری")
    new = ask_b_and_c(personas, item=published(personas, "خبر تازهٔ منتظر پاسخ"))
    sign_in_verified(client, personas.other_head)
    inbox = visible_text(client.get(reverse("workspace:cooperation:amp_inbox")))
    assert inbox.index("خبر تازهٔ منتظر پاسخ") < inbox.index("خبر قدیمی")
    desk = client.get(reverse("workspace:cooperation:amp_desk"))
    assert new.item.title in desk.content.decode() and "خبر قدیمی" not in desk.content.decode()
    assert "cooperation/requests/desk/" in client.get("/workspace/").content.decode()
    # Staff (not heads) get no desk section, but see the inbox.
    sign_in_verified(client, personas.other_staff)
    assert client.get(reverse("workspace:cooperation:amp_desk")).content == b""
    assert new.item.title in client.get(reverse("workspace:cooperation:amp_inbox")).content.decode()


def test_ask_through_the_page_for_all_other_agencies(client, personas):
    item = published(personas)
    sign_in_verified(client, personas.own_staff)
    form = client.get(reverse("workspace:cooperation:amp_ask", args=[item.pk]))
    assert form.status_code == 200 and personas.other.short_name in form.content.decode()
    from hamafza.persian import jalali
    from django.utils import timezone
    import datetime as dt

    day = jalali.format_numeric((timezone.now() + dt.timedelta(days=3)).date())
    response = client.post(reverse("workspace:cooperation:amp_ask", args=[item.pk]), {
        "all": "1", "message": "همه با هم", "deadline_date": day, "deadline_time": "۱۲:۳۰",
    })
    assert response.status_code == 302
    request = AmplificationRequest.objects.get(item=item)
    assert set(request.targets.values_list("agency_id", flat=True)) == {personas.other.pk, personas.supporting.pk}
    assert jalali.to_tehran(request.deadline).strftime("%H:%M") == "12:30"
    # The editor's card lists it.
    card = client.get(reverse("workspace:cooperation:amp_item", args=[item.pk])).content.decode()
    assert reverse("workspace:cooperation:amp_detail", args=[request.pk]) in card


def test_a_scheduled_item_accepted_now_is_delivered_when_published(personas):
    import datetime as dt

    from django.utils import timezone

    from hamafza.newsroom import actions as newsroom
    from hamafza.newsroom.models import NewsItem
    from tests import factories

    channel = channel_of(personas.other)
    item = factories.make_item(personas.own, title="خبر زمان‌بندی‌شده", published=False, created_by=personas.own_staff)
    NewsItem.objects.filter(pk=item.pk).update(status=NewsItem.Status.SCHEDULED,
                                               published_at=timezone.now() + dt.timedelta(hours=2))
    item.refresh_from_db()
    request = ask_b_and_c(personas, item=item)
    amplification.accept(personas.other_head, _target(request, personas.other), channel_ids=[channel.pk])
    assert ItemAgency.objects.get(item=item, agency=personas.other).published_at is None  # not listed yet
    assert not Delivery.objects.filter(item=item).exists()
    assert newsroom.do_publish_scheduled(item.pk, now=timezone.now() + dt.timedelta(hours=3))
    assert Delivery.objects.filter(item=item, channel=channel).count() == 1
    assert ItemAgency.objects.get(item=item, agency=personas.other).published_at is not None
