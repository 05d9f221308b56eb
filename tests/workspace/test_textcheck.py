"""The editor's Persian text check: suggestions for the posted text, accepting one or all (saved
through the editor's save action, everything else byte-identical), HTML tags untouched, the
submit warning, agency boundaries and bad input."""

import pytest

from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem
from hamafza.workspace.textcheck import checks
from tests.people_once import _built, personas, world  # noqa: F401  (once per module)
from tests.personas import sign_in_verified

ZWNJ = "\u200c"
BODY = '<p>ما ميخواهيم <a href="https://example.ir/news/1404/123">گزارش 12 صفحه</a> را بخوانيم.</p><p>متن درست است.</p>'


pytestmark = pytest.mark.usefixtures("module_copy")  # every test: its own savepoint and copy


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {
        "title": "بازديد مدیرکل", "kicker": "هفته حمل و نقل", "lead": "لید درست است.", "body": BODY,
    })


def form(item, **fields):
    data = {"base_revision": item.revision, "kicker": item.kicker, "title": item.title, "lead": item.lead,
            "body": item.body, "city": item.city, "tags": ""}
    data.update(fields)
    return data


def check(client, item, **fields):
    return client.post(f"/workspace/textcheck/{item.pk}/check/", form(item, **fields), headers={"HX-Request": "true"})


def accept(client, item, **fields):
    return client.post(f"/workspace/textcheck/{item.pk}/accept/", form(item, **fields), headers={"HX-Request": "true"})


