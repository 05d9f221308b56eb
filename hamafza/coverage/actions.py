"""Every write of coverage monitoring by a person: an outlet's feed, the verdict on a borderline
match, keyword alerts. Each checks hamafza.policy, validates, audits with its council."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.persian.searchtext import parse_query
from hamafza.press.models import Outlet

from .errors import CoverageError
from .models import Coverage, FeedState, KeywordAlert

URL_MAX = 300
QUERY_MAX = 100
ALERTS_PER_AGENCY = 50


def _url(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > URL_MAX:
        raise CoverageError(_("نشانی %(label)s بیش از %(n)s نویسه است.") % {"label": label, "n": URL_MAX})
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise CoverageError(_("نشانی %(label)s باید با http:// یا https:// آغاز شود.") % {"label": label})
    return value


def set_feed(user, outlet: Outlet, *, feed_url: str = "", sitemap_url: str = "", active: bool = True) -> FeedState:
    """Register (or change) the feed or sitemap an outlet is read from, and whether it is read."""
    if not policy.can_manage_feed(user, outlet):
        raise PermissionDenied
    feed = _url(feed_url, _("خوراک"))
    sitemap = _url(sitemap_url, _("نقشهٔ سایت"))
    if active and not (feed or sitemap):
        raise CoverageError(_("برای پایش، نشانی خوراک یا نقشهٔ سایت را بنویسید."))
    with transaction.atomic():
        state, _created = FeedState.objects.select_for_update().get_or_create(
            outlet=outlet, defaults={"council_id": outlet.council_id})
        before = {"feed_url": outlet.feed_url, "sitemap_url": outlet.sitemap_url, "active": state.active}
        changed = feed != outlet.feed_url or sitemap != outlet.sitemap_url
        Outlet.objects.filter(pk=outlet.pk).update(feed_url=feed, sitemap_url=sitemap, updated_at=timezone.now())
        outlet.feed_url, outlet.sitemap_url = feed, sitemap
        state.active = bool(active)
        if changed:  # a new address: read it at the next pass, with no stale validators or back-off
            state.etag = state.last_modified = state.last_error = ""
            state.failures = 0
            state.next_fetch_at = None
        state.save()
        audit.record(user, "coverage.feed_set", outlet, agency_id=outlet.agency_id, council_id=outlet.council_id,
                     before=before, after={"feed_url": feed, "sitemap_url": sitemap, "active": state.active})
    return state


def _decide(user, coverage: Coverage, status: str, event: str) -> Coverage:
    if not policy.can_review_coverage(user, coverage):
        raise PermissionDenied
    with transaction.atomic():
        locked = Coverage.objects.select_for_update().get(pk=coverage.pk)
        if locked.status != Coverage.Status.PENDING:
            raise CoverageError(_("دربارهٔ این مورد پیش‌تر تصمیم گرفته شده است."))
        locked.status, locked.decided_by, locked.decided_at = status, user, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(user, event, locked, agency_id=locked.agency_id, council_id=locked.council_id,
                     before={"status": Coverage.Status.PENDING}, after={"status": status, "url": locked.url},
                     object_repr=locked.url[:200])
    return locked


def confirm_coverage(user, coverage: Coverage) -> Coverage:
    return _decide(user, coverage, Coverage.Status.CONFIRMED, "coverage.confirmed")


def reject_coverage(user, coverage: Coverage) -> Coverage:
    return _decide(user, coverage, Coverage.Status.REJECTED, "coverage.rejected")


def add_alert(user, council_id: int, agency_id: int, query: str) -> KeywordAlert:
    if not policy.can_keep_alert(user, council_id, agency_id):
        raise PermissionDenied
    query = " ".join((query or "").split())
    if not query:
        raise CoverageError(_("عبارت هشدار را بنویسید."))
    if len(query) > QUERY_MAX:
        raise CoverageError(_("عبارت هشدار بیش از %(n)s نویسه است.") % {"n": QUERY_MAX})
    if parse_query(query).empty:
        raise CoverageError(_("عبارت هشدار دست‌کم یک واژه لازم دارد."))
    if KeywordAlert.objects.filter(council_id=council_id, agency_id=agency_id).count() >= ALERTS_PER_AGENCY:
        raise CoverageError(_("هر دستگاه بیش از %(n)s هشدار نمی‌تواند داشته باشد.") % {"n": ALERTS_PER_AGENCY})
    from .models import MonitoredEntry

    newest = MonitoredEntry.objects.filter(council_id=council_id).order_by("-id").values_list("id", flat=True).first()
    with transaction.atomic():
        alert = KeywordAlert.objects.create(council_id=council_id, agency_id=agency_id, created_by=user, query=query,
                                            last_entry_id=newest or 0)
        audit.record(user, "coverage.alert_added", alert, agency_id=agency_id, council_id=council_id,
                     after={"query": query})
    return alert


def delete_alert(user, alert: KeywordAlert) -> None:
    if not policy.can_keep_alert(user, alert.council_id, alert.agency_id):
        raise PermissionDenied
    with transaction.atomic():
        audit.record(user, "coverage.alert_deleted", alert, agency_id=alert.agency_id, council_id=alert.council_id,
                     before={"query": alert.query})
        alert.delete()
