"""The council (tenant) a request came to, and lookups scoped to it. Names come from the
in-process registry: no query."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from hamafza.agencies.registry import AgencyInfo, CouncilInfo, SectorInfo

from .errors import NotFound


def current_council(request: HttpRequest) -> CouncilInfo:
    council = getattr(request, "council", None)
    if council is None:
        raise NotFound(_("هنوز هیچ شورایی در این سامانه تعریف نشده است."))
    return council


def member_agency(request: HttpRequest, slug: str) -> AgencyInfo:
    """A member agency of the current council; 404 for any other slug."""
    council = current_council(request)
    agency = request.registry.agencies_by_slug.get(slug)
    if agency is None or agency.id not in council.member_ids:
        raise NotFound(_("دستگاهی با این نامک در این شورا نیست."))
    return agency


def sector_by_key(request: HttpRequest, key: str) -> SectorInfo:
    """A sector by its Persian slug or its code (road, rail, …)."""
    registry = request.registry
    sector = registry.sectors_by_slug.get(key) or next(
        (s for s in registry.sectors.values() if s.code == key), None
    )
    if sector is None:
        raise NotFound(_("بخشی با این نامک یا کد نیست."))
    return sector
