"""Defect 15 of issue 13: a notice's excerpt never doubles the guillemets. The system's own
sentences carry guillemets around names and are shown as they are; a person's words are quoted."""

from django.core import mail

from hamafza.notifications import notify
from hamafza.notifications.excerpts import excerpt
from tests.personas import sign_in_verified

BOOKING = "«راه‌آهن جنوب» «عکاس ستاد» را برای ۵ آذر تا ۱۲:۰۰ رزرو کرد: پوشش افتتاح"


def test_a_system_sentence_is_not_quoted_again(client, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.own_head], "booking", actor=personas.own_staff, subject="عکاس ستاد", url="/workspace/", text=BOOKING)
    sign_in_verified(client, personas.own_head)
    html = client.get("/workspace/").content.decode()
    assert "««" not in html and "&laquo;&laquo;" not in html
    assert f'<span class="note-text">{BOOKING}</span>' in html
    body = mail.outbox[-1].body
    assert "««" not in body and BOOKING in body


def test_a_persons_words_are_quoted_once_and_cut_with_an_ellipsis():
    assert excerpt("commented", "  عکس را  عوض کنید ") == "«عکس را عوض کنید»"
    long = excerpt("returned", "الف " * 100)
    assert long.startswith("«") and long.endswith("…»") and len(long) == 142
    assert excerpt("booking", BOOKING) == BOOKING
    assert excerpt("help_closed", "") == ""
