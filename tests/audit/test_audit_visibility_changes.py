"""Audit-log visibility as items change (moved unchanged from test_audit_visibility.py, whose
tests share one scenario): the two councils of that module without its scenario."""

import pytest

from hamafza import audit
from hamafza.audit.models import AuditEvent
from hamafza.newsroom import actions
from hamafza.newsroom.models import NewsItem

from .test_audit_visibility import SUBMITTED, audit_page, make_world2, submitted_item


@pytest.fixture
def world2(personas):
    return make_world2(personas)


def test_a_new_kind_of_event_on_a_draft_stays_with_its_agency(client, world2):
    """The rule is the draft's stage, not a list of event names: an event kind nobody listed,
    recorded on a draft, is never shown to the council."""
    item = actions.do_create_draft(world2.own_staff, world2.own, {"title": "پیش‌نویس با رویداد تازه"})
    audit.record(world2.own_staff, "item.some_future_event", item, agency_id=world2.own.pk)
    assert AuditEvent.objects.get(action="item.some_future_event").agency_only
    for persona in ("secretariat", "observer", "secretariat_2"):
        assert "پیش‌نویس با رویداد تازه" not in audit_page(client, world2, persona)


def test_entries_follow_what_the_council_may_see_now(client, world2):
    """Returned for changes, an item is private again: its entries leave the council's log
    until it is submitted again."""
    item = submitted_item(world2)
    assert SUBMITTED in audit_page(client, world2, "secretariat")
    actions.do_return(world2.own_head, item, "لید را کوتاه کنید.")
    assert SUBMITTED not in audit_page(client, world2, "secretariat")
    actions.do_submit(world2.own_staff, NewsItem.objects.get(pk=item.pk))
    html = audit_page(client, world2, "secretariat")
    assert SUBMITTED in html and "بازگرداندن برای اصلاح" in html
