"""A channel's health: the bot's rights checked before a post, a channel that fails every send
paused once (and resumed by a head), a dead sender's claims found within seconds, and the
workspace-wide list of deliveries that need a person."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hamafza.audit.models import AuditEvent
from hamafza.distribution import actions, worker
from hamafza.distribution.models import Channel, Delivery, SenderLease
from tests import factories
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

from .conftest import make_channel

pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy
St = Delivery.State


# --- «بررسی ربات» ---------------------------------------------------------------------------------

def test_the_bot_check_says_when_the_bot_is_not_admin_of_the_chat(personas, bot):
    bot.member_chats.add("@hz_member")
    channel = make_channel(personas.own, chat_id="@hz_member")
    ok, message = actions.do_test_channel(personas.own_head, channel)
    assert ok is False and "مدیر این کانال نیست" in message and "عضو ساده" in message
    channel.refresh_from_db()
    assert channel.last_test_ok is False


def test_the_bot_check_passes_for_an_admin(personas, bot):
    channel = make_channel(personas.own)
    ok, message = actions.do_test_channel(personas.own_head, channel)
    assert ok and "اجازهٔ فرستادن پیام دارد" in message


def test_only_the_channels_manager_may_test_it(personas, bot):
    channel = make_channel(personas.own)
    with pytest.raises(PermissionDenied):
        actions.do_test_channel(personas.own_staff, channel)


# --- pausing a channel that fails every send ---------------------------------------------------

def test_a_channel_failing_every_send_is_paused_once_and_a_head_resumes_it(personas, bot, settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "PAUSE_AFTER_FAILURES": 3}
    channel = make_channel(personas.own, token="999:WRONG")
    items = [factories.make_item(personas.own) for _ in range(6)]
    worker.send_due(20)
    channel.refresh_from_db()
    assert channel.paused_at is not None and "توکن ربات نادرست" in channel.pause_reason
    states = [Delivery.objects.get(item=i).state for i in items]
    assert states.count(St.FAILED) == 3 and states.count(St.QUEUED) == 3  # the rest wait
    paused_mails = [m for m in mailoutbox if "متوقف" in m.subject]
    assert len(paused_mails) == 1 and paused_mails[0].to == ["own_head@example.ir"]
    mails = len(mailoutbox)
    factories.make_item(personas.own)
    worker.send_due(20)
    assert len(mailoutbox) == mails  # no mail per new item while paused

    with pytest.raises(PermissionDenied):
        actions.do_resume_channel(personas.own_staff, channel)
    from hamafza.distribution import unchecked

    unchecked.store_channel(channel, token="123:GOOD")  # the head fixed the token
    assert actions.do_resume_channel(personas.own_head, channel)
    worker.send_due(20)
    assert Delivery.objects.filter(channel=channel, state=St.SENT).count() == 4
    channel.refresh_from_db()
    assert channel.paused_at is None and channel.failures_in_row == 0
    assert AuditEvent.objects.filter(action="channel.resumed", council_id=personas.council.pk).exists()


def test_a_paused_channel_shows_on_its_page_with_the_resume_button(client, personas):
    channel = make_channel(personas.own)
    Channel.objects.filter(pk=channel.pk).update(paused_at=worker.timezone.now(), pause_reason="دلیل آزمایشی")
    sign_in_verified(client, personas.own_head)
    html = client.get(reverse("workspace:distribution:channel", args=[channel.pk])).content.decode()
    assert "دلیل آزمایشی" in html and reverse("workspace:distribution:channel_resume", args=[channel.pk]) in html
    assert client.post(reverse("workspace:distribution:channel_resume", args=[channel.pk])).status_code == 302
    channel.refresh_from_db()
    assert channel.paused_at is None


# --- dead sender -------------------------------------------------------------------------------

def test_a_claim_whose_sender_stopped_beating_becomes_unknown_within_seconds(personas, bot, settings):
    settings.DISTRIBUTION = {**settings.DISTRIBUTION, "SENDING_STALE_AFTER": 120.0, "SENDER_LEASE": 3.0}
    make_channel(personas.own)
    item = factories.make_item(personas.own)
    now = worker.timezone.now()
    SenderLease.objects.create(worker="host:dead", seen_at=now - dt.timedelta(seconds=4))
    SenderLease.objects.create(worker="host:alive", seen_at=now)
    Delivery.objects.filter(item=item).update(state=St.SENDING, sending_started_at=now - dt.timedelta(seconds=4),
                                              claimed_by="host:dead")
    other = factories.make_item(personas.own)
    Delivery.objects.filter(item=other).update(state=St.SENDING, sending_started_at=now, claimed_by="host:alive")
    assert worker.sweep_stale() == 1
    assert Delivery.objects.get(item=item).state == St.UNKNOWN
    assert Delivery.objects.get(item=other).state == St.SENDING  # its sender is alive
    assert not SenderLease.objects.filter(worker="host:dead").exists()


def test_the_heartbeat_renews_this_processs_lease(db):
    worker.beat()
    first = SenderLease.objects.get(worker=worker.WORKER_ID).seen_at
    worker.beat(first + dt.timedelta(seconds=1))
    assert SenderLease.objects.get(worker=worker.WORKER_ID).seen_at > first
    worker.end_lease()
    assert not SenderLease.objects.exists()


# --- the workspace-wide list ---------------------------------------------------------------------

@pytest.fixture
def troubled(personas, bot):
    own = make_channel(personas.own, name="کانال راه")
    other = make_channel(personas.other, chat_id="@hz_other", name="کانال راهداری")
    council = make_channel(council=personas.council, chat_id="@hz_council", name="کانال شورا")
    rows = {}
    for key, channel, agency in (("own", own, personas.own), ("other", other, personas.other)):
        item = factories.make_item(agency, title=f"خبر {key}")
        Delivery.objects.filter(item=item).update(state=St.UNKNOWN, last_error="نامعلوم آزمایشی")
        rows[key] = Delivery.objects.get(item=item)
    item = factories.make_item(personas.own, title="خبر شورا")
    from hamafza.distribution.outbox import write_amplify

    write_amplify(item, [council])
    Delivery.objects.filter(item=item, channel=council).update(state=St.FAILED, last_error="خطای آزمایشی")
    rows["council"] = Delivery.objects.get(item=item, channel=council)
    return rows


def test_heads_see_their_agencys_troubles_and_the_secretariat_the_councils(client, personas, troubled):
    url = reverse("workspace:distribution:troubles")
    sign_in_verified(client, personas.own_head)
    html = client.get(url).content.decode()
    assert "خبر own" in html and "خبر other" not in html and "کانال شورا" not in html
    assert "ارسال نشد؛ نفرست" in html and 'class="table dist-table"' in html  # the shared table: cards on a phone
    sign_in_verified(client, personas.secretariat)
    html = client.get(url).content.decode()
    assert "کانال شورا" in html and "خبر own" not in html and "ارسال دوباره به همین مجرا" in html


def test_staff_and_observers_do_not_get_the_list(client, personas, troubled):
    for user in (personas.own_staff, personas.observer):
        sign_in_verified(client, user)
        assert client.get(reverse("workspace:distribution:troubles")).status_code == 403


def test_an_empty_list_says_so(client, personas):
    sign_in_verified(client, personas.own_head)
    assert "ارسال ناموفق یا نامعلومی نیست" in client.get(reverse("workspace:distribution:troubles")).content.decode()


def test_an_action_from_the_list_comes_back_to_it(client, personas, troubled):
    sign_in_verified(client, personas.secretariat)
    r = client.post(reverse("workspace:distribution:retry", args=[troubled["council"].pk]), {"back": "troubles"})
    assert r.status_code == 302 and r["Location"] == reverse("workspace:distribution:troubles")
    assert Delivery.objects.get(pk=troubled["council"].pk).state == St.QUEUED


# --- the action contract -----------------------------------------------------------------------

def test_save_channel_checks_the_stored_owner_and_audits_with_the_council(personas):
    channel = make_channel(personas.other, chat_id="@hz_other")
    channel.agency_id = personas.own.pk  # a tampered owner does not move the channel
    with pytest.raises(PermissionDenied):
        actions.save_channel(personas.own_head, channel)
    fresh = Channel(agency=personas.other, kind="telegram", chat_id="@x_chan", name="x")
    with pytest.raises(PermissionDenied):
        actions.save_channel(personas.own_head, fresh)
    mine = Channel(agency=personas.own, kind="telegram", chat_id="@mine_chan", name="کانال من")
    actions.save_channel(personas.own_head, mine, token="123:GOOD", default_for_agency=True)
    event = AuditEvent.objects.get(action="channel.created")
    assert event.council_id == personas.council.pk and "123:GOOD" not in str(event.after)


def test_item_choices_refuse_a_channel_the_person_may_not_use(personas):
    other = make_channel(personas.other, chat_id="@hz_other")
    item = factories.make_item(personas.own, published=False)
    with pytest.raises(PermissionDenied):
        actions.set_item_choices(personas.own_staff, item, {other.pk: (True, "")})
    with pytest.raises(PermissionDenied):
        actions.set_item_choices(personas.other_staff, item, {})
