"""Indicators, monthly values and consolidated reports (hamafza.reporting)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hamafza.agencies.registry import get_registry

from .base import pk_or_404, roles_of

__all__ = [
    "access_indicator", "access_report_job", "access_reporting_agency", "can_approve_values",
    "can_compile_report", "report_councils", "can_enter_values", "can_read_reporting", "reporting_agencies",
]


# --- Performance reporting (indicators, monthly values, reports) --------------------------------
# Staff of an agency enter its values; its head approves them; the secretariat and observers of a
# council it sits on read all of its figures; the public sees only approved values of public
# indicators (hamafza.reporting.selectors). Observers change nothing.

def can_read_reporting(user, agency_id: int) -> bool:
    roles = roles_of(user)
    if roles.superuser:
        return True
    return roles.authenticated and (roles.member_of(agency_id) or agency_id in roles.overseen_agencies())


def can_enter_values(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.member_of(agency_id)


def can_approve_values(user, agency_id: int) -> bool:
    roles = roles_of(user)
    return roles.superuser or roles.head_of(agency_id)


def can_compile_report(user, council_id: int) -> bool:
    """The consolidated report of a council: its secretariat and observers, and site admins."""
    roles = roles_of(user)
    return roles.superuser or council_id in roles.overseen_councils


def report_councils(user) -> list[int]:
    """The councils whose consolidated report this person may compile (none for agency staff and
    heads: the workspace offers them no link to it)."""
    roles = roles_of(user)
    if roles.superuser:
        return sorted(get_registry().councils)
    return sorted(c for c in roles.overseen_councils if can_compile_report(user, c))


def reporting_agencies(user) -> list[int]:
    """Agencies whose figures this person may read, own agencies first."""
    roles = roles_of(user)
    if roles.superuser:
        return list(get_registry().agencies)
    own = list(roles.agencies)
    return own + sorted(a for a in roles.overseen_agencies() if a not in roles.agencies)


def access_reporting_agency(user, agency_id, for_write: bool = False) -> int:
    """An agency id whose figures the person may read (else 404) and, with `for_write`, enter
    (else 403)."""
    pk = pk_or_404(agency_id)
    if pk not in get_registry().agencies or not can_read_reporting(user, pk):
        raise Http404
    if for_write and not can_enter_values(user, pk):
        raise PermissionDenied
    return pk


def access_indicator(user, indicator_id, for_write: bool = False):
    from hamafza.reporting.models import Indicator

    pk = pk_or_404(indicator_id)
    indicator = Indicator.objects.filter(pk=pk).first()
    if indicator is None or not can_read_reporting(user, indicator.agency_id):
        raise Http404
    if for_write and not can_enter_values(user, indicator.agency_id):
        raise PermissionDenied
    return indicator


def access_report_job(user, job_id):
    from hamafza.reporting.models import ReportJob

    pk = pk_or_404(job_id)
    job = ReportJob.objects.filter(pk=pk).first()
    if job is None or not can_compile_report(user, job.council_id):
        raise Http404
    return job
