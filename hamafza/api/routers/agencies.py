"""The council's member agencies and the sectors, straight from the in-process registry."""

from django.http import HttpRequest
from ninja import Router

from ..http import conditional
from ..schemas.agencies import AgencyOut, SectorOut
from ..schemas.common import ERRORS
from ..tenancy import current_council, member_agency

router = Router(tags=["agencies"])


@router.get("agencies", response={200: list[AgencyOut], **ERRORS}, summary="Member agencies of this council")
@conditional
def list_agencies(request: HttpRequest):
    registry = request.registry
    council = current_council(request)
    return [AgencyOut.from_info(a, registry, request) for a in registry.council_agencies(council)]


@router.get("agencies/{slug}", response={200: AgencyOut, **ERRORS}, summary="One member agency")
@conditional
def get_agency(request: HttpRequest, slug: str):
    return AgencyOut.from_info(member_agency(request, slug), request.registry, request)


@router.get("sectors", response={200: list[SectorOut], **ERRORS}, summary="Sectors (transport modes, fields)")
@conditional
def list_sectors(request: HttpRequest):
    current_council(request)
    return [SectorOut.from_info(s) for s in request.registry.ordered_sectors()]
