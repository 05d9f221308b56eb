"""What every page of a council's portal shows around its content: the header colour and title,
the navigation by sector, the agencies in the footer, the static file URLs.

All of it follows from the registry, which changes only when staff edit a council, an agency or
a sector, so it is built once per (registry version, council) in each process, not per request;
so are the header, navigation and footer as HTML, once per language (`Chrome.frame`). What a page
shows of its news is rendered on every request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.files.storage import default_storage
from django.template import engines
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from markupsafe import Markup

from hamafza.agencies.registry import AgencyInfo, CouncilInfo, Registry, SectorInfo

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOR = "#0f766e"


def safe_color(value: str) -> str:
    """A colour that is safe to put inside a <style> element."""
    return value if _COLOR.match(value or "") else DEFAULT_COLOR


@dataclass(frozen=True)
class Assets:
    css: str
    print_css: str
    font: str


@dataclass(frozen=True)
class Chrome:
    council: CouncilInfo
    color: str
    agencies: tuple[AgencyInfo, ...]  # member agencies, in display order
    sectors: tuple[SectorInfo, ...]  # sectors the member agencies work in
    logos: dict[int, str]  # agency id → logo URL, for agencies that have one
    agency_paths: dict[int, str]  # agency id → its page on this portal, for the member agencies only
    sector_paths: dict[int, str]
    paths: dict[str, str]  # the fixed pages every page links to: home, feeds, sitemap, search, …
    agency_colors: dict[int, str]  # agency id → its safe_color, for the member agencies
    sector_colors: dict[int, str]  # sector id → its safe_color
    frames: dict[str | None, Frame] = field(default_factory=dict, compare=False, repr=False)

    def frame(self) -> Frame:
        """The header, navigation and footer of this portal in the active language."""
        language = translation.get_language()
        frame = self.frames.get(language)
        if frame is None:
            frame = self.frames[language] = Frame(self)
        return frame

    @property
    def title(self) -> str:
        return self.council.portal_title

    def has_agency(self, agency_id: int) -> bool:
        return agency_id in self.agency_paths

    def agency_path(self, agency_id: int) -> str | None:
        """The page of an agency on this council's portal, or None for an agency this portal does
        not show (another council's, named on a shared or republished story): the one rule by
        which every portal template decides between a link and plain text (macro `agency_link`)."""
        return self.agency_paths.get(agency_id)

    @cached_property
    def sector_ids(self) -> list[int]:
        return [s.id for s in self.sectors]


class Frame:
    """A portal's header (with the sectors' navigation), footer and agency strip as HTML, in one
    language: they follow from the registry alone, so each is rendered once (the header once per
    current sector) from its template under portal/frame/, not on every page. A header with a
    search in its box is rendered each time (the search page's)."""

    def __init__(self, chrome: Chrome):
        self.chrome = chrome
        self._headers: dict[int | None, Markup] = {}
        self._footer: Markup | None = None
        self._agencies: Markup | None = None

    def _render(self, name: str, **context) -> Markup:
        template = engines["jinja2"].env.get_template(f"portal/frame/{name}.html")
        return Markup(template.render(chrome=self.chrome, council=self.chrome.council, **context))

    def header(self, current: int | None = None, query: str = "") -> Markup:
        """`current`: the id of the sector whose page this is (marked aria-current)."""
        if query:
            return self._render("header", current=current, query=query)
        header = self._headers.get(current)
        if header is None:
            header = self._headers[current] = self._render("header", current=current, query="")
        return header

    def footer(self) -> Markup:
        if self._footer is None:
            self._footer = self._render("footer")
        return self._footer

    def agencies(self) -> Markup:
        if self._agencies is None:
            self._agencies = self._render("agencies")
        return self._agencies


# The pages every portal page links to (header and footer), by URL name in the portal namespace.
FIXED_PAGES = ("home", "feed_rss", "feed_atom", "sitemap", "search", "live_index", "board", "dashboard", "newsletter")


def _build(registry: Registry, council: CouncilInfo) -> Chrome:
    agencies = tuple(registry.council_agencies(council))
    used = {sid for agency in agencies for sid in agency.sector_ids}
    sectors = tuple(s for s in registry.ordered_sectors() if s.id in used)
    logos = {a.id: default_storage.url(a.logo) for a in registry.agencies.values() if a.logo}
    agency_paths = {a.id: reverse("portal:agency", kwargs={"slug": a.slug}) for a in agencies}
    sector_paths = {s.id: reverse("portal:sector", kwargs={"slug": s.slug}) for s in registry.sectors.values()}
    paths = {name: reverse(f"portal:{name}") for name in FIXED_PAGES}
    agency_colors = {a.id: safe_color(a.color) for a in agencies}
    sector_colors = {s.id: safe_color(s.color) for s in registry.sectors.values()}
    return Chrome(
        council, safe_color(council.color), agencies, sectors, logos, agency_paths, sector_paths, paths,
        agency_colors, sector_colors,
    )


# The chromes of the current registry object; a new registry (after any change) starts afresh.
_state: tuple[Registry, dict[int, Chrome]] | None = None


def chrome_for(registry: Registry, council: CouncilInfo) -> Chrome:
    global _state
    state = _state
    if state is None or state[0] is not registry:
        state = _state = (registry, {})
    chrome = state[1].get(council.id)
    if chrome is None:
        chrome = state[1][council.id] = _build(registry, council)
    return chrome


_assets: Assets | None = None


def assets() -> Assets:
    """Static file URLs (hashed names in production), resolved once per process."""
    global _assets
    if _assets is None:
        _assets = Assets(
            css=static("portal/css/portal.css"),
            print_css=static("portal/css/print.css"),
            font=static("portal/fonts/Vazirmatn-Variable.woff2"),
        )
    return _assets
