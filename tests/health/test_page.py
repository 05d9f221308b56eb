"""The health page is for site admins only; it shows every check with its state."""

import pytest

from tests.personas import sign_in_verified

URL = "/workspace/health/"


def test_a_site_admin_sees_every_check(client, personas):
    sign_in_verified(client, personas.admin)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    for title in ("پایگاه داده", "مهاجرت‌های پایگاه داده", "حافظهٔ نهان", "صف کارها", "زمان‌بند", "ارسال به مجراها",
                  "فضای دیسک", "آخرین پشتیبان", "بررسی استقرار"):
        assert title in html
    assert 'id="check-backup"' in html and "hl-warn" in html  # no backup yet in the test installation
    assert "سلامت سامانه" in html


def test_the_page_says_when_all_is_well(client, personas, only_checks):
    only_checks(("database", "ok"), ("cache", "ok"))
    sign_in_verified(client, personas.admin)
    html = client.get(URL).content.decode()
    assert "همه‌چیز روبه‌راه است." in html and "۲ روبه‌راه" in html


@pytest.mark.parametrize("who", ["own_staff", "own_head", "secretariat", "observer"])
def test_others_are_refused(client, personas, who):
    sign_in_verified(client, getattr(personas, who))
    assert client.get(URL).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client, personas):
    page = client.get(URL)
    assert page.status_code == 302 and "/accounts/" in page["Location"]


def test_only_the_admin_menu_links_to_it(client, personas):
    sign_in_verified(client, personas.own_head)
    assert URL not in client.get("/workspace/").content.decode()
    sign_in_verified(client, personas.admin)
    assert URL in client.get("/workspace/").content.decode()
