"""Staff notices where staff live (issue 15, item 3), end to end against a local fake of Bale's
Bot API (getUpdates/sendMessage: tests/fakes/messengers.py) and of Kavenegar (tests/fakes/kavenegar.py):
deep link → «/start <code>» → linked; choices, quiet hours and the digest honoured; a returned
item reaches the Bale chat once; dead numbers and blocked bots shown; codes single-use, expiring,
bound to their person and council."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from hamafza.newsroom import actions as news
from hamafza.notifications import actions, linking, notify, worker
from hamafza.notifications.models import NoticeCode, NoticeConfig, NoticeProfile, NoticeSend
from tests import factories

from .conftest import NOTICE_TOKEN

TEHRAN = ZoneInfo("Asia/Tehran")
CHAT = 4242


def link(person, bale, council_id, chat=CHAT) -> str:
    url = actions.do_start_bale_link(person, council_id)
    code = url.split("start=", 1)[1]
    bale.user_says(chat, f"/start {code}")
    linking.poll_all()
    return code


def choose(person, council_id, **groups):
    data = {f"way-{group}-{via}": "on" for group, vias in groups.items() for via in vias}
    return actions.do_save_choices(person, council_id, data)


def returned_item(personas, django_capture_on_commit_callbacks, title="خبر برگشتی"):
    item = news.do_create_draft(personas.own_staff, personas.own, {"title": title, "lead": "لید"})
    item = news.do_submit(personas.own_staff, item)
    with django_capture_on_commit_callbacks(execute=True):
        news.do_return(personas.own_head, item, "عکس را عوض کنید")
    return item


# --- linking Bale ------------------------------------------------------------------------------

def test_deep_link_then_start_code_links_the_chat(personas, notice_bot, bale):
    url = actions.do_start_bale_link(personas.own_staff, personas.council.pk)
    assert url.startswith("https://ble.ir/hz_notice_bot?start=")
    code = url.split("start=", 1)[1]
    stored = NoticeCode.objects.get(user=personas.own_staff)
    assert code not in stored.code_hash and len(stored.code_hash) == 64  # hashed at rest
    update_id = bale.user_says(CHAT, f"/start {code}")
    assert linking.poll_all() == 1
    profile = NoticeProfile.objects.get(user=personas.own_staff)
    assert profile.bale_chat_id == str(CHAT) and profile.bale_council_id == personas.council.pk
    assert "پیوند خورد" in bale.sent_to(CHAT)[-1]
    # The offset is kept in the database: the next poll confirms the update and reads nothing new.
    config = NoticeConfig.objects.get(council=personas.council)
    assert config.bale_offset == update_id + 1
    assert linking.poll_all() == 0
    assert bale.update_calls[-1]["offset"] == config.bale_offset and bale.updates == []


def test_the_token_is_encrypted_at_rest(personas, notice_bot):
    config = NoticeConfig.objects.get(council=personas.council)
    assert NOTICE_TOKEN not in config.bale_token_encrypted and config.get_bale_token() == NOTICE_TOKEN
    assert "KAVE" not in config.sms_api_key_encrypted and config.bale_token_hint.startswith("777:")


def test_a_code_works_once(personas, notice_bot, bale):
    code = link(personas.own_staff, bale, personas.council.pk)
    bale.user_says(9999, f"/start {code}")  # someone else replays the link
    linking.poll_all()
    assert NoticeProfile.objects.get(user=personas.own_staff).bale_chat_id == str(CHAT)
    assert not NoticeProfile.objects.filter(bale_chat_id="9999").exists()
    assert "نامعتبر" in bale.sent_to(9999)[-1]


def test_a_code_expires(personas, notice_bot, bale, time_machine):
    url = actions.do_start_bale_link(personas.own_staff, personas.council.pk)
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=31))
    bale.user_says(CHAT, "/start " + url.split("start=", 1)[1])
    linking.poll_all()
    assert not NoticeProfile.objects.filter(user=personas.own_staff).exclude(bale_chat_id="").exists()


def test_a_fresh_code_voids_the_earlier_one(personas, notice_bot, bale):
    first = actions.do_start_bale_link(personas.own_staff, personas.council.pk).split("start=", 1)[1]
    actions.do_start_bale_link(personas.own_staff, personas.council.pk)
    bale.user_says(CHAT, f"/start {first}")
    linking.poll_all()
    assert not NoticeProfile.objects.filter(user=personas.own_staff).exclude(bale_chat_id="").exists()


def test_a_code_of_one_council_does_not_work_on_another_councils_bot(personas, notice_bot, bale):
    other_council = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir")
    other = actions.do_configure(personas.admin, other_council.pk, bale_username="bsh_bot", bale_token="888:OTHERCOUNCILBOT")
    code = actions.do_start_bale_link(personas.own_staff, personas.council.pk).split("start=", 1)[1]
    update = {"update_id": 1, "message": {"text": f"/start {code}", "chat": {"id": CHAT, "type": "private"}}}
    assert linking.handle_update(other, update) == "refused"
    assert linking.handle_update(NoticeConfig.objects.get(council=personas.council), update) == "linked"


def test_one_cannot_link_through_a_council_one_does_not_work_in(personas, notice_bot):
    other_council = factories.make_council(personas.pending_supporting, [], hostname="bsh.example.ir")
    actions.do_configure(personas.admin, other_council.pk, bale_username="bsh_bot", bale_token="888:OTHERCOUNCILBOT")
    with pytest.raises(actions.NoticeError):
        actions.do_start_bale_link(personas.own_staff, other_council.pk)
    with pytest.raises(PermissionError):
        actions.do_configure(personas.own_head, personas.council.pk, bale_token="999:MINE")


def test_group_messages_and_strangers_are_ignored(personas, notice_bot):
    config = NoticeConfig.objects.get(council=personas.council)
    code = linking.new_code(personas.own_staff, personas.council.pk, "bale")
    group = {"update_id": 1, "message": {"text": f"/start {code}", "chat": {"id": -100, "type": "group"}}}
    assert linking.handle_update(config, group) == "ignored"
    assert linking.handle_update(config, {"update_id": 2, "message": {"text": "سلام", "chat": {"id": 5}}}) == "ignored"


def test_stop_in_the_chat_unlinks_and_so_does_the_settings_page(personas, notice_bot, bale):
    link(personas.own_staff, bale, personas.council.pk)
    bale.user_says(CHAT, "/stop")
    linking.poll_all()
    assert NoticeProfile.objects.get(user=personas.own_staff).bale_chat_id == ""
    link(personas.own_staff, bale, personas.council.pk)
    assert actions.do_unlink_bale(personas.own_staff) is True
    assert NoticeProfile.objects.get(user=personas.own_staff).bale_chat_id == ""
    assert actions.do_unlink_bale(personas.own_staff) is False


# --- sending -----------------------------------------------------------------------------------

def test_a_returned_item_reaches_the_bale_chat_with_a_link_to_the_council_host(
        personas, notice_bot, bale, django_capture_on_commit_callbacks):
    link(personas.own_staff, bale, personas.council.pk)
    choose(personas.own_staff, personas.council.pk, returned=["bale"])
    mail.outbox.clear()
    item = returned_item(personas, django_capture_on_commit_callbacks)
    texts = [t for t in bale.sent_to(CHAT) if "برگشتی" in t]
    assert len(texts) == 1
    assert "برای اصلاح برگرداند" in texts[0] and f"http://khz.example.ir/workspace/items/{item.pk}/" in texts[0]
    assert "عکس را عوض کنید" in texts[0]
    assert not [m for m in mail.outbox if personas.own_staff.email in m.to]  # e-mail not chosen for returned items
    assert NoticeSend.objects.get(via="bale").state == "sent"


def test_choices_per_kind_are_honoured(personas, notice_bot, bale, kave, django_capture_on_commit_callbacks):
    link(personas.own_staff, bale, personas.council.pk)
    actions.do_start_sms(personas.own_staff, personas.council.pk, "۰۹۱۲۱۲۳۴۵۶۷")
    actions.do_verify_sms(personas.own_staff, kave.to("09121234567")[-1].split(":")[-1].strip())
    choose(personas.own_staff, personas.council.pk, returned=["sms", "email"], task=["bale"], other=["email"])
    mail.outbox.clear()
    returned_item(personas, django_capture_on_commit_callbacks)
    assert len(kave.to("09121234567")) == 2 and "برگرداند" in kave.to("09121234567")[-1]
    assert len([m for m in mail.outbox if personas.own_staff.email in m.to]) == 1
    assert not [t for t in bale.sent_to(CHAT) if "برگرداند" in t]
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_staff], "task_due", subject="گزارش فصلی")
    assert "گزارش فصلی" in bale.sent_to(CHAT)[-1]
    with django_capture_on_commit_callbacks(execute=True):  # "other" kinds: e-mail by default
        notify([personas.own_staff], "published", subject="x")
    assert len([m for m in mail.outbox if personas.own_staff.email in m.to]) == 2


def test_workspace_only_sends_nothing_but_the_inbox_keeps_the_record(personas, notice_bot, bale,
                                                                     django_capture_on_commit_callbacks):
    choose(personas.own_staff, personas.council.pk)  # nothing ticked
    mail.outbox.clear()
    returned_item(personas, django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if personas.own_staff.email in m.to]
    assert not NoticeSend.objects.filter(user=personas.own_staff).exists()
    assert personas.own_staff.notifications.filter(kind="returned").count() == 1


def test_quiet_hours_hold_a_notice_until_they_end(personas, notice_bot, bale, time_machine,
                                                  django_capture_on_commit_callbacks):
    link(personas.own_staff, bale, personas.council.pk)
    profile = choose(personas.own_staff, personas.council.pk, task=["bale"])
    actions.do_save_choices(personas.own_staff, personas.council.pk,
                            {"way-task-bale": "on", "quiet_from": "۲۲:۰۰", "quiet_to": "07:30"})
    time_machine.move_to(dt.datetime(2026, 12, 5, 23, 10, tzinfo=TEHRAN), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_staff], "task_overdue", subject="وظیفهٔ شبانه")
    assert not [t for t in bale.sent_to(CHAT) if "شبانه" in t]
    row = NoticeSend.objects.get(via="bale")
    assert row.due_at == dt.datetime(2026, 12, 6, 7, 30, tzinfo=TEHRAN)
    time_machine.move_to(dt.datetime(2026, 12, 6, 7, 31, tzinfo=TEHRAN), tick=False)
    assert worker.send_due() == 1
    assert [t for t in bale.sent_to(CHAT) if "شبانه" in t]
    assert profile.pk


def test_the_daily_digest_sends_one_message(personas, notice_bot, bale, time_machine, settings,
                                            django_capture_on_commit_callbacks):
    settings.NOTICES = {**settings.NOTICES, "DIGEST_HOUR": 8}
    link(personas.own_staff, bale, personas.council.pk)
    actions.do_save_choices(personas.own_staff, personas.council.pk,
                            {"way-task-bale": "on", "way-other-bale": "on", "digest": "on"})
    time_machine.move_to(dt.datetime(2026, 12, 5, 12, 0, tzinfo=TEHRAN), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_staff], "task_due", subject="یکم")
        notify([personas.own_staff], "task_overdue", subject="دوم")
        notify([personas.own_staff], "published", subject="سوم")
    before = len(bale.sent_to(CHAT))
    assert worker.send_due() == 0
    time_machine.move_to(dt.datetime(2026, 12, 6, 8, 0, 5, tzinfo=TEHRAN), tick=False)
    assert worker.send_due() == 1
    sent = bale.sent_to(CHAT)[before:]
    assert len(sent) == 1 and all(word in sent[0] for word in ("یکم", "دوم", "سوم", "خلاصه", "۳"))
    assert set(NoticeSend.objects.values_list("state", flat=True)) == {"sent"}


def test_two_claims_of_one_row_send_once(personas, notice_bot, bale, settings, django_capture_on_commit_callbacks):
    settings.NOTICES = {**settings.NOTICES, "SEND_ON_COMMIT": False}
    link(personas.own_staff, bale, personas.council.pk)
    choose(personas.own_staff, personas.council.pk, returned=["bale"])
    returned_item(personas, django_capture_on_commit_callbacks)
    row = NoticeSend.objects.get(via="bale")
    now = timezone.now()
    first = worker.claim_row(row.pk, row.user_id, row.via, row.digest, now)
    second = worker.claim_row(row.pk, row.user_id, row.via, row.digest, now)  # a second worker, same row
    assert first and second is None
    worker.send_due()  # a pass of the second worker: the row is the first worker's
    assert NoticeSend.objects.get(pk=row.pk).claim == first and not [t for t in bale.sent_to(CHAT) if "برگشتی" in t]
    assert worker._send_claimed(first, row.user_id, row.via, row.digest) == 1
    assert len([t for t in bale.sent_to(CHAT) if "برگشتی" in t]) == 1


# --- gateway errors ----------------------------------------------------------------------------

def test_a_blocked_bot_is_shown_and_not_retried(personas, notice_bot, bale, django_capture_on_commit_callbacks):
    link(personas.own_staff, bale, personas.council.pk)
    choose(personas.own_staff, personas.council.pk, task=["bale"])
    bale.blocked_chats.add(str(CHAT))
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_staff], "task_due", subject="یک")
    profile = NoticeProfile.objects.get(user=personas.own_staff)
    assert "مسدود" in profile.bale_problem and not profile.bale_ready
    assert NoticeSend.objects.get(user=personas.own_staff).state == "failed"
    calls = len(bale.requests)
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_staff], "task_due", subject="دو")
    assert len(bale.requests) == calls  # nothing more is sent to a blocked chat
    link(personas.own_staff, bale, personas.council.pk)  # linking again clears the problem
    assert NoticeProfile.objects.get(user=personas.own_staff).bale_problem == ""


def test_a_dead_number_is_shown_and_not_retried(personas, notice_bot, kave, django_capture_on_commit_callbacks):
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234567")
    actions.do_verify_sms(personas.own_staff, kave.to("09121234567")[-1].split(":")[-1].strip())
    choose(personas.own_staff, personas.council.pk, returned=["sms"])
    kave.dead.add("09121234567")  # the number stops taking SMS
    returned_item(personas, django_capture_on_commit_callbacks)
    profile = NoticeProfile.objects.get(user=personas.own_staff)
    assert profile.sms_problem == "شمارهٔ شما پیامک دریافت نمی‌کند؛ دوباره تأیید کنید."
    assert profile.sms_verified_at is None and NoticeSend.objects.get(user=personas.own_staff).state == "failed"
    assert len(kave.requests) == 2  # the code and the one failed notice: no retries


def test_a_gateway_that_does_not_answer_is_retried_then_given_up(personas, notice_bot, kave, settings,
                                                                django_capture_on_commit_callbacks):
    settings.NOTICES = {**settings.NOTICES, "MAX_ATTEMPTS": 3}
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234567")
    actions.do_verify_sms(personas.own_staff, kave.to("09121234567")[-1].split(":")[-1].strip())
    choose(personas.own_staff, personas.council.pk, returned=["sms"])
    kave.script("500", "500", "500", "500")
    returned_item(personas, django_capture_on_commit_callbacks)
    assert NoticeSend.objects.get(user=personas.own_staff).state == "pending"
    worker.send_due()
    worker.send_due()
    row = NoticeSend.objects.get(user=personas.own_staff)
    assert row.state == "failed" and row.attempts == 2
    assert NoticeProfile.objects.get(user=personas.own_staff).sms_problem == ""  # not the person's fault


# --- SMS numbers -------------------------------------------------------------------------------

def test_sms_verification_code_works_once_and_expires(personas, notice_bot, kave, time_machine):
    assert actions.do_start_sms(personas.own_staff, personas.council.pk, "+98 912 123 4567") == "09121234567"
    code = kave.to("09121234567")[-1].split(":")[-1].strip()
    assert len(code) == 6 and code not in NoticeCode.objects.get(user=personas.own_staff).code_hash
    with pytest.raises(actions.NoticeError):
        actions.do_verify_sms(personas.other_staff, code)  # another person's code is not theirs
    assert actions.do_verify_sms(personas.own_staff, code) == "09121234567"
    with pytest.raises(actions.NoticeError):
        actions.do_verify_sms(personas.own_staff, code)
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234568")
    late = kave.to("09121234568")[-1].split(":")[-1].strip()
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=11))
    with pytest.raises(actions.NoticeError):
        actions.do_verify_sms(personas.own_staff, late)
    assert NoticeProfile.objects.get(user=personas.own_staff).sms_number == "09121234567"


def test_wrong_sms_codes_void_the_code_after_a_few_tries(personas, notice_bot, kave):
    actions.do_start_sms(personas.own_staff, personas.council.pk, "09121234567")
    code = kave.to("09121234567")[-1].split(":")[-1].strip()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(actions.NoticeError):
            actions.do_verify_sms(personas.own_staff, wrong)
    with pytest.raises(actions.NoticeError):
        actions.do_verify_sms(personas.own_staff, code)


def test_a_bad_or_dead_number_gets_a_persian_message(personas, notice_bot, kave):
    with pytest.raises(actions.NoticeError, match="۰۹۱۲"):
        actions.do_start_sms(personas.own_staff, personas.council.pk, "12345")
    with pytest.raises(actions.NoticeError, match="پیامک دریافت نمی‌کند"):
        actions.do_start_sms(personas.own_staff, personas.council.pk, "09120000000")
    assert not NoticeCode.objects.filter(used_at__isnull=True).exists()


def test_figures_sent_for_approval_reach_the_head_by_sms(personas, notice_bot, kave, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from hamafza.reporting import actions as reporting
    from hamafza.reporting.models import Indicator

    actions.do_start_sms(personas.own_head, personas.council.pk, "09131234567")
    actions.do_verify_sms(personas.own_head, kave.to("09131234567")[-1].split(":")[-1].strip())
    choose(personas.own_head, personas.council.pk, figure=["sms"])
    indicator = Indicator.objects.create(agency=personas.own, name="جابه‌جایی مسافر", unit=Indicator.Unit.PASSENGER,
                                         aggregation="sum", yearly_target=Decimal(1200), is_public=True)
    reporting.do_enter_value(personas.own_staff, indicator, 1405, 7, "۱۲۳", today=(1405, 9))
    with django_capture_on_commit_callbacks(execute=True):
        assert reporting.do_submit(personas.own_staff, personas.own.id, 1405) == 1
    note = personas.own_head.notifications.get(kind="figure_approve")
    assert "برای تأیید شما فرستاد" in note.sentence and note.url.startswith("/workspace/reporting/")
    assert "۱ رقم شاخص" in kave.to("09131234567")[-1] and "khz.example.ir/workspace/reporting/" in kave.to("09131234567")[-1]


def test_a_mention_in_a_comment_reaches_the_named_person_by_bale(personas, notice_bot, bale,
                                                                  django_capture_on_commit_callbacks):
    link(personas.own_head, bale, personas.council.pk)
    choose(personas.own_head, personas.council.pk, mention=["bale"])
    item = news.do_create_draft(personas.own_staff, personas.own, {"title": "خبر با نام‌بردن", "lead": "لید"})
    with django_capture_on_commit_callbacks(execute=True):
        news.do_add_comment(personas.own_staff, item, "@own_head لطفاً عکس را ببینید؛ @other_staff هم")
    assert personas.own_head.notifications.filter(kind="mentioned").count() == 1
    assert not personas.own_head.notifications.filter(kind="commented").exists()
    assert not personas.other_staff.notifications.exists()  # may not read this draft: not told
    assert "از شما نام برد" in bale.sent_to(CHAT)[-1] and "خبر با نام‌بردن" in bale.sent_to(CHAT)[-1]
