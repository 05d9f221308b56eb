"""The e-mail newsletter against a real SMTP server on 127.0.0.1 (aiosmtpd): double opt-in,
instant e-mails, the daily Jalali digest and one-click unsubscribe."""

import datetime as dt
import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from hamafza.distribution import worker
from hamafza.distribution.models import Subscriber
from hamafza.distribution.newsletter import send_due_digests
from hamafza.persian.jalali import TEHRAN
from tests import factories

from .conftest import make_channel

pytestmark = pytest.mark.django_db
HOST = "khz.example.ir"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def bodies(self, n=-1) -> str:
        msg = self.messages[n]
        return msg.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp(settings):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def subscribe(client, **form):
    data = {"email": "reader@example.ir", "scope": "all", "frequency": "daily", **form}
    return client.post(reverse("portal:newsletter"), data, HTTP_HOST=HOST)


def confirm_link(inbox) -> str:
    return re.search(r"https?://\S+/newsletter/confirm/\S+/", inbox.bodies()).group(0)


def test_double_opt_in_then_digest_then_one_click_unsubscribe(client, world, smtp, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 10, 0, tzinfo=TEHRAN), tick=False)
    r = subscribe(client, scope=f"agency:{world['B'].slug}")
    assert r.status_code == 200 and "پیوند تأیید" in r.content.decode()
    assert len(smtp.messages) == 1 and "تأیید عضویت" in smtp.messages[0]["Subject"]
    sub = Subscriber.objects.get()
    assert sub.confirmed_at is None
    link = confirm_link(smtp)
    path = link.split(HOST, 1)[1]
    assert client.get(path, HTTP_HOST=HOST).status_code == 200  # a scanner opening the link confirms nothing
    sub.refresh_from_db()
    assert sub.confirmed_at is None
    assert client.post(path, HTTP_HOST=HOST).status_code == 200
    sub.refresh_from_db()
    assert sub.active

    # News of B (followed) and of C (not followed); the digest goes after 18:00 Tehran time.
    time_machine.move_to(dt.datetime(2026, 11, 26, 12, 0, tzinfo=TEHRAN), tick=False)
    factories.make_item(world["B"], title="خبر راهداری برای چکیده", published_at=timezone.now() + dt.timedelta(hours=1))
    factories.make_item(world["C"], title="خبر راه‌آهن بیرون از چکیده", published_at=timezone.now() + dt.timedelta(hours=1))
    time_machine.move_to(dt.datetime(2026, 11, 26, 17, 0, tzinfo=TEHRAN), tick=False)
    assert send_due_digests() == 0  # before the hour
    time_machine.move_to(dt.datetime(2026, 11, 26, 18, 30, tzinfo=TEHRAN), tick=False)
    assert send_due_digests() == 1
    assert send_due_digests() == 0  # once a day
    digest = smtp.messages[-1]
    text = smtp.bodies()
    assert "خبر راهداری برای چکیده" in text and "بیرون از چکیده" not in text
    assert "آذر" in digest["Subject"] and not re.search(r"[0-9]", digest["Subject"])
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = digest["List-Unsubscribe"].strip("<>")

    # One click from a mail client: a POST with no session and no CSRF token.
    from django.test import Client

    r = Client(enforce_csrf_checks=True).post(unsubscribe_url.split(HOST, 1)[1], {"List-Unsubscribe": "One-Click"},
                                              HTTP_HOST=HOST)
    assert r.status_code == 200
    sub.refresh_from_db()
    assert not sub.active
    time_machine.move_to(dt.datetime(2026, 11, 27, 19, 0, tzinfo=TEHRAN), tick=False)
    factories.make_item(world["B"], title="خبر پس از لغو")
    count = len(smtp.messages)
    send_due_digests()
    assert len(smtp.messages) == count


def test_instant_subscribers_get_each_item_through_the_email_channel(client, world, smtp):
    make_channel(None, council=world["council"], kind="email", chat_id="", token="", name="خبرنامه")
    from hamafza.distribution.models import ChannelDefault, Channel

    ChannelDefault.objects.create(agency=world["A"], channel=Channel.objects.get(kind="email"))
    subscribe(client, frequency="instant")
    path = confirm_link(smtp).split(HOST, 1)[1]
    client.post(path, HTTP_HOST=HOST)
    factories.make_item(world["A"], title="خبر فوری خبرنامه")
    worker.send_due(10)
    msg = smtp.messages[-1]
    assert msg["Subject"] == "خبر فوری خبرنامه" and msg["List-Unsubscribe"]


def test_an_unconfirmed_address_gets_nothing(client, world, smtp, time_machine):
    subscribe(client)
    time_machine.move_to(dt.datetime(2026, 11, 26, 19, 0, tzinfo=TEHRAN), tick=False)
    factories.make_item(world["A"], title="خبر")
    send_due_digests()
    assert len(smtp.messages) == 1  # the confirmation only


def test_bad_input_gets_a_persian_message_and_keeps_the_form(client, world, smtp):
    r = subscribe(client, email="not-an-address", scope="agency:no-such-agency")
    html = r.content.decode()
    assert r.status_code == 400 and "نشانی رایانامهٔ درستی نیست" in html and "این دستگاه در این شورا نیست" in html
    assert "not-an-address" in html and not Subscriber.objects.exists() and smtp.messages == []


def test_an_agency_of_another_council_cannot_be_chosen(client, world, smtp):
    r = subscribe(client, scope=f"agency:{world['D'].slug}")
    assert r.status_code == 400 and not Subscriber.objects.exists()


def test_a_bad_token_is_404(client, world):
    assert client.get("/newsletter/confirm/nothing/", HTTP_HOST=HOST).status_code == 404
    assert client.post("/newsletter/unsubscribe/nothing/", HTTP_HOST=HOST).status_code == 404
