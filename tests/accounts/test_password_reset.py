import re

import pytest
from django.core import mail

from tests.personas import PASSWORD

pytestmark = pytest.mark.usefixtures("locmem_mail")


@pytest.fixture
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body).group(1)


def test_the_reset_mail_is_written_in_persian_with_text_and_html(client, personas):
    response = client.post("/accounts/password/reset/", {"email": "own_staff@example.ir"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["own_staff@example.ir"]
    assert message.subject == "بازیابی گذرواژه هم‌افزا"
    assert "own_staff" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'dir="rtl"' in html and reset_link(message) in html


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, personas):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.ir"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(client, personas):
    client.post("/accounts/password/reset/", {"email": "own_staff@example.ir"})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    new = "رمز-تازه-و-بلند-۹۸۷"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/password/reset/done/"
    personas.own_staff.refresh_from_db()
    assert personas.own_staff.check_password(new) and not personas.own_staff.check_password(PASSWORD)
    again = client.get(link, follow=True)
    assert "این پیوند معتبر نیست" in again.content.decode()


def test_a_forged_link_is_refused_in_persian(client, personas):
    response = client.get("/accounts/password/reset/MQ/abc-def/")
    assert response.status_code == 200
    assert "این پیوند معتبر نیست" in response.content.decode()
