"""The item cards of portal listings, written in Python rather than as Jinja macros.

A home page prints 37 cards, a listing page 20; as macros (card → image, meta → agency_link,
item_path, when, get_kind_display), a card cost some 50 template-level calls and most of the
page's CPU time (bench/README.md, «issue 17: home and feeds without the page cache»). These
functions print the same bytes the macros printed — portal/_macros.html keeps the macros'
names and calls these — and tests/portal/test_cards.py renders both, the old macros and these,
over items of every shape and compares them character for character.

Every value from the database is HTML-escaped (markupsafe.escape, as Jinja's autoescape does);
translated strings are not (Jinja's newstyle gettext marks them safe).
"""

from __future__ import annotations

from django.urls import get_script_prefix
from django.utils.translation import get_language, gettext
from markupsafe import Markup

from hamafza.newsroom.models import NewsItem

from .links import _quoted, when

# Jinja's `truncate` filter, as _macros.html applied it to a card's lead: 220 characters, a
# leeway of 5 (jinja2's default policy), cut at a word, "..." at the end.
LEAD_LENGTH = 220
LEAD_LEEWAY = 5
LEAD_END = "..."

_kind_labels: dict[tuple[str, str], str] = {}


try:  # the C function behind markupsafe.escape, without the Markup object escape() wraps its result in
    from markupsafe._speedups import _escape_inner as escape_text
except ImportError:  # pragma: no cover - markupsafe without its C extension (or a future one that moved it)

    def escape_text(value: str) -> str:
        return (
            value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;")
        )


def escape(value) -> str:
    """markupsafe.escape(value) as a plain str: the same five replacements, without a Markup
    object per value (a page escapes a few hundred)."""
    if type(value) is str:
        return escape_text(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_text(str(value))


def kind_label(kind: str) -> str:
    """NewsItem.get_kind_display() in the active language, remembered per (language, kind):
    Django's version rebuilds the choices' dictionary on every call."""
    key = (get_language() or "", kind)
    label = _kind_labels.get(key)
    if label is None:
        choices = dict(NewsItem._meta.get_field("kind").flatchoices)
        label = _kind_labels[key] = str(choices.get(kind, kind))
    return label


def truncate_lead(text: str) -> str:
    """jinja2.filters.do_truncate(env, text, 220) with the default leeway."""
    if len(text) <= LEAD_LENGTH + LEAD_LEEWAY:
        return text
    return text[: LEAD_LENGTH - len(LEAD_END)].rsplit(" ", 1)[0] + LEAD_END


CARD_SIZES = "(max-width: 40rem) 100vw, 24rem"


def image(img, eager: bool = False, sizes: str = CARD_SIZES) -> Markup:
    """A photo with its responsive renditions (WebP first, JPEG for the rest); `sizes` says how
    wide it is drawn, so a phone fetches the 480-pixel file rather than the master."""
    return Markup(image_html(img, eager, sizes))


def image_html(img, eager: bool = False, sizes: str = CARD_SIZES) -> str:
    webp = img.srcset("webp")
    if webp:
        esizes = escape_text(sizes)
        head = f'<picture><source type="image/webp" srcset="{escape_text(webp)}" sizes="{esizes}">'
        srcset = f' srcset="{escape_text(img.srcset("jpeg"))}" sizes="{esizes}"'
    else:
        head = srcset = ""
    dims = f' width="{_number(img.width)}" height="{_number(img.height)}"' if img.width else ""
    load = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (
        f'{head}<img src="{escape(img.url)}"{srcset} alt="{escape(img.alt)}"{dims} {load} decoding="async">'
        f'{"</picture>" if webp else ""}'
    )


def _number(value) -> str:
    # an int prints nothing HTML would need escaped
    return str(value) if type(value) is int else escape(value)


def agency_link(chrome, agency, short: bool = False) -> Markup:
    """An agency's name, linked to its page when this council's portal has one
    (chrome.agency_path); another council's agency is plain text, never a link that answers 404."""
    path = chrome.agency_path(agency.id)
    name = escape((agency.short_name or agency.name) if short else agency.name)
    if path:
        return Markup(f'<a href="{escape(path)}">{name}</a>')
    return Markup(f'<span class="agency-name">{name}</span>')


class CardWriter:
    """Prints cards for one page: the page's chrome and registry, the script prefix and the
    translated words looked up once per page rather than once per card."""

    def __init__(self, chrome, reg):
        self.chrome = chrome
        self.agencies = reg.agencies
        self.prefix = get_script_prefix()
        self._prefix_html = escape_text(self.prefix)
        self._quoted_from = gettext("به نقل از")
        self._agency_links: dict[int, Markup] = {}

    image = staticmethod(image)

    def agency_link(self, agency, short: bool = False) -> Markup:
        return agency_link(self.chrome, agency, short)

    def path(self, item) -> str:
        # = links.article_path(item.pk, item.slug), with the script prefix read once
        return f"{self.prefix}news/{item.id}/{_quoted(item.slug)}/"

    def _path_html(self, item) -> str:
        # the path, escaped: a percent-encoded slug (quote(safe="")) and an int need no escaping
        return f"{self._prefix_html}news/{_number(item.id)}/{_quoted(item.slug)}/"

    def agency(self, agency_id: int) -> Markup:
        link = self._agency_links.get(agency_id)
        if link is None:
            link = self._agency_links[agency_id] = agency_link(self.chrome, self.agencies[agency_id], short=True)
        return link

    def meta(self, item) -> Markup:
        return Markup(self._meta(item))

    def _meta(self, item) -> str:
        quoted = (
            f'<span class="card__quoted">{self._quoted_from} </span>'
            if getattr(item, "listing_role", None) == "republished" else ""
        )
        at = item.published_at
        # an ISO date and time (digits, «-», «:», «T», «+», «.») needs no escaping
        return (
            f'<p class="card__meta">{quoted}{self.agency(item.lead_agency_id)}<span aria-hidden="true"> · </span>'
            f'<time datetime="{at.isoformat()}">{escape_text(when(at))}</time></p>'
        )

    def card(self, item, with_lead: bool = False, heading: str = "h3") -> Markup:
        return Markup(self._card(item, with_lead, heading))

    def _card(self, item, with_lead: bool, heading: str = "h3") -> str:
        path = self._path_html(item)
        out = ['<article class="card">']
        if item.main_image:
            out.append(
                f'\n  <a class="card__media" href="{path}" tabindex="-1" aria-hidden="true">'
                f'{image_html(item.main_image)}</a>'
            )
        out.append('\n  <div class="card__body">')
        if item.kind and item.kind != "news":
            out.append(f'<p class="card__kind">{escape(kind_label(item.kind))}</p>')
        if item.kicker:
            out.append(f'<p class="kicker">{escape(item.kicker)}</p>')
        heading = escape(heading)
        out.append(f'\n    <{heading} class="card__title"><a href="{path}">{escape(item.title)}</a></{heading}>')
        if with_lead and item.lead:
            out.append(f'<p class="card__lead">{escape(truncate_lead(item.lead))}</p>')
        out.append(f"\n    {self._meta(item)}\n  </div>\n</article>")
        return "".join(out)

    def cards(self, items, with_lead: bool = False) -> Markup:
        return Markup('<div class="cards">' + "".join("\n" + self._card(i, with_lead) for i in items) + "\n</div>")
