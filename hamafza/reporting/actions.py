"""Every write of performance reporting. Views, the XLSX import, the API, tasks and the demo call
these; each checks the policy itself, so no caller can skip it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hamafza import policy

from . import validation
from .models import Achievement, Indicator, IndicatorValue, IndicatorValueHistory, ReportJob

V = IndicatorValue.State
VERSION_KEY = "hamafza:reporting:version"


def data_version() -> int:
    """Bumped whenever a public figure may have changed: dashboards cache by it."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def _bump() -> None:
    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)

    transaction.on_commit(bump)


# --- Indicators ----------------------------------------------------------------------------------

def do_create_indicator(user, agency_id: int, **fields) -> Indicator:
    if user is not None and not policy.can_approve_values(user, agency_id):
        raise PermissionDenied
    indicator = Indicator(agency_id=agency_id, **fields)
    indicator.full_clean()
    indicator.save()
    _bump()
    return indicator


# --- Values --------------------------------------------------------------------------------------

@dataclass
class Entered:
    check: validation.Check
    value: IndicatorValue | None = None
    changed: bool = False


def previous_year_value(indicator: Indicator, year: int, month: int) -> Decimal | None:
    return (
        IndicatorValue.objects.filter(indicator=indicator, year=year - 1, month=month).values_list("value", flat=True).first()
    )


def check_value(indicator: Indicator, year: int, month: int, raw, today=None) -> validation.Check:
    return validation.check(indicator, year, month, raw, previous_year_value(indicator, year, month), today=today)


def do_enter_value(user, indicator: Indicator, year: int, month: int, raw, note: str | None = None, today=None) -> Entered:
    """Save one monthly figure typed by staff. An invalid figure saves nothing and leaves what
    was there. A change to a submitted or approved figure makes it a draft again; the approved
    figure stays public until the head approves the correction."""
    if not policy.can_enter_values(user, indicator.agency_id):
        raise PermissionDenied
    result = check_value(indicator, year, month, raw, today=today)
    if not result.ok:
        return Entered(result)
    with transaction.atomic():
        current = IndicatorValue.objects.select_for_update().filter(indicator=indicator, year=year, month=month).first()
        # No note given (an import): keep the one there.
        note = (current.note if current is not None else "") if note is None else note.strip()[:500]
        if result.value is None:
            if current is not None and current.approved_value is None:
                current.delete()
                return Entered(result, None, True)
            return Entered(result, current, False)
        if current is None:
            current = IndicatorValue.objects.create(
                indicator=indicator, year=year, month=month, value=result.value, note=note, entered_by=user,
            )
            return Entered(result, current, True)
        if current.value == result.value and current.note == note:
            return Entered(result, current, False)
        current.value, current.note, current.entered_by = result.value, note, user
        if current.approved_value == result.value and current.approved_note == note:
            current.state = V.APPROVED  # typed back to the approved figure: nothing to approve
        else:
            current.state = V.DRAFT
        current.save()
        return Entered(result, current, True)


def _agency_values(agency_id: int, year: int | None):
    qs = IndicatorValue.objects.filter(indicator__agency_id=agency_id)
    return qs.filter(year=year) if year is not None else qs


def do_submit(user, agency_id: int, year: int | None = None) -> int:
    """Hand the agency's drafts (of one year, or all) to its head."""
    if not policy.can_enter_values(user, agency_id):
        raise PermissionDenied
    with transaction.atomic():
        count = _agency_values(agency_id, year).filter(state=V.DRAFT).update(state=V.SUBMITTED, updated_at=timezone.now())
        if count:
            _notify_heads(user, agency_id, year, count)
    return count


def _notify_heads(user, agency_id: int, year: int | None, count: int) -> None:
    """The agency's heads learn that figures wait for their approval (a «figure to approve» notice,
    which each head may also take by e-mail, Bale or SMS)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from hamafza.accounts.models import Membership
    from hamafza.notifications import notify
    from hamafza.persian.digits import to_persian_digits

    heads = Membership.objects.filter(agency_id=agency_id, role=Membership.Role.HEAD).values_list("user_id", flat=True)
    url = f"{reverse('workspace:reporting_grid')}?agency={agency_id}" + (f"&year={year}" if year else "")
    notify(heads, "figure_approve", actor=user, url=url,
           subject=_("%(n)s رقم شاخص") % {"n": to_persian_digits(count)})


def do_return(user, agency_id: int, year: int | None = None) -> int:
    """The head sends submitted figures back to the staff as drafts."""
    if not policy.can_approve_values(user, agency_id):
        raise PermissionDenied
    return _agency_values(agency_id, year).filter(state=V.SUBMITTED).update(state=V.DRAFT, updated_at=timezone.now())


def do_approve(user, agency_id: int, year: int | None = None, ids: list[int] | None = None) -> int:
    """The head approves submitted figures: they become public (for public indicators). A figure
    that replaces an earlier approved one keeps that one in the history."""
    if not policy.can_approve_values(user, agency_id):
        raise PermissionDenied
    now = timezone.now()
    count = 0
    with transaction.atomic():
        rows = _agency_values(agency_id, year).filter(state=V.SUBMITTED).select_for_update()
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        for row in rows:
            if row.approved_value is not None and (row.approved_value != row.value or row.approved_note != row.note):
                IndicatorValueHistory.objects.create(
                    value=row, old_value=row.approved_value, old_note=row.approved_note,
                    old_approved_by_id=row.approved_by_id, old_approved_at=row.approved_at, replaced_by=user,
                )
            row.state = V.APPROVED
            row.approved_value, row.approved_note = row.value, row.note
            row.approved_by, row.approved_at = user, now
            row.save()
            count += 1
    if count:
        _bump()
        from . import tasks

        transaction.on_commit(lambda: tasks.warm_agency_charts.enqueue(agency_id))
    return count


# --- Achievements --------------------------------------------------------------------------------

def do_add_achievement(user, agency_id: int, title: str, body: str, year: int, month: int,
                       indicator_ids=(), news_ids=(), is_public: bool = True) -> Achievement:
    from hamafza.newsroom.models import NewsItem

    if not policy.can_enter_values(user, agency_id):
        raise PermissionDenied
    achievement = Achievement(agency_id=agency_id, title=title.strip(), body=body.strip(), year=year, month=month,
                              is_public=is_public, created_by=user)
    achievement.full_clean()
    with transaction.atomic():
        achievement.save()
        achievement.indicators.set(Indicator.objects.filter(agency_id=agency_id, pk__in=list(indicator_ids)))
        # Only published news of this agency (as lead or accepted supporter) may be linked.
        achievement.news_items.set(
            NewsItem.objects.filter(pk__in=list(news_ids), status=NewsItem.Status.PUBLISHED, agencies__id=agency_id).distinct()
        )
    _bump()
    return achievement


# --- Reports -------------------------------------------------------------------------------------

def do_request_report(user, council_id: int, period) -> ReportJob:
    """Queue the consolidated PDF of a period; the task runs after commit."""
    from . import periods, tasks

    if not policy.can_compile_report(user, council_id):
        raise PermissionDenied
    (y1, m1), (y2, m2) = periods.from_index(period.start), periods.from_index(period.end)
    job = ReportJob.objects.create(council_id=council_id, start_year=y1, start_month=m1, end_year=y2, end_month=m2,
                                   first_day=period.first_day, last_day=period.last_day,
                                   title=period.label[:200], requested_by=user)
    transaction.on_commit(lambda: tasks.build_report_pdf.enqueue(job.pk))
    return job
