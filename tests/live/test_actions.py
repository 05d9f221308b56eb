"""Live events and their updates: who opens, posts, publishes, corrects and withdraws; every
change audited with its council."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from hamafza import policy
from hamafza.audit.models import AuditEvent
from hamafza.live import actions
from hamafza.live.errors import LiveError
from hamafza.live.models import LiveUpdate
from tests import factories

U = LiveUpdate.Status


def _post(user, event, agency, text="صف خودروها در مرز شلمچه به دو کیلومتر رسید."):
    return actions.do_post_update(user, event, agency_id=agency.pk, kind="border", text=text, place="شلمچه")


def test_a_head_of_a_member_agency_opens_an_event_and_an_outsider_cannot(personas):
    now = timezone.now()
    args = dict(title="سیل", kind="emergency", starts_at=now, ends_at=now + dt.timedelta(days=1),
                agency_ids=[personas.own.pk])
    assert actions.do_open_event(personas.own_head, personas.council.pk, **args).council_id == personas.council.pk
    for outsider in (personas.own_staff, personas.observer, personas.pending_supporting_staff):
        with pytest.raises(PermissionDenied):
            actions.do_open_event(outsider, personas.council.pk, **args)


def test_an_event_takes_only_agencies_of_its_council(personas):
    now = timezone.now()
    with pytest.raises(LiveError):
        actions.do_open_event(personas.secretariat, personas.council.pk, title="x", kind="campaign", starts_at=now,
                              ends_at=now + dt.timedelta(days=1), agency_ids=[personas.pending_supporting.pk])


def test_staff_update_waits_for_the_head_whose_fast_path_publishes_at_once(personas, event):
    pending = _post(personas.own_staff, event, personas.own)
    assert pending.status == U.PENDING and pending.published_at is None
    fast = _post(personas.own_head, event, personas.own)
    assert fast.status == U.PUBLISHED
    actions.do_publish_update(personas.own_head, pending)
    assert LiveUpdate.objects.get(pk=pending.pk).status == U.PUBLISHED
    assert AuditEvent.objects.filter(action="live.update_published", council_id=personas.council.pk).count() == 2


def test_direct_publishing_is_a_per_event_setting_of_the_agency_and_audited(personas, event):
    with pytest.raises(PermissionDenied):
        actions.do_set_direct(personas.other_head, event, personas.own.pk, True)  # not B's to decide
    actions.do_set_direct(personas.own_head, event, personas.own.pk, True)
    assert _post(personas.own_staff, event, personas.own).status == U.PUBLISHED
    assert _post(personas.other_staff, event, personas.other).status == U.PENDING
    entry = AuditEvent.objects.get(action="live.direct_publishing_set")
    assert entry.council_id == personas.council.pk and entry.after == {"agency_id": personas.own.pk, "allowed": True}


def test_a_non_participating_agency_cannot_post_nor_a_tampered_agency_id(personas, event):
    with pytest.raises(PermissionDenied):
        _post(personas.supporting_staff, event, personas.supporting)  # on the council, not in the event
    with pytest.raises(PermissionDenied):
        _post(personas.own_staff, event, personas.other)  # staff of A posting in B's name
    with pytest.raises(LiveError):
        actions.do_post_update(personas.own_staff, event, agency_id=2**70, kind="border", text="x")
    assert not LiveUpdate.objects.exists()


def test_nobody_posts_after_the_event_ended(personas, event):
    event.ends_at = timezone.now() - dt.timedelta(minutes=1)
    event.save()
    with pytest.raises(PermissionDenied):
        _post(personas.own_head, event, personas.own)


def test_correction_is_marked_with_its_time_and_withdrawal_hides_it(personas, event):
    update = _post(personas.own_head, event, personas.own)
    actions.do_correct_update(personas.own_head, update, kind="traffic", text="صف به یک کیلومتر کاهش یافت.", place="")
    update.refresh_from_db()
    assert update.corrected_at is not None and update.kind == "traffic"
    with pytest.raises(PermissionDenied):
        actions.do_withdraw_update(personas.other_head, update)
    actions.do_withdraw_update(personas.own_head, update, "نادرست")
    update.refresh_from_db()
    assert update.status == U.WITHDRAWN and update.withdrawn_at is not None
    assert AuditEvent.objects.filter(action__in=["live.update_corrected", "live.update_withdrawn"],
                                     council_id=personas.council.pk).count() == 2


def test_another_council_cannot_see_pending_or_withdrawn_updates(personas, event):
    bushehr = factories.make_council(personas.pending_supporting, [], hostname="bushehr.example.ir")
    from hamafza.accounts.models import CouncilRole
    from tests.personas import make_user

    foreign = make_user("bushehr_secretariat")
    CouncilRole.objects.create(user=foreign, council=bushehr, role=CouncilRole.Role.SECRETARIAT)
    pending = _post(personas.own_staff, event, personas.own)
    withdrawn = _post(personas.own_head, event, personas.own)
    actions.do_withdraw_update(personas.own_head, withdrawn)
    for user in (foreign, personas.pending_supporting_staff, personas.other_staff):
        for update in (pending, withdrawn):
            with pytest.raises(Http404):
                policy.access_live_update(user, update.pk)
    with pytest.raises(Http404):
        policy.access_live_event(foreign, event.pk)
    assert policy.access_live_update(personas.observer, pending.pk) == pending  # the council's own observers see it
    with pytest.raises(PermissionDenied):
        actions.do_set_summary(foreign, event, "x")


def test_a_photo_must_be_one_the_agency_may_use(personas, event):
    from tests.distribution.conftest import make_image

    theirs = make_image(personas.pending_supporting)
    with pytest.raises(LiveError):
        actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="service", text="x",
                               image_id=theirs.pk)
    ours = make_image(personas.own)
    update = actions.do_post_update(personas.own_head, event, agency_id=personas.own.pk, kind="service", text="x",
                                    image_id=ours.pk)
    assert update.image == ours
    assert policy.can_view_media(None, ours.file.name)  # public with its published update


def test_board_status_keeps_history_and_only_its_agency_changes_it(personas, crossing):
    actions.do_set_status(personas.own_staff, crossing, state="open", wait_minutes="۴۰")
    actions.do_set_status(personas.own_staff, crossing, state="congested", wait_minutes="90", note="ازدحام زائران")
    crossing.refresh_from_db()
    assert crossing.state == "congested" and crossing.wait_minutes == 90 and crossing.changes.count() == 2
    with pytest.raises(PermissionDenied):
        actions.do_set_status(personas.other_staff, crossing, state="closed")
    with pytest.raises(LiveError):
        actions.do_set_status(personas.own_staff, crossing, state="open", wait_minutes=str(2**70))
    with pytest.raises(LiveError):
        actions.do_set_status(personas.own_staff, crossing, state="nonsense")
    assert AuditEvent.objects.filter(action="live.status_changed", council_id=personas.council.pk).count() == 2
