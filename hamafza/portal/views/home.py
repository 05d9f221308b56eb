"""The home page: the lead story, the latest across agencies, a row per sector, the agencies."""

from django.http import HttpRequest, HttpResponse

from hamafza.newsroom import selectors

from ..chrome import chrome_for
from .base import page, portal_view

LATEST = 13  # the lead story and twelve more
PER_SECTOR = 4


@portal_view
def home(request: HttpRequest) -> HttpResponse:
    council = request.council
    chrome = chrome_for(request.registry, council)
    latest = selectors.council_latest(council.id, 0, LATEST)
    rows = selectors.sector_rows(council.id, chrome.sector_ids, per_row=PER_SECTOR)
    sector_rows = [(sector, rows[sector.id]) for sector in chrome.sectors if rows.get(sector.id)]
    return page(request, "portal/home.html", {
        "lead_story": latest[0] if latest else None,
        "latest": latest[1:],
        "sector_rows": sector_rows,
    })
