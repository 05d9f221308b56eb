"""Who may do what in coverage monitoring: a table WRITTEN BY HAND (never derived from
hamafza.policy), then the boundaries of agency and council with tampered ids and hidden fields.

The subject belongs to agency A ("own"): its published item, carried by A's outlet (a pending
match waiting for review), A's outlet and A's keyword alert. B and C sit on the same council; D
on none. The secretariat and observers read the council's coverage but decide nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from hamafza.coverage.models import Coverage, FeedState, KeywordAlert, MonitoredEntry
from hamafza.press.models import Outlet
from tests import factories
from tests.personas import sign_in_verified

pytestmark = pytest.mark.django_db

PERSONAS = ("own_staff", "own_head", "other_staff", "other_head", "supporting_staff", "pending_supporting_staff",
            "secretariat", "observer", "admin", "anonymous")
# fmt: off
#                       own    own   other  other  supp.  D      secre- obser- admin  anony-
#                       staff  head  staff  head   staff  (none) tariat ver           mous
EXPECTED = {
    "overview":         (1,     1,    1,     1,     1,     0,     1,     1,     1,     0),
    "item coverage":    (1,     1,    0,     0,     0,     0,     1,     1,     1,     0),
    "review list":      (1,     1,    1,     1,     1,     0,     1,     1,     1,     0),
    "confirm":          (1,     1,    0,     0,     0,     0,     0,     0,     1,     0),
    "bulletin":         (1,     1,    1,     1,     1,     0,     1,     1,     1,     0),
    "feeds":            (1,     1,    1,     1,     1,     0,     0,     0,     1,     0),
    "set feed":         (1,     1,    0,     0,     0,     0,     0,     0,     1,     0),
    "alerts":           (1,     1,    1,     1,     1,     0,     0,     0,     1,     0),
    "delete alert":     (1,     1,    0,     0,     0,     0,     0,     0,     1,     0),
}
# fmt: on


@pytest.fixture
def subject(world, personas):
    a, council = world["A"], world["council"]
    item = factories.make_item(a, published_at=timezone.now() - dt.timedelta(hours=3))
    outlet = Outlet.objects.create(council=council, agency=a, name="خبرگزاری جنوب", kind=Outlet.Kind.AGENCY,
                                   feed_url="https://jonoob.example/rss")
    FeedState.objects.create(outlet=outlet, council=council)
    entry = MonitoredEntry.objects.create(council=council, outlet=outlet, url="https://jonoob.example/1", title="تیتر",
                                          fetched_at=timezone.now())
    return {"item": item, "outlet": outlet, "entry": entry, "council": council, "A": a}


def _pending(s) -> Coverage:
    Coverage.objects.filter(entry=s["entry"]).delete()
    return Coverage.objects.create(council=s["council"], item=s["item"], agency=s["A"], outlet=s["outlet"],
                                   entry=s["entry"], url=s["entry"].url, published_at=timezone.now(), status="pending")


def _alert(s, personas) -> KeywordAlert:
    return KeywordAlert.objects.create(council=s["council"], agency=s["A"], created_by=personas.own_staff, query="شلمچه")


def _done(r) -> bool:
    return r.status_code == 302 and not r["Location"].startswith("/accounts/")


def attempt(client, action: str, s, personas) -> bool:
    if action == "overview":
        r = client.get("/workspace/coverage/")
    elif action == "item coverage":
        r = client.get(f"/workspace/coverage/items/{s['item'].pk}/")
    elif action == "review list":
        r = client.get("/workspace/coverage/review/")
    elif action == "confirm":
        c = _pending(s)
        r = client.post(f"/workspace/coverage/review/{c.pk}/confirm/")
        c.refresh_from_db()
        assert (c.status == "confirmed") == _done(r), (action, r.status_code, c.status)
    elif action == "bulletin":
        r = client.get("/workspace/coverage/bulletin/")
    elif action == "feeds":
        r = client.get("/workspace/coverage/feeds/")
    elif action == "set feed":
        Outlet.objects.filter(pk=s["outlet"].pk).update(feed_url="https://jonoob.example/rss")
        r = client.post(f"/workspace/coverage/feeds/{s['outlet'].pk}/", {"feed_url": "https://jonoob.example/new", "active": "1"})
        changed = Outlet.objects.get(pk=s["outlet"].pk).feed_url == "https://jonoob.example/new"
        assert changed == _done(r), (action, r.status_code)
    elif action == "alerts":
        r = client.get("/workspace/coverage/alerts/")
    elif action == "delete alert":
        alert = _alert(s, personas)
        r = client.post(f"/workspace/coverage/alerts/{alert.pk}/delete/")
        gone = not KeywordAlert.objects.filter(pk=alert.pk).exists()
        assert gone == _done(r), (action, r.status_code)
        KeywordAlert.objects.all().delete()
    else:
        raise AssertionError(action)
    if r.status_code in (200, 302) and not (r.status_code == 302 and r["Location"].startswith("/accounts/")):
        return True
    assert r.status_code in (302, 403, 404), (action, r.status_code)
    return False


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client, personas, subject, persona):
    user = getattr(personas, persona)
    if persona != "anonymous":
        sign_in_verified(client, user)
    wrong = []
    for action, row in EXPECTED.items():
        expected = bool(row[PERSONAS.index(persona)])
        if attempt(client, action, subject, personas) != expected:
            wrong.append(f"{action}: expected {'allowed' if expected else 'refused'}")
    assert not wrong, f"{persona}: " + "; ".join(wrong)


def test_bulletin_pdf_is_for_the_councils_people(client, personas, subject):
    r = client.get("/workspace/coverage/bulletin.pdf")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/")
    sign_in_verified(client, personas.pending_supporting_staff)
    assert client.get("/workspace/coverage/bulletin.pdf").status_code == 404
    sign_in_verified(client, personas.observer)
    r = client.get("/workspace/coverage/bulletin.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


# --- Boundaries: another council, tampered ids, hidden fields -----------------------------------

@pytest.fixture
def elsewhere(world):
    """A second council (D heads it) with its own outlet, item, coverage and alert."""
    from tests.personas import make_user
    from hamafza.accounts.models import Membership

    d = world["D"]
    council = factories.make_council(d, [], hostname="bsh.example.ir", short_name="شورای بوشهر", slug="bushehr")
    item = factories.make_item(d, published_at=timezone.now() - dt.timedelta(hours=2))
    outlet = Outlet.objects.create(council=council, agency=d, name="بوشهر امروز", kind=Outlet.Kind.SITE,
                                   feed_url="https://bushehr.example/rss")
    entry = MonitoredEntry.objects.create(council=council, outlet=outlet, url="https://bushehr.example/1", title="بندر",
                                          fetched_at=timezone.now())
    coverage = Coverage.objects.create(council=council, item=item, agency=d, outlet=outlet, entry=entry, url=entry.url,
                                       published_at=timezone.now(), status="pending")
    owner = make_user("bushehr_staff")
    Membership.objects.create(user=owner, agency=d)
    alert = KeywordAlert.objects.create(council=council, agency=d, created_by=owner, query="بوشهر")
    return {"council": council, "item": item, "outlet": outlet, "coverage": coverage, "alert": alert, "D": d}


def test_another_councils_ids_answer_like_missing_ones(client, personas, subject, elsewhere):
    sign_in_verified(client, personas.own_head)
    missing = 2**62
    pairs = [
        (f"/workspace/coverage/review/{elsewhere['coverage'].pk}/confirm/", f"/workspace/coverage/review/{missing}/confirm/"),
        (f"/workspace/coverage/feeds/{elsewhere['outlet'].pk}/", f"/workspace/coverage/feeds/{missing}/"),
        (f"/workspace/coverage/alerts/{elsewhere['alert'].pk}/delete/", f"/workspace/coverage/alerts/{missing}/delete/"),
    ]
    for foreign, absent in pairs:
        a = client.post(foreign, {"feed_url": "https://evil.example/rss", "active": "1"})
        b = client.post(absent, {"feed_url": "https://evil.example/rss", "active": "1"})
        assert a.status_code == b.status_code == 404
        assert a.content.decode().replace(foreign, "") .count("بوشهر") == 0
    assert client.get(f"/workspace/coverage/items/{elsewhere['item'].pk}/").status_code == 404
    elsewhere["coverage"].refresh_from_db()
    assert elsewhere["coverage"].status == "pending"
    assert Outlet.objects.get(pk=elsewhere["outlet"].pk).feed_url == "https://bushehr.example/rss"
    assert KeywordAlert.objects.filter(pk=elsewhere["alert"].pk).exists()


def test_hidden_fields_cannot_cross_agency_or_council(client, personas, subject, elsewhere, world):
    sign_in_verified(client, personas.own_staff)
    # The council asked for in the query is one the person has no role in: their own council is used.
    text = client.get(f"/workspace/coverage/?council={elsewhere['council'].pk}").content.decode()
    assert "بوشهر امروز" not in text
    # An alert for another agency of the council (B) or of another council (D): refused with a message.
    for agency in (world["B"].pk, elsewhere["D"].pk, 2**70):
        r = client.post("/workspace/coverage/alerts/", {"query": "شلمچه", "agency": agency})
        assert r.status_code == 400 and "دستگاه را از فهرست برگزینید" in r.content.decode()
    assert not KeywordAlert.objects.filter(created_by=personas.own_staff).exists()
    # Another agency's filter on the overview shows nothing of it.
    text = client.get(f"/workspace/coverage/?agency={elsewhere['D'].pk}").content.decode()
    assert "بوشهر امروز" not in text
    # The bulletin of another council: only the person's own council.
    text = client.get(f"/workspace/coverage/bulletin/?council={elsewhere['council'].pk}").content.decode()
    assert "بوشهر" not in text


def test_bad_input_is_a_persian_answer(client, personas, subject):
    sign_in_verified(client, personas.own_staff)
    for path in ("/workspace/coverage/review/99999999999999999999999/confirm/",
                 f"/workspace/coverage/review/{2**70}/confirm/"):
        assert client.post(path).status_code == 404
    assert client.get("/workspace/coverage/bulletin/?day=۱۴۰۵/۱۳/۴۰").status_code == 400
    assert client.get("/workspace/coverage/bulletin/?day=\x00").status_code == 200  # NULs removed: yesterday
    assert client.get("/workspace/coverage/?days=" + "9" * 30 + "&agency=" + str(2**70)).status_code == 200
    r = client.post(f"/workspace/coverage/feeds/{subject['outlet'].pk}/", {"feed_url": "https://x.example/" + "a" * 3000, "active": "1"})
    assert r.status_code == 400 and "نویسه" in r.content.decode()
    r = client.post("/workspace/coverage/alerts/", {"query": "ش" * 1000, "agency": subject["A"].pk})
    assert r.status_code == 400 and "نویسه" in r.content.decode()
    c = _pending(subject)
    assert client.post(f"/workspace/coverage/review/{c.pk}/destroy/").status_code == 404
