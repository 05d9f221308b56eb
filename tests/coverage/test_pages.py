"""The workspace pages of coverage monitoring: what the office sees, who sees it, and the
actions behind the forms (each audited)."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.audit.models import AuditEvent
from hamafza.coverage import bulletin
from hamafza.coverage.models import Coverage, FeedState, KeywordAlert, MonitoredEntry
from hamafza.notifications.models import Notification
from hamafza.press.models import Outlet
from tests import factories
from tests.personas import sign_in_verified

from .conftest import demo_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def carried(world, personas):
    """An item of A carried by two outlets yesterday (one confirmed, one waiting) and one of B."""
    a, b, council = world["A"], world["B"], world["council"]
    yesterday = bulletin.yesterday(timezone.now())
    noon = dt.datetime.combine(yesterday, dt.time(9, 0), tzinfo=dt.UTC)
    item = demo_item(a, 0, published_at=noon - dt.timedelta(hours=2))
    other = demo_item(b, 19, published_at=noon - dt.timedelta(hours=1))
    outlet = Outlet.objects.create(council=council, agency=a, name="خبرگزاری جنوب", kind=Outlet.Kind.AGENCY)
    second = Outlet.objects.create(council=council, agency=b, name="روزنامه کارون", kind=Outlet.Kind.NEWSPAPER)
    rows = {}
    for key, (it, out, status, url) in {
        "confirmed": (item, outlet, "confirmed", "https://jonoob.example/1"),
        "pending": (item, second, "pending", "https://karoun.example/2"),
        "other_coverage": (other, second, "confirmed", "https://karoun.example/3"),
    }.items():
        entry = MonitoredEntry.objects.create(council=council, outlet=out, url=url, title="تیتر رسانه", text="متن",
                                              fetched_at=noon, published=noon)
        rows[key] = Coverage.objects.create(council=council, item=it, agency=it.lead_agency, outlet=out, entry=entry,
                                            url=url, published_at=noon + dt.timedelta(minutes=35), similarity=0.8,
                                            kept=0.7, status=status)
    return {"item": item, "other": other, "outlet": outlet, "second": second, "day": yesterday, **rows}


def test_item_view_shows_where_and_how_fast(client, personas, carried):
    sign_in_verified(client, personas.own_staff)
    r = client.get(f"/workspace/coverage/items/{carried['item'].pk}/")
    assert r.status_code == 200
    text = r.content.decode()
    assert "خبرگزاری جنوب" in text and "۲ ساعت" in text and "۷۰٪" in text
    assert "روزنامه کارون" in text and "در انتظار بررسی" in text


def test_overview_counts_by_outlet_and_kind(client, personas, carried):
    sign_in_verified(client, personas.secretariat)
    text = client.get("/workspace/coverage/").content.decode()
    assert "روزنامه" in text and "خبرگزاری" in text
    sign_in_verified(client, personas.own_staff)
    text = client.get("/workspace/coverage/").content.decode()
    assert "خبرگزاری جنوب" in text and "روزنامه کارون" not in text  # B's coverage is B's


def test_bulletin_page_pdf_and_digest(client, personas, carried):
    sign_in_verified(client, personas.other_staff)
    text = client.get("/workspace/coverage/bulletin/").content.decode()
    assert carried["item"].title in text and carried["other"].title in text  # every agency of the council
    r = client.get("/workspace/coverage/bulletin.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert client.get("/workspace/coverage/bulletin/?day=1405/13/01").status_code == 400
    now = timezone.localtime().replace(hour=12)  # noon in Tehran on the day whose yesterday the fixture used (not the UTC date: they differ from 20:30 to midnight UTC)
    sent = bulletin.send_digests(now)
    assert sent >= 3 and bulletin.send_digests(now) == 0  # once a day
    notice = Notification.objects.filter(kind="coverage_digest", user=personas.own_staff).get()
    assert "۲" in notice.text


def test_review_confirm_and_reject_are_the_lead_agencys_and_audited(client, personas, carried):
    pending = carried["pending"]
    sign_in_verified(client, personas.other_staff)  # B: not the item's agency
    assert client.post(f"/workspace/coverage/review/{pending.pk}/confirm/").status_code == 404
    sign_in_verified(client, personas.secretariat)  # sees it, may not decide
    assert client.post(f"/workspace/coverage/review/{pending.pk}/confirm/").status_code == 403
    sign_in_verified(client, personas.own_staff)
    assert client.post(f"/workspace/coverage/review/{pending.pk}/confirm/").status_code == 302
    pending.refresh_from_db()
    assert pending.status == "confirmed" and pending.decided_by == personas.own_staff
    assert AuditEvent.objects.filter(action="coverage.confirmed", council_id=pending.council_id).exists()
    r = client.post(f"/workspace/coverage/review/{pending.pk}/reject/", follow=True)
    assert "پیش‌تر" in r.content.decode()


def test_feed_registration(client, personas, carried):
    outlet = carried["outlet"]
    sign_in_verified(client, personas.own_staff)
    r = client.post(f"/workspace/coverage/feeds/{outlet.pk}/", {"feed_url": "ftp://x", "active": "1"})
    assert r.status_code == 400 and "http" in r.content.decode()
    r = client.post(f"/workspace/coverage/feeds/{outlet.pk}/", {"feed_url": "https://jonoob.example/rss", "active": "1"})
    assert r.status_code == 302
    outlet.refresh_from_db()
    assert outlet.feed_url == "https://jonoob.example/rss" and FeedState.objects.get(outlet=outlet).active
    assert AuditEvent.objects.filter(action="coverage.feed_set").exists()
    sign_in_verified(client, personas.other_staff)  # B keeps no feed of A's outlet
    assert client.post(f"/workspace/coverage/feeds/{outlet.pk}/", {"feed_url": "https://x.example/"}).status_code == 404
    assert "خبرگزاری جنوب" not in client.get("/workspace/coverage/feeds/").content.decode()


def test_keyword_alerts_notify_new_matches(client, personas, carried, world):
    from hamafza.coverage import alerts, matcher

    sign_in_verified(client, personas.own_staff)
    assert client.post("/workspace/coverage/alerts/", {"query": "", "agency": world["A"].pk}).status_code == 400
    assert client.post("/workspace/coverage/alerts/", {"query": "شلمچه", "agency": world["A"].pk}).status_code == 302
    alert = KeywordAlert.objects.get()
    entry = MonitoredEntry.objects.create(
        council=world["council"], outlet=carried["outlet"], url="https://jonoob.example/9", title="تردد در مرز شلمچه",
        text=" ".join(matcher.folded_tokens("تردد زائران در مرز شلمچه روان است")), fetched_at=timezone.now())
    unrelated = MonitoredEntry.objects.create(
        council=world["council"], outlet=carried["outlet"], url="https://jonoob.example/10", title="باران",
        text=" ".join(matcher.folded_tokens("بارش باران در اهواز")), fetched_at=timezone.now())
    assert alerts.run_alerts(world["council"].pk, [entry, unrelated]) == 1
    assert alerts.run_alerts(world["council"].pk, [entry]) == 0  # once
    n = Notification.objects.get(kind="coverage_alert")
    assert n.user == personas.own_staff and "شلمچه" in n.text
    assert "تردد در مرز شلمچه" in client.get("/workspace/coverage/alerts/").content.decode()
    sign_in_verified(client, personas.other_staff)
    assert client.post(f"/workspace/coverage/alerts/{alert.pk}/delete/").status_code == 404
    sign_in_verified(client, personas.own_staff)
    assert client.post(f"/workspace/coverage/alerts/{alert.pk}/delete/").status_code == 302
    assert not KeywordAlert.objects.exists()


def test_alert_query_spellings():
    from hamafza.coverage import alerts, matcher

    text = " ".join(matcher.folded_tokens("اطلاع رسانی راه آهن جنوب در شلمچه"))
    assert alerts.matches("اطلاع‌رسانی", text)
    assert alerts.matches("«راه آهن جنوب»", text)
    assert not alerts.matches("«جنوب راه آهن»", text)
    assert not alerts.matches("!!!", text)


def test_the_items_editor_links_to_its_coverage_for_those_who_may_see_it(client, personas, carried):
    from django.urls import reverse

    url = reverse("workspace:news:edit", kwargs={"item_id": carried["item"].pk})
    link = f"/workspace/coverage/items/{carried['item'].pk}/"
    sign_in_verified(client, personas.own_staff)
    assert link in client.get(url).content.decode()
    sign_in_verified(client, personas.other_staff)  # reads the published item, not its coverage
    r = client.get(url)
    assert r.status_code == 200 and link not in r.content.decode()
    assert client.get(link).status_code == 404


def test_per_campaign_counts(client, personas, carried, world):
    from hamafza.council.models import Campaign, CampaignItem

    today = timezone.localdate()
    campaign = Campaign.objects.create(council=world["council"], title="هفته حمل و نقل", slug="hafte",
                                       start_date=today - dt.timedelta(days=10), end_date=today)
    CampaignItem.objects.create(campaign=campaign, item=carried["other"])
    other_council = factories.make_council(world["D"], [], short_name="شورای دیگر", slug="other")
    foreign = Campaign.objects.create(council=other_council, title="پویش بیگانه", slug="x", start_date=today, end_date=today)
    sign_in_verified(client, personas.secretariat)
    text = client.get(f"/workspace/coverage/?campaign={campaign.pk}").content.decode()
    assert "هفته حمل و نقل" in text and "پویش بیگانه" not in text
    assert carried["other"].title in text and carried["item"].title not in text  # only the campaign's items
    # Another council's campaign id: as if none was chosen (all the council's coverage).
    text = client.get(f"/workspace/coverage/?campaign={foreign.pk}").content.decode()
    assert carried["item"].title in text and "پویش بیگانه" not in text


def test_every_link_of_the_coverage_pages_opens_for_the_person(client, personas, carried):
    """No page shows a link its reader would get a 404 for (the browser walks crawl them)."""
    import re

    for persona in ("own_staff", "other_staff", "secretariat", "observer"):
        sign_in_verified(client, getattr(personas, persona))
        for page in ("/workspace/coverage/", "/workspace/coverage/bulletin/", "/workspace/coverage/review/"):
            html = client.get(page).content.decode()
            for link in set(re.findall(r'href="(/workspace/coverage/[^"?]*)"', html)):
                assert client.get(link).status_code == 200, (persona, page, link)
