"""The home page: the lead story, the latest across agencies, a row per sector, the agencies.

A story appears once on the page: a sector row shows the sector's latest stories that are not
already above (not among the latest, nor in an earlier sector's row). Still two queries."""

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
    shown = {item.id for item in latest}
    # Twice the row's size: an item in two sectors shows in the first one's row only.
    rows = selectors.sector_rows(council.id, chrome.sector_ids, per_row=2 * PER_SECTOR, exclude=tuple(shown))
    sector_rows = []
    for sector in chrome.sectors:
        fresh = [item for item in rows.get(sector.id, ()) if item.id not in shown][:PER_SECTOR]
        shown.update(item.id for item in fresh)
        if fresh:
            sector_rows.append((sector, fresh))
    return page(request, "portal/home.html", {
        "lead_story": latest[0] if latest else None,
        "latest": latest[1:],
        "sector_rows": sector_rows,
    })
