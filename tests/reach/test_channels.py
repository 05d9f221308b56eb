"""Channel reach: no platform's bot API gives message view counts (docs/reach.md), so each agency
channel gets a «بازدید کانال …» indicator in the figures grid, and the approved monthly figures
are the channel's reach."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hamafza.audit.models import AuditEvent
from hamafza.persian import jalali
from hamafza.reach import actions, selectors
from hamafza.reach.models import ChannelIndicator
from hamafza.reporting import actions as reporting_actions
from hamafza.reporting.models import Indicator
from tests.distribution.conftest import make_channel


def test_an_agency_channel_gets_its_indicator_once_on_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        channel = make_channel(world["A"], kind="eitaa", chat_id="@khz_road", name="راه خوزستان")
    link = ChannelIndicator.objects.get(channel=channel)
    indicator = link.indicator
    assert indicator.agency_id == world["A"].pk and indicator.unit == Indicator.Unit.COUNT
    assert "بازدید کانال" in indicator.name and "راه خوزستان" in indicator.name
    assert actions.do_ensure_channel_indicator(channel) == link
    assert actions.ensure_all_channel_indicators() == 0
    assert ChannelIndicator.objects.count() == 1
    event = AuditEvent.objects.get(action="channel.views_indicator_created")
    assert event.council_id == world["council"].pk


@pytest.mark.parametrize("kind", ["email", "sandbox"])
def test_newsletters_sandboxes_and_council_channels_get_none(world, kind):
    fields = {"sandbox_platform": "telegram"} if kind == "sandbox" else {}
    channel = make_channel(world["A"], kind=kind, chat_id="", token="", **fields)
    council_channel = make_channel(council=world["council"], chat_id="@council")
    assert actions.do_ensure_channel_indicator(channel) is None
    assert actions.do_ensure_channel_indicator(council_channel) is None
    assert actions.ensure_all_channel_indicators() == 0


def test_the_sweep_catches_channels_made_before(world):
    make_channel(world["A"], chat_id="@one")  # no commit hook ran (the test's transaction)
    make_channel(world["B"], kind="bale", chat_id="@two")
    assert actions.ensure_all_channel_indicators() == 2
    assert actions.ensure_all_channel_indicators() == 0


def test_approved_figures_are_the_channel_reach(world, personas):
    channel = make_channel(world["A"], chat_id="@views")
    indicator = actions.do_ensure_channel_indicator(channel).indicator
    today = timezone.localdate()
    now = jalali.to_jalali(today)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    entered = reporting_actions.do_enter_value(personas.own_staff, indicator, year, month, "۱۲۵۰۰")
    assert entered.value is not None
    start = jalali.jalali_to_gregorian(year, month, 1)
    a, b = world["A"].pk, world["B"].pk
    assert selectors.channel_views([a, b], start, today) == {a: 0, b: 0}  # not approved yet
    reporting_actions.do_submit(personas.own_staff, a, year)
    reporting_actions.do_approve(personas.own_head, a, year)
    assert selectors.channel_views([a, b], start, today) == {a: 12500, b: 0}
    assert selectors.channel_views_by_channel([a], start, today) == {channel.pk: 12500}
    before = jalali.jalali_to_gregorian(year - 1, 1, 1)
    assert selectors.channel_views([a], before, before) == {a: 0}
