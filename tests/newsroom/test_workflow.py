"""The editorial workflow through newsroom.actions, on the shared personas."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions, workflow
from hamafza.newsroom.models import Comment, NewsItem, Placement
from hamafza.notifications.models import Notification

S = NewsItem.Status


@pytest.fixture
def draft(personas):
    return actions.do_create_draft(personas.own_staff, personas.own, {
        "title": "بازگشایی محور اهواز–خرمشهر", "lead": "لید خبر", "body": "<p>متن خبر</p>",
    })


def test_a_draft_gets_its_first_revision_and_an_audit_event(personas, draft):
    assert draft.status == S.DRAFT and draft.revision == 1
    assert draft.revisions.get().kind == "create"
    assert AuditEvent.objects.filter(action="item.created", object_id=draft.pk, actor=personas.own_staff).exists()


def test_it_refuses_a_draft_for_another_agency(personas):
    with pytest.raises(PermissionDenied):
        actions.do_create_draft(personas.own_staff, personas.other, {"title": "خبر"})


def test_save_submit_return_resubmit_publish(personas, draft, django_capture_on_commit_callbacks):
    revision = actions.do_save_draft(personas.own_staff, draft, {"title": "تیتر تازه"}, base_revision=1)
    assert revision.number == 2
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_submit(personas.own_staff, draft)
    assert Notification.objects.filter(user=personas.own_head, kind="submitted").exists()
    assert [m.to for m in mail.outbox] == [[personas.own_head.email]]
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED

    with pytest.raises(ValidationError):
        actions.do_return(personas.own_head, draft, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_return(personas.own_head, draft, "عکس را عوض کنید")
    draft.refresh_from_db()
    assert draft.status == S.RETURNED
    assert Comment.objects.get(item=draft).body == "عکس را عوض کنید"
    assert Notification.objects.filter(user=personas.own_staff, kind="returned").exists()

    actions.do_save_draft(personas.own_staff, draft, {"body": "<p>متن اصلاح‌شده</p>"}, base_revision=2)
    actions.do_submit(personas.own_staff, draft)
    draft.refresh_from_db()
    actions.do_approve_and_publish(personas.own_head, draft)
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED and draft.published_at is not None
    assert Placement.objects.filter(item=draft).exists()
    actions_logged = list(AuditEvent.objects.filter(object_type="newsroom.newsitem", object_id=draft.pk).order_by("id").values_list("action", flat=True))
    assert actions_logged == [
        "item.created", "item.saved", "item.submitted", "item.returned", "item.saved", "item.submitted",
        "item.approved_published",
    ]


def test_a_head_cannot_approve_their_own_item_unless_the_agency_allows_it(personas):
    item = actions.do_create_draft(personas.own_head, personas.own, {"title": "خبر مدیر", "lead": "لید"})
    actions.do_submit(personas.own_head, item)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied) as exc:
        actions.do_publish(personas.own_head, item)
    assert "تأیید خبر توسط نویسنده" in str(exc.value)
    personas.own.allow_self_approval = True
    personas.own.save()
    item = NewsItem.objects.get(pk=item.pk)
    actions.do_publish(personas.own_head, item)
    assert NewsItem.objects.get(pk=item.pk).status == S.PUBLISHED


def test_staff_cannot_publish_and_others_cannot_submit(personas, draft):
    with pytest.raises(PermissionDenied):
        actions.do_submit(personas.other_staff, draft)
    actions.do_submit(personas.own_staff, draft)
    draft.refresh_from_db()
    for user in (personas.own_staff, personas.other_head, personas.secretariat, personas.observer):
        with pytest.raises(PermissionDenied):
            actions.do_publish(user, draft)


def test_two_editors_cannot_overwrite_each_other_silently(personas, draft):
    actions.do_save_draft(personas.own_staff, draft, {"title": "نسخهٔ کارشناس"}, base_revision=1)
    with pytest.raises(workflow.EditConflict) as exc:
        actions.do_save_draft(personas.own_head, draft, {"title": "نسخهٔ مدیر"}, base_revision=1)
    assert exc.value.theirs.number == 2
    assert exc.value.theirs.data["title"] == "نسخهٔ کارشناس"
    assert "own_staff" in exc.value.messages[0]
    assert NewsItem.objects.get(pk=draft.pk).title == "نسخهٔ کارشناس"


def test_invalid_fields_are_reported_in_persian_and_the_valid_ones_saved(personas, draft):
    with pytest.raises(workflow.PartialSave) as exc:
        actions.do_save_draft(personas.own_staff, draft, {
            "title": "ت" * 400, "body": "<p>متن تازه</p><script>alert(1)</script>",
        }, base_revision=1)
    assert "تیتر" in exc.value.message_dict["title"][0]
    assert exc.value.revision.number == 2
    draft.refresh_from_db()
    assert draft.title == "بازگشایی محور اهواز–خرمشهر"
    assert "متن تازه" in draft.body and "script" not in draft.body


def test_a_diff_is_word_level_and_restore_makes_a_new_revision(personas, draft):
    actions.do_save_draft(personas.own_staff, draft, {"title": "بازگشایی محور اهواز–آبادان"}, base_revision=1)
    old, new = draft.revisions.order_by("number")
    rows = {row.field: row for row in workflow.diff_revisions(old, new)}
    assert rows["title"].changed and not rows["lead"].changed
    assert [s.text for s in rows["title"].left if s.op == "removed"] == ["اهواز–خرمشهر"]
    assert [s.text for s in rows["title"].right if s.op == "added"] == ["اهواز–آبادان"]
    restored = actions.do_restore_revision(personas.own_staff, draft, 1, base_revision=2)
    assert restored.number == 3 and restored.kind == "restore"
    assert NewsItem.objects.get(pk=draft.pk).title == "بازگشایی محور اهواز–خرمشهر"


def test_edit_locks(personas, draft):
    lock = workflow.acquire_lock(personas.own_staff, draft)
    assert workflow.lock_of(draft).user == personas.own_staff
    with pytest.raises(workflow.LockHeld) as exc:
        workflow.acquire_lock(personas.own_head, draft)
    assert "own_staff" in str(exc.value)
    with pytest.raises(workflow.LockHeld):
        actions.do_save_draft(personas.own_head, draft, {"title": "x"}, base_revision=1)
    with pytest.raises(PermissionDenied):
        workflow.take_over(personas.supporting_staff, draft)
    workflow.take_over(personas.own_head, draft)
    assert workflow.lock_of(draft).user == personas.own_head
    assert Notification.objects.filter(user=personas.own_staff, kind="lock_taken").exists()
    with pytest.raises(workflow.LockHeld):
        workflow.heartbeat(personas.own_staff, draft)
    workflow.release(personas.own_head, draft)
    assert workflow.lock_of(draft) is None
    assert lock.pk


def test_an_abandoned_lock_expires(personas, draft):
    import datetime as dt

    import time_machine

    workflow.acquire_lock(personas.own_staff, draft)
    with time_machine.travel(dt.datetime.now(dt.timezone.utc) + workflow.LOCK_TTL + dt.timedelta(seconds=1)):
        assert workflow.lock_of(draft) is None
        assert workflow.acquire_lock(personas.own_head, draft).user == personas.own_head


def test_correction_and_unpublish(personas, draft, client):
    actions.do_submit(personas.own_staff, draft)
    draft.refresh_from_db()
    actions.do_publish(personas.own_head, draft)
    draft.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.do_save_draft(personas.own_head, draft, {"title": "x"}, base_revision=None)
    with pytest.raises(PermissionDenied):
        actions.do_correct(personas.own_staff, draft, {"title": "x"}, "یادداشت")
    actions.do_correct(personas.own_head, draft, {"title": "بازگشایی محور اهواز–خرمشهر (اصلاح شد)"}, "نام محور درست شد")
    draft.refresh_from_db()
    assert draft.correction_notes[0][1] == "نام محور درست شد"
    page = client.get(draft.get_absolute_url(), HTTP_HOST="khz.example.ir")
    assert "نام محور درست شد" in page.content.decode()

    with pytest.raises(ValidationError):
        actions.do_unpublish(personas.own_head, draft, "", "withdrawn")
    actions.do_unpublish(personas.own_head, draft, "اطلاعات نادرست بود", "withdrawn")
    page = client.get(draft.get_absolute_url(), HTTP_HOST="khz.example.ir")
    assert page.status_code == 200 and "اطلاعات نادرست بود" in page.content.decode()
    draft.refresh_from_db()
    actions.do_publish(personas.own_head, draft)
    draft.refresh_from_db()
    actions.do_unpublish(personas.own_head, draft, "حذف کامل", "gone")
    assert client.get(draft.get_absolute_url(), HTTP_HOST="khz.example.ir").status_code == 410


def test_comments_are_for_those_who_see_revisions(personas, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_add_comment(personas.own_head, draft, "خوب است")
    assert Notification.objects.filter(user=personas.own_staff, kind="commented").exists()
    for user in (personas.other_staff, personas.observer, personas.secretariat):
        with pytest.raises(PermissionDenied):
            actions.do_add_comment(user, draft, "سلام")


def test_a_supporting_agency_accepts_and_is_granted_editing(personas):
    from hamafza.accounts.models import Membership
    from hamafza.newsroom.models import ItemAgency
    from tests.personas import make_user

    supporting_head = make_user("supporting_head")
    Membership.objects.create(user=supporting_head, agency=personas.supporting, role=Membership.Role.HEAD)
    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر مشترک", "supporting": [personas.supporting.pk]})
    assert not actions.policy.can_view_item(personas.supporting_staff, item)
    with pytest.raises(PermissionDenied):
        actions.do_respond_to_support(personas.supporting_staff, item, personas.supporting, True)
    with pytest.raises(ValidationError):
        actions.do_grant_edit(personas.own_staff, item, personas.supporting, True)
    actions.do_respond_to_support(supporting_head, item, personas.supporting, True)
    item = NewsItem.objects.get(pk=item.pk)
    assert actions.policy.can_view_item(personas.supporting_staff, item)
    assert not actions.policy.can_edit_item(personas.supporting_staff, item)
    with pytest.raises(PermissionDenied):
        actions.do_grant_edit(personas.supporting_staff, item, personas.supporting, True)
    actions.do_grant_edit(personas.own_staff, item, personas.supporting, True)
    item = NewsItem.objects.get(pk=item.pk)
    actions.do_save_draft(personas.supporting_staff, item, {"lead": "لید همکار"}, base_revision=1)
    assert NewsItem.objects.get(pk=item.pk).lead == "لید همکار"
    assert AuditEvent.objects.filter(action="item.edit_granted", object_id=item.pk).exists()
    assert ItemAgency.objects.get(item=item, agency=personas.supporting).can_edit


def test_declining_support_removes_the_agency(personas):
    from hamafza.newsroom.models import ItemAgency

    item = actions.do_create_draft(personas.own_staff, personas.own, {"title": "خبر", "supporting": [personas.other.pk]})
    actions.do_respond_to_support(personas.other_head, item, personas.other, False)
    assert not ItemAgency.objects.filter(item=item, agency=personas.other).exists()
    assert AuditEvent.objects.filter(action="item.support_declined", agency_id=personas.other.pk).exists()


def test_a_stale_save_by_the_same_person_is_a_conflict_too(personas, draft):
    """Another tab, or an autosave retried after its answer was lost: the editor shows both."""
    actions.do_save_draft(personas.own_staff, draft, {"lead": "لید یک"}, base_revision=1)
    with pytest.raises(workflow.EditConflict):
        actions.do_save_draft(personas.own_staff, draft, {"lead": "لید دو"}, base_revision=1)
    with pytest.raises(workflow.EditConflict):
        actions.do_save_draft(personas.own_staff, draft, {"lead": "لید سه"}, base_revision=9)
    assert NewsItem.objects.get(pk=draft.pk).lead == "لید یک"
