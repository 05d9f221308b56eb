"""The home page: the lead story, the latest across agencies, a row per sector, the agencies.

A story appears once on the page: a sector row shows the sector's latest stories that are not
already above (not among the latest, nor in an earlier sector's row). Two queries: the ids of
every listing on the page, then the items shown (selectors.front_page)."""

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
    # Twice the row's size looked ahead: an item in two sectors shows in the first one's row only.
    front = selectors.front_page(council.id, LATEST, chrome.sector_ids, per_row=PER_SECTOR, lookahead=2 * PER_SECTOR)
    sectors = {sector.id: sector for sector in chrome.sectors}
    return page(request, "portal/home.html", {
        "lead_story": front.latest[0] if front.latest else None,
        "latest": front.latest[1:],
        "sector_rows": [(sectors[sector_id], items) for sector_id, items in front.sector_rows],
    })
