"""The cooperation hub: what waits for the person (requests to answer, help they could offer,
offers to answer, their agency's bookings), and the ways into each part of cooperation."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.cooperation import reciprocity, selectors
from hamafza.reporting import periods

from ..common import council_for


def url_of(name: str, *args) -> str:
    """A page of another part of cooperation."""
    return reverse(f"workspace:cooperation:{name}", args=args)


@staff_required
@require_GET
def home(request):
    council = council_for(request)
    user = request.user
    mine = policy.my_agencies_in_council(user, council.id)
    overseer = policy.can_oversee_council(user, council.id)
    registry = get_registry()
    row = totals = None
    this_year = periods.year(periods.current_month()[0])
    if mine:
        rows = reciprocity.council_record(council.id, this_year, mine)
        row = rows[0] if len(rows) == 1 else None
    elif overseer:
        rows = reciprocity.council_record(council.id, this_year)
        totals = {name: sum(getattr(r, name) for r in rows) for name in (
            "requests_sent", "accepted", "expired", "amplified_for_others", "help_sent", "deliveries")}
    names = {a: info.short_name for a, info in registry.agencies.items()}
    to_answer = selectors.requests_to_answer(user, council.id)
    for target in to_answer:
        target.url = url_of("amp_detail", target.request_id)
        target.asking_name, target.agency_name = names.get(target.request.asking_agency_id), names.get(target.agency_id)
    waiting = selectors.my_requests_waiting(user, council.id)
    for req in waiting:
        req.url = url_of("amp_detail", req.pk)
        req.pending = sum(1 for t in req.targets.all() if t.status == t.Status.PENDING)
    help_open = selectors.help_to_offer(user, council.id)
    for hr in help_open:
        hr.url = url_of("help_detail", hr.pk)
        hr.asking_name = names.get(hr.asking_agency_id)
    offers = selectors.offers_to_answer(user, council.id)
    for offer in offers:
        offer.url = url_of("help_detail", offer.request_id)
        offer.agency_name = names.get(offer.agency_id)
    bookings = selectors.upcoming_bookings(user, council.id)
    for booking in bookings:
        booking.url = url_of("resource_detail", booking.resource_id)
        booking.agency_name, booking.owner_name = names.get(booking.agency_id), names.get(booking.resource.agency_id)
    links = [
        (url_of("amp_inbox"), _("درخواست‌های بازنشر"),
         _("درخواست‌هایی که به دستتان رسیده و آن‌ها که فرستاده‌اید") if mine else _("درخواست‌های بازنشر دستگاه‌های شورا")),
        (url_of("help_list"), _("درخواست‌های کمک"), _("عکاس، گروه تصویربرداری، استودیو و … از دستگاه‌های دیگر")),
        (url_of("help_new") if policy.can_work_in_council(user, council.id) else None, _("درخواست کمک تازه"), _("نیاز تولید محتوای خود را با دستگاه‌های شورا در میان بگذارید")),
        (url_of("resource_list"), _("منابع اشتراکی و رزرو"), _("نیروها، تجهیزات و استودیوهایی که دستگاه‌ها به اشتراک گذاشته‌اند")),
        (url_of("reciprocity"), _("کارنامهٔ همکاری"), _("چه کسی برای چه کسی چه کرد؛ به تفکیک دستگاه و دوره")),
    ]
    return render(request, "workspace/cooperation/hub/home.html", {
        "nav": "cooperation",
        "council": council,
        "councils": [c for c in registry.councils.values() if policy.can_view_council(user, c.id)],
        "my_agencies": [registry.agencies[a] for a in sorted(mine) if a in registry.agencies],
        "overseer": overseer,
        "row": row,
        "totals": totals,
        "to_answer": to_answer,
        "waiting": waiting,
        "help_open": help_open,
        "offers": offers,
        "bookings": bookings,
        "links": [link for link in links if link[0]],
        "bookings_url": url_of("resource_bookings"),
        "help_list_url": url_of("help_list"),
        "amp_sent_url": url_of("amp_sent"),
    })
