"""The notice settings page of the workspace: each person sees and changes only their own
settings; bad input gets a Persian message and never a 500."""

import pytest

from hamafza.notifications import actions, linking
from hamafza.notifications.models import NoticeProfile
from tests import factories
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import make_user, sign_in_verified

from .test_reach import CHAT, link

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy

HOST = "khz.example.ir"
URL = "/workspace/notifications/settings/"


def get(client, path=URL):
    return client.get(path, HTTP_HOST=HOST)


def post(client, path, data=None):
    return client.post(path, data or {}, HTTP_HOST=HOST, follow=True)


def test_the_page_needs_a_signed_in_workspace_person(client, personas):
    assert get(client).status_code == 302
    nobody = make_user("nobody")
    sign_in_verified(client, nobody)
    assert get(client).status_code == 403
    assert post(client, URL + "choices/", {"way-other-email": "on"}).status_code == 403
    assert not NoticeProfile.objects.filter(user=nobody).exists()


def test_linking_bale_from_the_page(client, personas, notice_bot, bale):
    sign_in_verified(client, personas.own_staff)
    html = get(client).content.decode()
    assert "حساب بله پیوند ندارد" in html and "پیوند با بله" in html
    html = post(client, URL + "bale/link/").content.decode()
    assert 'href="https://ble.ir/hz_notice_bot?start=' in html
    code = html.split("?start=", 1)[1].split('"', 1)[0]
    bale.user_says(CHAT, f"/start {code}")
    linking.poll_all()
    html = get(client).content.decode()
    assert "پیوند دارد" in html and "?start=" not in html  # the link is shown once
    html = post(client, URL + "bale/unlink/").content.decode()
    assert "پیوند حساب بله برداشته شد" in html
    assert NoticeProfile.objects.get(user=personas.own_staff).bale_chat_id == ""


def test_sms_number_add_verify_and_dead_status_on_the_page(client, personas, notice_bot, kave):
    sign_in_verified(client, personas.own_staff)
    html = post(client, URL + "sms/", {"number": "۰۹۱۲۱۲۳۴۵۶۷"}).content.decode()
    assert "کد تأیید پیامک شد" in html and "۰۹۱۲۱۲۳۴۵۶۷" in html
    code = kave.to("09121234567")[-1].split(":")[-1].strip()
    html = post(client, URL + "sms/verify/", {"code": code}).content.decode()
    assert "شمارهٔ همراه تأیید شد" in html and "تأیید شده است" in html
    NoticeProfile.objects.filter(user=personas.own_staff).update(
        sms_problem="شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید.", sms_verified_at=None)
    html = get(client).content.decode()
    assert "شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید" in html and "تأیید دوباره" in html
    html = post(client, URL + "sms/remove/").content.decode()
    assert "شمارهٔ همراه برداشته شد" in html


def test_the_matrix_quiet_hours_and_digest_are_saved(client, personas):
    sign_in_verified(client, personas.own_staff)
    post(client, URL + "choices/", {"way-returned-bale": "on", "way-task-sms": "on", "way-task-email": "on",
                                    "quiet_from": "۲۲:۳۰", "quiet_to": "۰۶:۰۰", "digest": "on"})
    profile = NoticeProfile.objects.get(user=personas.own_staff)
    assert profile.choices["returned"] == ["bale"] and profile.choices["task"] == ["email", "sms"]
    assert profile.choices["other"] == [] and profile.digest
    assert str(profile.quiet_from) == "22:30:00" and str(profile.quiet_to) == "06:00:00"
    assert profile.council_id == personas.council.pk
    html = get(client).content.decode()
    assert 'value="۲۲:۳۰"' in html and 'name="way-returned-bale" aria-label' in html


@pytest.mark.parametrize("field,value", [
    ("quiet_from", "25:99"), ("quiet_from", "ab\x00c"), ("quiet_from", "۱" * 300), ("quiet_from", str(2**70)),
])
def test_bad_quiet_hours_get_a_persian_message(client, personas, field, value):
    sign_in_verified(client, personas.own_staff)
    response = post(client, URL + "choices/", {field: value, "quiet_to": "07:00"})
    assert response.status_code == 200 and "ساعت" in response.content.decode()
    assert not NoticeProfile.objects.filter(user=personas.own_staff, quiet_to__isnull=False).exists()


