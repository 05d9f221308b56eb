"""The public page of a campaign: what it is, its approved program day by day, its news."""

from __future__ import annotations

from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hamafza.council.models import Campaign, CampaignItem, ProgramProposal
from hamafza.newsroom.models import NewsItem

from .base import page, portal_view


@portal_view
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    found = Campaign.objects.filter(council_id=request.council.id, slug=slug).prefetch_related("kit_files").first()
    if found is None:
        raise Http404(_("چنین پویشی در این شورا نیست."))
    programs = ProgramProposal.objects.filter(campaign=found, status=ProgramProposal.Status.APPROVED).order_by(
        "date", "start_time", "id"
    )
    days = [(day, list(rows)) for day, rows in groupby(programs, key=lambda p: p.date)]
    items = list(
        NewsItem.objects.filter(
            pk__in=CampaignItem.objects.filter(campaign=found).values("item_id"),
            status=NewsItem.Status.PUBLISHED, published_at__isnull=False,
        ).select_related("main_image").order_by("-published_at")[:30]
    )
    return page(request, "portal/campaign.html", {"campaign": found, "days": days, "items": items})
