"""Defects 1 and 7 of issue 13: a returned item's editor shows the head's reason (not «Comment
object (5)»), and an item's state is named by one vocabulary of states, never by a button."""

import re

import pytest

from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from tests.personas import sign_in_verified

S = NewsItem.Status


@pytest.fixture
def submitted(personas):
    item = actions.do_create_draft(personas.own_staff, personas.own, {
        "title": "بازدید از ایستگاه راه‌آهن اهواز", "lead": "لید خبر", "body": "<p>متن خبر</p>",
    })
    return actions.do_submit(personas.own_staff, item)


def _badge(html: str) -> str:
    return re.search(r'<span class="status status-\w+">([^<]*)</span>', html).group(1)


def test_the_editor_of_a_returned_item_shows_the_heads_reason(client, personas, submitted):
    actions.do_return(personas.own_head, submitted, "عکس اصلی را عوض کنید و نام ایستگاه را بنویسید.")
    # A later remark of the writer does not take the reason's place.
    actions.do_add_comment(personas.own_staff, submitted, "چشم، تا ظهر اصلاح می‌کنم.")
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{submitted.pk}/").content.decode()
    note = re.search(r'<div class="returned-note".*?</div>', html, re.S).group(0)
    assert "Comment object" not in html
    assert "عکس اصلی را عوض کنید و نام ایستگاه را بنویسید." in note
    assert "own_head" in note  # who returned it
    assert "چشم، تا ظهر" not in note


def test_the_note_goes_once_the_item_is_submitted_again(client, personas, submitted):
    returned = actions.do_return(personas.own_head, submitted, "تیتر کوتاه‌تر شود.")
    actions.do_submit(personas.own_staff, returned)
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{submitted.pk}/").content.decode()
    assert "returned-note" not in html


def test_a_submitted_item_is_labelled_by_its_state_not_by_the_button(client, personas, submitted):
    sign_in_verified(client, personas.own_head)
    editor = client.get(f"/workspace/news/{submitted.pk}/").content.decode()
    listing = client.get("/workspace/news/").content.decode()
    desk = client.get("/workspace/").content.decode()
    for html in (editor, listing):
        assert _badge(html) == "در انتظار تأیید"
    assert 'class="status status-submitted">ارسال برای تأیید' not in desk
    # The list filter offers the same words.
    assert '<option value="submitted">در انتظار تأیید</option>' in listing


def test_every_state_is_a_state_word():
    labels = dict(S.choices)
    assert labels == {
        "draft": "پیش‌نویس", "submitted": "در انتظار تأیید", "returned": "بازگشته برای اصلاح",
        "scheduled": "زمان‌بندی‌شده", "published": "منتشرشده", "unpublished": "انتشار لغوشده",
    }


def test_the_audit_log_names_states_with_the_same_words(personas, submitted):
    from hamafza.audit.models import AuditEvent
    from hamafza.workspace.audit.views import changes

    event = AuditEvent.objects.filter(action="item.submitted", object_id=submitted.pk).get()
    texts = [c["text"] for c in changes(event)]
    assert any("در انتظار تأیید" in t for t in texts), texts
