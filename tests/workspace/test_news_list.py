"""The news list: only what the person may see, filtered by status, agency, sector, Jalali dates and text."""

import datetime as dt

from django.utils import timezone

from hamafza.newsroom import actions
from tests import factories
from tests.personas import sign_in_verified


def titles(client, query="") -> str:
    response = client.get("/workspace/news/" + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_own_drafts_and_never_another_agencys(client, personas):
    actions.do_create_draft(personas.own_staff, personas.own, {"title": "پیش‌نویس ما"})
    actions.do_create_draft(personas.other_staff, personas.other, {"title": "پیش‌نویس آنها"})
    factories.make_item(personas.other, title="خبر منتشرشدهٔ آنها")
    sign_in_verified(client, personas.own_staff)
    html = titles(client)
    assert "پیش‌نویس ما" in html and "خبر منتشرشدهٔ آنها" in html
    assert "پیش‌نویس آنها" not in html
    # Filtering by the other agency does not reveal its drafts either.
    assert "پیش‌نویس آنها" not in titles(client, f"?agency={personas.other.pk}&status=draft")


def test_filters(client, personas, sectors):
    actions.do_create_draft(personas.own_staff, personas.own, {"title": "ایمنی جاده‌های استان", "sectors": [sectors["road"].pk]})
    actions.do_create_draft(personas.own_staff, personas.own, {"title": "قطار تازه"})
    old = factories.make_item(personas.own, title="خبر کهنه", published_at=timezone.now() - dt.timedelta(days=400))
    sign_in_verified(client, personas.own_staff)
    html = titles(client, "?q=ایمنی")
    assert "ایمنی جاده‌های استان" in html and "قطار تازه" not in html
    html = titles(client, f"?sector={sectors['road'].pk}")
    assert "ایمنی جاده‌های استان" in html and "قطار تازه" not in html
    html = titles(client, "?status=published")
    assert "خبر کهنه" in html and "قطار تازه" not in html
    from hamafza.persian import jalali

    since = jalali.format_numeric(timezone.now() - dt.timedelta(days=30))
    html = titles(client, f"?since={since}")
    assert "قطار تازه" in html and old.title not in html


def test_an_impossible_date_in_the_filter_is_a_message_not_an_error(client, personas):
    sign_in_verified(client, personas.own_staff)
    html = titles(client, "?since=۱۴۰۴/۱۲/۳۰&agency=abc&sector=99999999999999999999&status=bogus")
    assert "۱۴۰۴/۱۲/۳۰" in html and "تاریخ درستی" in html


def test_htmx_asks_for_the_results_only(client, personas):
    sign_in_verified(client, personas.own_staff)
    response = client.get("/workspace/news/?q=x", headers={"HX-Request": "true", "HX-Target": "news-results"})
    html = response.content.decode()
    assert 'id="news-results"' in html and "<html" not in html


def test_a_new_draft_and_an_overlong_title(client, personas):
    sign_in_verified(client, personas.own_staff)
    bad = client.post("/workspace/news/new/", {"title": "ت" * 260, "agency": personas.own.pk})
    assert bad.status_code == 400 and "حداکثر ۲۵۰ نویسه" in bad.content.decode()
    assert "ت" * 260 in bad.content.decode()  # what was typed is still in the form
    foreign = client.post("/workspace/news/new/", {"title": "خبر", "agency": personas.other.pk})
    assert foreign.status_code == 400
    ok = client.post("/workspace/news/new/", {"title": "خبر تازهٔ ما", "agency": personas.own.pk})
    assert ok.status_code == 302 and ok["Location"].startswith("/workspace/news/")


def test_observers_cannot_create(client, personas):
    sign_in_verified(client, personas.observer)
    assert client.get("/workspace/news/new/").status_code == 403
