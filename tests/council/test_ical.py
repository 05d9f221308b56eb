import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from hamafza.council import actions
from hamafza.council.models import CalendarFeed
from tests.personas import sign_in_verified

from .conftest import j


def test_the_ical_feed_parses_and_has_the_right_times_in_tehran(client, personas, campaign, meeting):
    proposal = actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other, title="بازدید از راهدارخانه",
                                       date=j(1405, 9, 26), start_time=dt.time(10, 30))
    actions.review_proposal(personas.secretariat, proposal, "approved")
    actions.create_task(personas.secretariat, council=personas.council, title="گزارش تصویری", agency=personas.other, deadline=j(1405, 9, 20))
    token = actions.create_calendar_feed(personas.other_head)

    response = client.get(f"/workspace/council/ical/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"بازدید از راهدارخانه", "نشست شورای هماهنگی روابط عمومی‌ها", "گزارش تصویری"}

    program = events["بازدید از راهدارخانه"].decoded("dtstart")
    assert program == dt.datetime(2026, 12, 17, 10, 30, tzinfo=ZoneInfo("Asia/Tehran"))
    assert program.utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert events["بازدید از راهدارخانه"]["dtstart"].params["TZID"] == "Asia/Tehran"
    meeting_start = events["نشست شورای هماهنگی روابط عمومی‌ها"].decoded("dtstart")
    assert meeting_start.astimezone(dt.timezone.utc) == dt.datetime(2026, 11, 26, 6, 30, tzinfo=dt.timezone.utc)
    assert events["گزارش تصویری"].decoded("dtstart") == dt.date(2026, 12, 11)  # an all-day deadline
    assert any(tz["tzid"] == "Asia/Tehran" for tz in cal.walk("VTIMEZONE"))


def test_the_feed_shows_only_what_its_owner_may_see(client, personas, campaign):
    actions.propose_program(personas.other_head, campaign=campaign, agency=personas.other, title="پیشنهاد راهداری", date=j(1405, 9, 26))
    actions.create_task(personas.secretariat, council=personas.council, title="وظیفه راهداری", agency=personas.other, deadline=j(1405, 9, 20))
    token = actions.create_calendar_feed(personas.supporting_staff)
    cal = Calendar.from_ical(client.get(f"/workspace/council/ical/{token}.ics").content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == []  # another agency's proposal and task


def test_a_revoked_or_replaced_address_stops_working(client, personas):
    sign_in_verified(client, personas.own_staff)
    first = actions.create_calendar_feed(personas.own_staff)
    assert client.get(f"/workspace/council/ical/{first}.ics").status_code == 200
    response = client.post("/workspace/council/calendar/feed/", {"action": "create"})
    assert response.status_code == 200 and "/workspace/council/ical/" in response.content.decode()
    assert client.get(f"/workspace/council/ical/{first}.ics").status_code == 404
    client.post("/workspace/council/calendar/feed/", {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=personas.own_staff).exists()
    assert client.get("/workspace/council/ical/guess.ics").status_code == 404
