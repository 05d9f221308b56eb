"""The health of the installation, for site admins: every check of hamafza.health, worst first
in the summary, in registry order below (the same checks `hamafza doctor` prints)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.health import registry


@require_GET
@staff_required
def health_page(request):
    if not policy.can_view_health(request.user):
        raise PermissionDenied(_("سلامت سامانه فقط برای مدیر سامانه است."))
    outcomes = registry.run_all()
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in (registry.OK, registry.WARN, registry.FAIL)}
    return render(request, "workspace/health/page.html", {
        "outcomes": outcomes, "overall": registry.overall(outcomes), "counts": counts,
        "checked_at": timezone.now(), "nav": "health",
    })
