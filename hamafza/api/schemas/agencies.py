from django.http import HttpRequest
from ninja import Schema

from hamafza.agencies.registry import AgencyInfo, Registry, SectorInfo

from ..links import agency_url, media_url


class SectorOut(Schema):
    id: int
    code: str
    slug: str
    name: str
    color: str

    @classmethod
    def from_info(cls, info: SectorInfo) -> "SectorOut":
        return cls(id=info.id, code=info.code, slug=info.slug, name=info.name, color=info.color)


class AgencyOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    sectors: list[SectorOut]
    color: str
    logo_url: str | None
    status: str
    portal_url: str

    @classmethod
    def from_info(cls, info: AgencyInfo, registry: Registry, request: HttpRequest) -> "AgencyOut":
        return cls(
            id=info.id,
            slug=info.slug,
            name=info.name,
            short_name=info.short_name,
            kind=info.kind,
            parent_id=info.parent_id,
            sectors=[SectorOut.from_info(registry.sectors[s]) for s in info.sector_ids if s in registry.sectors],
            color=info.color,
            logo_url=media_url(request, info.logo),
            status=info.status,
            portal_url=agency_url(request, info.slug),
        )
