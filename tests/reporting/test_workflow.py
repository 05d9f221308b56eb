"""Entry → submission → head approval → public; corrections keep the approved figure's history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hamafza.reporting import actions, selectors
from hamafza.reporting.models import IndicatorValue, IndicatorValueHistory

from .conftest import TODAY, council_info

pytestmark = pytest.mark.django_db
V = IndicatorValue.State


def public_figure(personas, indicator, year, month):
    series = {s.indicator.id: s for s in selectors.public_series([personas.own.id])}
    return series[indicator.id].values.get(year * 12 + month - 1)


def test_entry_then_approval_then_public(personas, indicator):
    entered = actions.do_enter_value(personas.own_staff, indicator, 1405, 7, "۱۲۳٬۴۵۶", "یادداشت", today=TODAY)
    assert entered.check.ok and entered.value.state == V.DRAFT and entered.value.value == Decimal(123456)
    assert public_figure(personas, indicator, 1405, 7) is None
    assert actions.do_submit(personas.own_staff, personas.own.id, 1405) == 1
    assert public_figure(personas, indicator, 1405, 7) is None
    assert actions.do_approve(personas.own_head, personas.own.id, 1405) == 1
    assert public_figure(personas, indicator, 1405, 7) == Decimal(123456)
    rows = list(selectors.public_rows(council_info(personas.council)))
    assert [(r["period"], r["value"]) for r in rows] == [("1405-07", "123456")]


def test_an_unapproved_value_never_appears_publicly(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "10", today=TODAY)
    actions.do_enter_value(personas.own_staff, indicator, 1405, 2, "20", today=TODAY)
    actions.do_submit(personas.own_staff, personas.own.id, 1405)
    assert list(selectors.public_rows(council_info(personas.council))) == []
    assert selectors.public_series([personas.own.id])[0].values == {}


def test_a_private_indicator_never_appears_publicly(personas, indicator):
    indicator.is_public = False
    indicator.save()
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "10", today=TODAY)
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    assert list(selectors.public_rows(council_info(personas.council))) == []


def test_a_correction_after_approval_keeps_the_old_value_in_history(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 3, "500", "اولیه", today=TODAY)
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    # The staff correct it: the public still sees the approved 500 until the head approves.
    entered = actions.do_enter_value(personas.own_staff, indicator, 1405, 3, "550", "اصلاح", today=TODAY)
    assert entered.value.state == V.DRAFT
    assert public_figure(personas, indicator, 1405, 3) == Decimal(500)
    actions.do_submit(personas.own_staff, personas.own.id)
    actions.do_approve(personas.own_head, personas.own.id)
    assert public_figure(personas, indicator, 1405, 3) == Decimal(550)
    history = list(IndicatorValueHistory.objects.filter(value=entered.value))
    assert [(h.old_value, h.old_note, h.replaced_by) for h in history] == [(Decimal(500), "اولیه", personas.own_head)]
    assert history[0].old_approved_by == personas.own_head


def test_staff_cannot_approve_and_other_agencies_cannot_enter(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "1", today=TODAY)
    actions.do_submit(personas.own_staff, personas.own.id)
    with pytest.raises(PermissionDenied):
        actions.do_approve(personas.own_staff, personas.own.id)
    with pytest.raises(PermissionDenied):
        actions.do_approve(personas.other_head, personas.own.id)
    with pytest.raises(PermissionDenied):
        actions.do_enter_value(personas.other_staff, indicator, 1405, 2, "1", today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.do_enter_value(personas.observer, indicator, 1405, 2, "1", today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.do_enter_value(personas.secretariat, indicator, 1405, 2, "1", today=TODAY)


def test_returned_figures_go_back_to_draft(personas, indicator):
    actions.do_enter_value(personas.own_staff, indicator, 1405, 1, "1", today=TODAY)
    actions.do_submit(personas.own_staff, personas.own.id)
    assert actions.do_return(personas.own_head, personas.own.id) == 1
    assert IndicatorValue.objects.get().state == V.DRAFT