def test_the_editor_shows_the_panel_and_the_submit_goes_through_the_check(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    html = client.get(f"/workspace/news/{draft.pk}/").content.decode()
    assert "بررسی متن فارسی" in html
    assert f"/workspace/textcheck/{draft.pk}/submit/" in html


def test_html_tags_and_attributes_are_never_changed(draft):
    found = checks.suggestions({"body": draft.body})
    assert found
    for s in found:
        assert "<" not in s.old and ">" not in s.old and "href" not in s.old
    fixed = checks.apply({"body": draft.body}, found)["body"]
    assert 'href="https://example.ir/news/1404/123"' in fixed
    assert "گزارش ۱۲ صفحه" in fixed and "می‌خواهیم" in fixed
    assert fixed.count("<") == draft.body.count("<")


def test_check_lists_changes_with_labels_for_the_unsaved_text(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = check(client, draft, title="كتاب 12")
    assert response.status_code == 200
    html = response.content.decode()
    assert "حروف عربی" in html and "ارقام" in html and "نیم‌فاصله" in html
    assert "كتاب" in html and "پذیرش همه" in html
    draft.refresh_from_db()
    assert draft.title == "بازديد مدیرکل"  # checking saves nothing


def test_accept_one_changes_only_that_span(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    found = checks.suggestions(checks.item_values(draft))
    one = next(s for s in found if s.field == "body" and s.old == "12")
    response = client.post(f"/workspace/textcheck/{draft.pk}/accept/", {**form(draft), "change": one.id},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'data-reload="1"' in response.content.decode()
    before = draft.body
    draft.refresh_from_db()
    assert draft.body == before[: one.change.start] + "۱۲" + before[one.change.end :]
    assert draft.title == "بازديد مدیرکل" and draft.kicker == "هفته حمل و نقل"
    assert draft.revision == 2


def test_accept_all_round_trip_keeps_the_rest_byte_identical(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    values = checks.item_values(draft)
    found = checks.suggestions(values)
    expected = {**values, **checks.apply(values, found)}
    accept(client, draft, all="1", city="تهران")
    draft.refresh_from_db()
    assert draft.title == expected["title"] == "بازدید مدیرکل"
    assert draft.kicker == expected["kicker"]
    assert draft.lead == "لید درست است."
    assert draft.body == expected["body"]
    assert draft.city == "تهران"  # the unsaved field of the form was saved with it
    assert 'href="https://example.ir/news/1404/123"' in draft.body
    assert checks.suggestions(checks.item_values(draft)) == []


def test_accept_posts_the_unsaved_text_and_keeps_it(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    unsaved = "لید تازه که هنوز ذخیره نشده و کتابها دارد"
    accept(client, draft, all="1", lead=unsaved, title="تیتر تازه")
    draft.refresh_from_db()
    assert draft.title == "تیتر تازه"
    assert draft.lead.startswith("لید تازه که هنوز ذخیره نشده")


def test_a_stale_change_id_is_refused_with_a_message(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/textcheck/{draft.pk}/accept/", {**form(draft), "change": "title:90:99"},
                           headers={"HX-Request": "true"})
    assert "تغییر کرده است" in response.content.decode()
    draft.refresh_from_db()
    assert draft.revision == 1


def test_accept_against_an_old_revision_is_a_conflict_not_an_overwrite(client, personas, draft):
    actions.do_save_draft(personas.own_staff, draft, {"lead": "لید دیگری"}, 1)
    sign_in_verified(client, personas.own_staff)
    response = accept(client, draft, all="1", base_revision=1)
    assert "تعارض" in response.content.decode()
    draft.refresh_from_db()
    assert draft.lead == "لید دیگری"


def test_submit_warns_when_suggestions_remain_and_proceeds_after_confirmation(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/textcheck/{draft.pk}/submit/")
    html = response.content.decode()
    assert response.status_code == 200
    n = len(checks.suggestions(checks.item_values(draft)))
    from hamafza.persian.digits import to_persian_digits
    assert f"{to_persian_digits(n)} پیشنهاد" in html and "ارسال در هر حال" in html
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.DRAFT
    response = client.post(f"/workspace/textcheck/{draft.pk}/submit/", {"confirmed": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED


def test_submit_without_suggestions_goes_straight_through(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    accept(client, draft, all="1")
    response = client.post(f"/workspace/textcheck/{draft.pk}/submit/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED


@pytest.mark.parametrize("who", ["other_staff", "other_head", "pending_supporting_staff", "secretariat", "observer"])
def test_another_agency_cannot_check_accept_or_submit(client, personas, draft, who):
    sign_in_verified(client, getattr(personas, who))
    assert check(client, draft).status_code == 404
    assert accept(client, draft, all="1").status_code == 404
    assert client.post(f"/workspace/textcheck/{draft.pk}/submit/", {"confirmed": "1"}).status_code == 404
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.DRAFT and draft.revision == 1


def test_a_reader_sees_suggestions_but_cannot_accept(client, personas, draft):
    actions.do_submit(personas.own_staff, draft)
    sign_in_verified(client, personas.observer)
    response = check(client, draft)
    assert response.status_code == 200 and "پذیرش همه" not in response.content.decode()
    assert accept(client, draft, all="1").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, draft):
    response = check(client, draft)
    assert response.status_code in (204, 302, 403)
    assert "textcheck" not in response.content.decode()


@pytest.mark.parametrize("text", ["", " ", "ک" * 5000, "بررسی ميخواهم 12 " * 300, 'AND OR NOT "* ^ (NEAR) :-', ZWNJ,
                                  "😀 خبر 😀", "\u200f\u200fمتن\u200e", "<b>", "<p>شکسته <a href='x", "\x00"])
def test_bad_input_never_500(client, personas, draft, text):
    sign_in_verified(client, personas.own_staff)
    for field in ("title", "body", "lead"):
        assert check(client, draft, **{field: text}).status_code == 200
    assert accept(client, draft, all="1", body=text).status_code == 200
    assert client.post(f"/workspace/textcheck/{draft.pk}/accept/", {**form(draft), "change": "x:y:z"},
                       headers={"HX-Request": "true"}).status_code == 200


def test_accept_all_applies_the_fixes_and_leaves_the_questions(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    lead = "این خانهای قدیمی است و کارشناسان گفتهاند"
    found = checks.suggestions({"lead": lead})
    assert [s.is_question for s in found] == [True, False]
    html = check(client, draft, lead=lead).content.decode()
    assert "شاید" in html and "پذیرش همه (" in html and "با «پذیرش همه» اعمال نمی‌شود" in html
    accept(client, draft, all="1", lead=lead)
    draft.refresh_from_db()
    assert draft.lead == f"این خانهای قدیمی است و کارشناسان گفته{ZWNJ}اند"


def test_a_question_is_applied_when_the_author_picks_it(client, personas, draft):
    sign_in_verified(client, personas.own_staff)
    lead = "این خانهای قدیمی است"
    question = checks.suggestions({"lead": lead})[0]
    client.post(f"/workspace/textcheck/{draft.pk}/accept/", {**form(draft, lead=lead), "change": f"lead:{question.change.start}:{question.change.end}"},
                headers={"HX-Request": "true"})
    draft.refresh_from_db()
    assert draft.lead == f"این خانه{ZWNJ}ای قدیمی است"


def test_only_questions_left_do_not_hold_the_submit_up(client, personas, draft):
    actions.do_save_draft(personas.own_staff, draft, {"title": "بازدید مدیرکل", "body": "<p>این خانهای قدیمی است.</p>"}, draft.revision)
    sign_in_verified(client, personas.own_staff)
    response = client.post(f"/workspace/textcheck/{draft.pk}/submit/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NewsItem.Status.SUBMITTED
