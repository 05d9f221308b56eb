"""The registry of councils, agencies and sectors, held in each process.

It changes only when back-office staff edit an agency, a council or a sector, yet the portal
reads it on every request (host → council, names and colours of agencies and sectors). Each
process keeps a copy and checks one version number in the shared cache per request; saving any
of those models bumps the version (signals.py), so every process reloads on its next request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.core.cache import cache

VERSION_KEY = "hamafza:registry:version"


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str
    short_name: str
    slug: str
    kind: str
    color: str
    logo: str  # storage name, "" when none
    parent_id: int | None
    status: str
    sector_ids: tuple[int, ...]


@dataclass(frozen=True)
class SectorInfo:
    id: int
    code: str
    name: str
    slug: str
    color: str


@dataclass(frozen=True)
class CouncilInfo:
    id: int
    name: str
    short_name: str
    slug: str
    region: str
    hostname: str | None
    portal_title: str
    portal_tagline: str
    color: str
    head_agency_id: int
    member_ids: tuple[int, ...]  # agencies whose news shows on the portal, in display order
    observer_ids: tuple[int, ...]
    platforms: frozenset[str] = frozenset()  # allowed platforms (agencies/messengers.py)


@dataclass(frozen=True)
class Registry:
    version: int
    agencies: dict[int, AgencyInfo] = field(default_factory=dict)
    agencies_by_slug: dict[str, AgencyInfo] = field(default_factory=dict)
    sectors: dict[int, SectorInfo] = field(default_factory=dict)
    sectors_by_slug: dict[str, SectorInfo] = field(default_factory=dict)
    councils: dict[int, CouncilInfo] = field(default_factory=dict)
    councils_by_host: dict[str, CouncilInfo] = field(default_factory=dict)
    default_council: CouncilInfo | None = None

    def council_for_host(self, host: str) -> CouncilInfo | None:
        return self.councils_by_host.get(host.lower().split(":")[0], self.default_council)

    def council_agencies(self, council: CouncilInfo) -> list[AgencyInfo]:
        return [self.agencies[i] for i in council.member_ids if i in self.agencies]

    def ordered_sectors(self) -> list[SectorInfo]:
        return list(self.sectors.values())


_lock = threading.Lock()
_current: Registry | None = None


def _load(version: int) -> Registry:
    from .messengers import default_platforms
    from .models import Agency, Council, CouncilMembership, Sector

    sectors = {
        s.id: SectorInfo(s.id, s.code, s.name, s.slug, s.color) for s in Sector.objects.order_by("order", "id")
    }
    sector_links: dict[int, list[int]] = {}
    for agency_id, sector_id in Agency.sectors.through.objects.values_list("agency_id", "sector_id"):
        sector_links.setdefault(agency_id, []).append(sector_id)
    agencies = {
        a.id: AgencyInfo(
            a.id, a.name, a.short_name, a.slug, a.kind, a.color, a.logo.name or "", a.parent_id, a.status,
            tuple(sorted(sector_links.get(a.id, []))),
        )
        for a in Agency.objects.order_by("order", "name")
    }
    members: dict[int, list[int]] = {}
    observers: dict[int, list[int]] = {}
    for m in CouncilMembership.objects.order_by("agency__order", "agency__name").values("council_id", "agency_id", "role"):
        target = observers if m["role"] == CouncilMembership.Role.OBSERVER else members
        target.setdefault(m["council_id"], []).append(m["agency_id"])
    councils = {}
    for c in Council.objects.order_by("id"):
        councils[c.id] = CouncilInfo(
            c.id, c.name, c.short_name, c.slug, c.region, c.hostname, c.portal_title, c.portal_tagline,
            c.color, c.head_agency_id, tuple(members.get(c.id, [])), tuple(observers.get(c.id, [])),
            frozenset(c.platforms if isinstance(c.platforms, list) else default_platforms()),
        )
    by_host = {c.hostname.lower(): c for c in councils.values() if c.hostname}
    return Registry(
        version=version,
        agencies=agencies,
        agencies_by_slug={a.slug: a for a in agencies.values()},
        sectors=sectors,
        sectors_by_slug={s.slug: s for s in sectors.values()},
        councils=councils,
        councils_by_host=by_host,
        default_council=next(iter(councils.values()), None),
    )


def get_registry() -> Registry:
    """The current registry: one cache read per call, a database load only after a change."""
    global _current
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        if _current is None or _current.version != version:
            _current = _load(version)
        return _current


def loaded() -> Registry | None:
    """The registry this process holds now, without asking the cache whether it is current (a
    lean path that only maps a host name to its council, which changes rarely)."""
    return _current


def invalidate() -> None:
    """Make every process reload the registry on its next request."""
    global _current
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    _current = None