@pytest.mark.parametrize("value", ["\x00", "۹" * 400, str(2**70), "<script>"])
def test_bad_numbers_and_codes_never_500(client, personas, notice_bot, kave, value):
    sign_in_verified(client, personas.own_staff)
    for path, field in (("sms/", "number"), ("sms/verify/", "code")):
        response = post(client, URL + path, {field: value})
        assert response.status_code == 200
        assert "msg-error" in response.content.decode()
    assert kave.sent == []


def test_a_council_without_a_notice_bot_says_so(client, personas):
    sign_in_verified(client, personas.own_staff)
    html = get(client).content.decode()
    assert "ربات اعلان‌های این شورا هنوز تنظیم نشده است" in html
    html = post(client, URL + "bale/link/").content.decode()
    assert "هنوز تنظیم نشده است" in html


def test_one_sees_and_changes_only_ones_own_settings(client, personas, notice_bot, bale, kave):
    link(personas.own_staff, bale, personas.council.pk)
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234567")
    code = kave.to("09121234567")[-1].split(":")[-1].strip()
    sign_in_verified(client, personas.other_staff)
    html = get(client).content.decode()
    assert "۰۹۱۲۱۲۳۴۵۶۷" not in html and "پیوند دارد" not in html
    # Tampered requests: another person's id, and their SMS code, change nothing of theirs.
    post(client, URL + "bale/unlink/", {"user": personas.own_staff.pk, "user_id": personas.own_staff.pk})
    post(client, URL + "sms/verify/", {"code": code, "user_id": personas.own_staff.pk})
    post(client, URL + "choices/", {"user_id": personas.own_staff.pk, "way-returned-sms": "on"})
    own = NoticeProfile.objects.get(user=personas.own_staff)
    assert own.bale_chat_id == str(CHAT) and own.sms_verified_at is None and own.choices == {}
    assert NoticeProfile.objects.get(user=personas.other_staff).sms_number == ""
    # The own person's code still works for them (it was not used up by the other's try).
    assert actions.do_verify_sms(personas.own_staff, code) == "09121234567"


def test_a_person_of_another_council_cannot_link_through_this_councils_bot(client, personas, notice_bot):
    outsider_council = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir")
    assert outsider_council.pk
    sign_in_verified(client, personas.pending_supporting_staff)
    html = post(client, URL + "bale/link/").content.decode()  # on the Khuzestan host
    assert "شما در این شورا کار نمی‌کنید" in html and "?start=" not in html
    assert not NoticeProfile.objects.filter(user=personas.pending_supporting_staff).exclude(bale_chat_id="").exists()


def test_the_back_office_saves_the_bot_token_encrypted(client, personas):
    from hamafza.notifications.models import NoticeConfig

    client.force_login(personas.admin)
    sign_in_verified(client, personas.admin)
    response = client.post("/admin/notifications/noticeconfig/add/", {
        "council": personas.council.pk, "bale_username": "@hz_notice_bot", "bale_token": "777:NOTICEBOTTOKENSECRET",
        "sms_sender": "۱۰۰۰۴۳۴۶", "sms_api_key": "KAVE-KEY-0123456789", "enabled": "on"}, HTTP_HOST=HOST)
    assert response.status_code == 302, response.content.decode()[:2000]
    config = NoticeConfig.objects.get(council=personas.council)
    assert config.bale_username == "hz_notice_bot" and config.sms_sender == "10004346"
    assert "NOTICEBOT" not in config.bale_token_encrypted and config.get_bale_token() == "777:NOTICEBOTTOKENSECRET"
    page = client.get(f"/admin/notifications/noticeconfig/{config.pk}/change/", HTTP_HOST=HOST).content.decode()
    assert "NOTICEBOTTOKENSECRET" not in page and "KAVE-KEY-0123456789" not in page
