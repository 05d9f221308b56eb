import datetime as dt

from hamafza.council import actions, calendar
from hamafza.newsroom.models import NewsItem
from hamafza.persian.jalali import TEHRAN
from tests import factories
from tests.personas import sign_in_verified

from .conftest import j


def test_a_month_grid_starts_on_saturday_and_marks_fridays_and_holidays(personas, frozen):
    weeks = calendar.month_grid(1405, 1, [], j(1405, 1, 10))
    assert all(len(w) == 7 for w in weeks)
    assert all(w[0].date.weekday() == 5 for w in weeks)  # Saturday
    first = next(d for w in weeks for d in w if d.in_range)
    assert first.date == j(1405, 1, 1) and first.holidays  # Nowruz
    assert any("نوروز" in name for name in first.holidays)
    assert all(w[6].is_off for w in weeks)  # Fridays


def test_the_month_view_shows_every_kind_and_filters_by_agency_and_kind(client, personas, campaign, meeting):
    p = actions.propose_program(personas.own_head, campaign=campaign, agency=personas.own, title="همایش راه و شهرسازی", date=j(1405, 9, 26))
    actions.review_proposal(personas.secretariat, p, "approved")
    actions.create_task(personas.secretariat, council=personas.council, title="مهلت راهداری", agency=personas.other, deadline=j(1405, 9, 20))
    item = factories.make_item(personas.own, title="خبر زمان‌بندی‌شده", published=False)
    NewsItem.objects.filter(pk=item.pk).update(status="scheduled", published_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=TEHRAN))
    sign_in_verified(client, personas.secretariat)
    page = client.get("/workspace/council/calendar/?y=1405&m=9").content.decode()
    assert "آذر ۱۴۰۵" in page
    for title in ("همایش راه و شهرسازی", "مهلت راهداری", "نشست شورای هماهنگی", "خبر زمان‌بندی‌شده"):
        assert title in page, title
    page = client.get(f"/workspace/council/calendar/?y=1405&m=9&agency={personas.other.pk}").content.decode()
    assert "مهلت راهداری" in page and "همایش راه و شهرسازی" not in page
    page = client.get("/workspace/council/calendar/?y=1405&m=9&kind=task").content.decode()
    assert "مهلت راهداری" in page and "نشست شورای هماهنگی" not in page
    for view in ("week", "agenda"):
        assert client.get(f"/workspace/council/calendar/?view={view}&d=۱۴۰۵/۰۹/۲۰").status_code == 200


def test_another_source_plugs_in(personas, frozen):
    def bookings(query):
        yield calendar.Event("booking", "booking-1", "رزرو دوربین", j(1405, 9, 10))

    calendar.register_source("booking", "رزرو", bookings)
    try:
        events = calendar.collect(personas.own_head, j(1405, 9, 1), j(1405, 9, 30))
        assert [e.title for e in events if e.kind == "booking"] == ["رزرو دوربین"]
    finally:
        calendar._sources.pop("booking")
