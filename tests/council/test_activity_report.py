import datetime as dt

import time_machine

from hamafza.council import actions
from hamafza.council.models import Task
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.persian.jalali import TEHRAN
from tests import factories
from tests.personas import sign_in_verified

from .conftest import j


def test_an_activity_reports_figures_equal_the_platforms_records(client, personas, meeting, frozen):
    other = personas.other
    aban = dt.datetime(2026, 11, 1, 12, 0, tzinfo=TEHRAN)  # 10 Aban 1405
    for n in range(3):
        factories.make_item(other, title=f"خبر آبان {n}", published_at=aban + dt.timedelta(days=n))
    factories.make_item(other, title="خبر مهر", published_at=dt.datetime(2026, 10, 1, 12, 0, tzinfo=TEHRAN))  # outside
    factories.make_item(other, title="پیش‌نویس", published=False)
    supported = factories.make_item(personas.own, title="خبر مشترک", supporting=[other], published_at=aban)
    ItemAgency.objects.filter(item=supported, agency=other).update(accepted_at=aban)
    on_time = actions.create_task(personas.secretariat, council=personas.council, title="الف", agency=other, deadline=j(1405, 8, 20))
    late = actions.create_task(personas.secretariat, council=personas.council, title="ب", agency=other, deadline=j(1405, 8, 15))
    actions.create_task(personas.secretariat, council=personas.council, title="ج", agency=other, deadline=j(1405, 8, 25))
    Task.objects.filter(pk=on_time.pk).update(status="done", done_at=dt.datetime(2026, 11, 10, 9, 0, tzinfo=TEHRAN))
    Task.objects.filter(pk=late.pk).update(status="done", done_at=dt.datetime(2026, 11, 10, 9, 0, tzinfo=TEHRAN))
    # B republished one item of A asked in Aban, declined another; a request of Mehr is outside.
    from hamafza.cooperation.models import AmplificationRequest, AmplificationTarget

    for asked, status in ((aban, "accepted"), (aban, "declined"), (dt.datetime(2026, 10, 1, 12, 0, tzinfo=TEHRAN), "accepted")):
        amp = AmplificationRequest.objects.create(council=personas.council, item=supported, asking_agency=personas.own,
                                                  deadline=asked + dt.timedelta(days=2))
        AmplificationRequest.objects.filter(pk=amp.pk).update(created_at=asked)
        AmplificationTarget.objects.create(request=amp, agency=other, status=status, responded_at=asked + dt.timedelta(hours=3))

    sign_in_verified(client, personas.secretariat)
    response = client.post(f"/workspace/council/meetings/{meeting.pk}/", {
        "action": "report", "agency": other.pk, "period_start": "۱۴۰۵/۰۸/۰۱", "period_end": "۱۴۰۵/۰۸/۳۰",
    })
    assert response.status_code == 302
    report = meeting.reports.get(agency=other)
    published = NewsItem.objects.filter(
        lead_agency=other, status="published",
        published_at__gte=dt.datetime(2026, 10, 23, tzinfo=TEHRAN), published_at__lt=dt.datetime(2026, 11, 22, tzinfo=TEHRAN),
    ).count()
    assert report.figures["items_published"] == published == 3
    assert report.figures["items_supported"] == 1
    assert report.figures["tasks_due"] == 3
    assert report.figures["tasks_done_on_time"] == 1 and report.figures["tasks_done_late"] == 1
    assert report.figures["tasks_not_done"] == 1
    assert report.figures["amplified_for_others"] == 1 and report.figures["amplified_by_others"] == 0
    assert report.figures["requests_answered"] == 2
    assert report.figures["channel_deliveries"] is None  # not recorded yet: the page shows zero and says so

    client.logout()
    sign_in_verified(client, personas.other_head)
    page = client.get(f"/workspace/council/reports/{report.pk}/").content.decode()
    assert 'data-figure="items_published">۳<' in page and "هنوز در سامانه ثبت نمی‌شود" in page
    assert 'data-figure="amplified_for_others">۱<' in page and 'data-figure="requests_answered">۲<' in page
    response = client.post(f"/workspace/council/reports/{report.pk}/", {"narrative": "روایت ما", "proposals": "پیشنهاد ما"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative == "روایت ما"
    # Drafting again refreshes the figures and keeps the narrative.
    with time_machine.travel(dt.datetime(2026, 11, 27, tzinfo=TEHRAN)):
        again = actions.draft_activity_report(personas.secretariat, meeting, other, j(1405, 8, 1), j(1405, 8, 30))
    assert again.pk == report.pk and again.narrative == "روایت ما"


def test_an_agenda_item_asking_for_a_report_drafts_it_for_the_agency(client, personas, meeting):
    factories.make_item(personas.other, title="خبر هفته پیش", published_at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=TEHRAN))
    actions.add_agenda_item(personas.secretariat, meeting, "گزارش عملکرد راهداری", personas.other, asks_report=True)
    report = meeting.reports.get(agency=personas.other)
    assert report.period_end == j(1405, 9, 4) and report.figures["items_published"] == 1
    sign_in_verified(client, personas.other_staff)
    page = client.get(f"/workspace/council/meetings/{meeting.pk}/").content.decode()
    assert f"/workspace/council/reports/{report.pk}/" in page
    assert client.post(f"/workspace/council/reports/{report.pk}/", {"narrative": "روایت", "proposals": ""}).status_code == 302
    client.logout()
    sign_in_verified(client, personas.own_staff)  # another agency: not its report
    assert client.get(f"/workspace/council/reports/{report.pk}/").status_code == 404


def test_hashtags_of_an_items_campaigns_for_channel_posts(personas, campaign):
    from hamafza.council.selectors import hashtags_for_item

    item = factories.make_item(personas.own)
    assert hashtags_for_item(item.pk) == []
    actions.tag_item(personas.secretariat, campaign, item)
    assert hashtags_for_item(item.pk) == ["#هفته_حمل_و_نقل", "#خوزستان"]
