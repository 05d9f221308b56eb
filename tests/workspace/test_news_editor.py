"""The newsroom editor: access across agencies, autosave, partial saves of bad input, edit
conflicts, locks, preview, revisions and comments."""

import re

import pytest

from hamafza.newsroom import actions, workflow
from hamafza.newsroom.models import NewsItem, Revision
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified


pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {
        "title": "بازدید مدیرکل از پروژه‌های راه", "lead": "لید نخست", "body": "<p>متن نخست</p>",
    })


def edit_url(item):
    return f"/workspace/news/{item.pk}/"


def save(client, item, base=None, **fields):
    data = {"base_revision": item.revision if base is None else base, "title": item.title, **fields}
    return client.post(f"/workspace/news/{item.pk}/save/", data, headers={"HX-Request": "true"})


def test_the_editor_opens_for_the_writer(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = client.get(edit_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "بازدید مدیرکل از پروژه‌های راه" in html
    assert "data-django-prose-editor-configurable" in html
    assert 'name="base_revision" value="1"' in html
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("who", ["other_staff", "other_head", "pending_supporting_staff", "secretariat", "observer"])
def test_a_draft_is_a_404_to_other_agencies_and_the_council(client, personas, draft, who):
    sign_in_verified(client, getattr(personas, who))
    assert client.get(edit_url(draft)).status_code == 404
    assert save(client, draft, title="ربوده").status_code == 404
    assert client.get(f"/workspace/news/{draft.pk}/preview/").status_code == 404
    assert client.get(f"/workspace/news/{draft.pk}/revisions/").status_code == 404
    assert client.post(f"/workspace/news/{draft.pk}/do/submit/").status_code == 404
    draft.refresh_from_db()
    assert draft.title == "بازدید مدیرکل از پروژه‌های راه"


def test_the_observer_reads_a_submitted_item_but_cannot_save_it(client, personas, draft):
    actions.do_submit(personas.own_staff, draft)
    sign_in_verified(client, personas.observer)
    response = client.get(edit_url(draft))
    assert response.status_code == 200
    assert "<fieldset disabled" in response.content.decode()
    assert save(client, draft, title="تغییر ناظر").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, draft):
    assert client.get(edit_url(draft)).status_code == 302


def test_autosave_stores_the_fields_and_answers_the_time(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = save(client, draft, kicker="روتیتر تازه", lead="لید تازه", body="<p>متن <b>تازه</b></p>", city="اهواز", tags="ایمنی، جاده")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"ذخیره شد ساعت [۰-۹]{2}:[۰-۹]{2}", html)
    assert 'name="base_revision" value="2"' in html
    draft.refresh_from_db()
    assert (draft.kicker, draft.lead, draft.city, draft.revision) == ("روتیتر تازه", "لید تازه", "اهواز", 2)
    assert "<b>تازه</b>" in draft.body
    assert "Server-Timing" in response


def test_an_overlong_title_is_refused_and_the_rest_is_saved(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = save(client, draft, title="ت" * 300, lead="لید سالم")
    html = response.content.decode()
    assert "حداکثر ۲۵۰ نویسه" in html
    draft.refresh_from_db()
    assert draft.title == "بازدید مدیرکل از پروژه‌های راه"
    assert draft.lead == "لید سالم"
    # The next autosave starts from the revision that was made.
    assert f'name="base_revision" value="{draft.revision}"' in html


def test_script_in_the_body_is_removed_and_the_text_kept(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    save(client, draft, body='<p onclick="x()">متن<script>alert(1)</script><img src=x onerror=alert(1)></p>')
    draft.refresh_from_db()
    assert "script" not in draft.body and "onerror" not in draft.body and "onclick" not in draft.body
    assert "متن" in draft.body


def test_two_editors_cannot_overwrite_each_other_silently(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    base = draft.revision
    assert save(client, draft, base=base, lead="نسخهٔ نخست").status_code == 200
    response = save(client, draft, base=base, lead="نسخهٔ دوم")
    html = response.content.decode()
    assert "data-conflict" in html and "تعارض ویرایش" in html
    assert "نخست</span>" in html and "دوم</span>" in html  # both versions are shown
    draft.refresh_from_db()
    assert draft.lead == "نسخهٔ نخست"
    # «Keep mine»: the editor saves again on top of the revision it has now seen.
    keep = re.search(r'data-keep-mine="(\d+)"', html).group(1)
    assert save(client, draft, base=int(keep), lead="نسخهٔ دوم").status_code == 200
    draft.refresh_from_db()
    assert draft.lead == "نسخهٔ دوم"


def test_a_second_editor_sees_who_holds_the_item_and_a_head_takes_over(client, personas, draft):
    colleague = personas.own_staff.__class__.objects.create_user(username="colleague", password="x" * 12)
    from hamafza.accounts.models import Membership

    Membership.objects.create(user=colleague, agency=personas.own, role=Membership.Role.STAFF)
    sign_in_verified(client, personas.own_staff)
    client.get(edit_url(draft))  # takes the lock
    sign_in_verified(client, colleague)
    html = client.get(edit_url(draft)).content.decode()
    assert "در حال ویرایش توسط" in html
    assert "در دست گرفتن ویرایش" not in html  # staff cannot take over
    assert "data-conflict" not in (r := save(client, draft, lead="ربودن")).content.decode()
    assert "ویرایش این خبر را در دست گرفته است" in r.content.decode()
    sign_in_verified(client, personas.own_head)
    assert "در دست گرفتن ویرایش" in client.get(edit_url(draft)).content.decode()
    response = client.post(f"/workspace/news/{draft.pk}/lock/", {"take_over": "1"})
    assert response.status_code == 302
    assert workflow.lock_of(draft).user == personas.own_head


def test_the_preview_is_the_public_article_template(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = client.get(f"/workspace/news/{draft.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "بازدید مدیرکل از پروژه‌های راه" in html and "متن نخست" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_revisions_show_a_side_by_side_diff_and_restore(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    save(client, draft, lead="لید دوم")
    response = client.get(f"/workspace/news/{draft.pk}/revisions/?a=1&b=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="seg-removed"' in html and 'class="seg-added"' in html
    draft.refresh_from_db()
    response = client.post(f"/workspace/news/{draft.pk}/revisions/1/restore/", {"base_revision": draft.revision})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.lead == "لید نخست"
    assert Revision.objects.filter(item=draft).count() == 3


def test_comments_thread(client, personas, draft):
    sign_in_verified(client, personas.own_head)
    response = client.post(f"/workspace/news/{draft.pk}/comments/", {"body": "عکس بهتری بگذارید"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "عکس بهتری بگذارید" in response.content.decode()
    empty = client.post(f"/workspace/news/{draft.pk}/comments/", {"body": "  "}, headers={"HX-Request": "true"})
    assert empty.status_code == 400 and "خالی" in empty.content.decode()


def test_the_whole_workflow_through_the_buttons(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    client.post(f"/workspace/news/{draft.pk}/do/submit/")
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED
    # Staff cannot publish.
    client.post(f"/workspace/news/{draft.pk}/do/publish/")
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED
    sign_in_verified(client, personas.own_head)
    assert "در انتظار تأیید" in client.get("/workspace/").content.decode()
    client.post(f"/workspace/news/{draft.pk}/do/return/", {"comment": "منبع آمار را بنویسید"})
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.RETURNED
    sign_in_verified(client, personas.own_staff)
    html = client.get(edit_url(draft)).content.decode()
    assert "منبع آمار را بنویسید" in html
    save(client, draft, lead="لید با منبع آمار")
    client.post(f"/workspace/news/{draft.pk}/do/submit/")
    sign_in_verified(client, personas.own_head)
    response = client.post(f"/workspace/news/{draft.pk}/do/publish/", follow=True)
    assert "منتشر شد" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.PUBLISHED


def test_an_impossible_jalali_date_is_refused_with_a_message(client, personas, draft):
    actions.do_submit(personas.own_staff, draft)
    sign_in_verified(client, personas.own_head)
    response = client.post(f"/workspace/news/{draft.pk}/do/schedule/", {"date": "۱۴۰۴/۱۲/۳۰", "time": "۱۰:۰۰"})
    html = response.content.decode()
    assert response.status_code == 400  # the editor again, with the message and the typed date
    assert "۱۴۰۴/۱۲/۳۰" in html and "تاریخ درستی" in html
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED and draft.title == "بازدید مدیرکل از پروژه‌های راه"


def test_scheduling_at_a_jalali_date_and_time(client, personas, draft, settings):
    import time_machine

    actions.do_submit(personas.own_staff, draft)
    sign_in_verified(client, personas.own_head)
    with time_machine.travel("2026-11-26 08:00 +0000", tick=False):
        client.post(f"/workspace/news/{draft.pk}/do/schedule/", {"date": "۱۴۰۵/۰۹/۱۰", "time": "۰۹:۳۰"})
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SCHEDULED
    from hamafza.persian import jalali

    assert jalali.format_datetime(draft.published_at) == "۱۰ آذر ۱۴۰۵، ۰۹:۳۰"


def test_unknown_workflow_actions_are_404(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    assert client.post(f"/workspace/news/{draft.pk}/do/delete/").status_code == 404
    assert client.get(f"/workspace/news/{draft.pk}/do/submit/").status_code == 405


def test_the_heartbeat_keeps_the_lock_and_reports_losing_it(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    client.get(edit_url(draft))
    beat = client.post(f"/workspace/news/{draft.pk}/lock/", headers={"HX-Request": "true"})
    assert beat.status_code == 200 and "data-lost" not in beat.content.decode()
    workflow.take_over(personas.own_head, draft)
    lost = client.post(f"/workspace/news/{draft.pk}/lock/", headers={"HX-Request": "true"}).content.decode()
    assert "data-lost" in lost and "در حال ویرایش توسط" in lost
    assert client.post(f"/workspace/news/{draft.pk}/release/").status_code == 204
    assert workflow.lock_of(draft).user == personas.own_head  # releasing never frees someone else's lock


def test_read_only_viewers_send_no_heartbeat(client, personas, draft):
    actions.do_submit(personas.own_staff, draft)
    sign_in_verified(client, personas.observer)
    html = client.get(edit_url(draft)).content.decode()
    assert "every 30s" not in html


def test_the_head_corrects_a_published_item_with_a_note(client, personas, draft):
    draft = actions.do_submit(personas.own_staff, draft)
    actions.do_publish(personas.own_head, draft)
    draft.refresh_from_db()
    sign_in_verified(client, personas.own_head)
    html = client.get(edit_url(draft)).content.decode()
    assert "ثبت اصلاحیه" in html and "hx-trigger=\"autosave" not in html  # no autosave on a published item
    no_note = client.post(f"/workspace/news/{draft.pk}/do/correct/", {"base_revision": draft.revision, "title": draft.title, "lead": "لید اصلاح‌شده"}, follow=True)
    assert "متن اصلاحیه را بنویسید" in no_note.content.decode()
    client.post(f"/workspace/news/{draft.pk}/do/correct/", {"base_revision": draft.revision, "title": draft.title,
                                                            "lead": "لید اصلاح‌شده", "note": "رقم اعتبار اصلاح شد."})
    draft.refresh_from_db()
    assert draft.lead == "لید اصلاح‌شده" and draft.status == NewsItem.Status.PUBLISHED
    # Staff may not correct.
    sign_in_verified(client, personas.own_staff)
    assert client.post(f"/workspace/news/{draft.pk}/do/correct/", {"note": "x", "lead": "y"}).status_code == 403
    draft.refresh_from_db()
    assert draft.lead == "لید اصلاح‌شده"
