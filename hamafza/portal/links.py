"""URLs and metadata of portal pages: article paths, share links, schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import get_script_prefix
from django.utils.translation import gettext as _
from markupsafe import Markup

from hamafza.agencies.registry import AgencyInfo, CouncilInfo
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali


def article_path(item_id: int, slug: str) -> str:
    """The path of `portal:article` without a reverse() per call: listings print dozens of them.
    tests/portal/test_links.py keeps it equal to reverse()."""
    return f"{get_script_prefix()}news/{item_id}/{_quoted(slug)}/"


@lru_cache(maxsize=20_000)
def _quoted(slug: str) -> str:
    # Percent-encoding a Persian slug byte by byte is the costliest part of a path; the same
    # slugs are printed on every request of the home and listing pages.
    return quote(slug, safe="")


@lru_cache(maxsize=20_000)
def when(value: dt.datetime) -> str:
    """«۵ آذر ۱۴۰۵، ۱۴:۳۰», remembered: a page shows the same few dozen items request after
    request, and each conversion to Jalali costs more than the rest of its card."""
    return jalali.format_datetime(value)


def item_path(item: NewsItem) -> str:
    return article_path(item.pk, item.slug)


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    url: str
    copy: str = ""  # a platform without a share address: the text to paste into it


def share_links(url: str, title: str, allowed=None, short: str = "") -> list[ShareLink]:
    """Links that open each messenger's share dialog with the article's title and address: the
    domestic messengers first, then the foreign ones the council allows (`allowed`: the
    council's platforms, policy.allowed_platforms; None: every one). Rubika has no share address
    on the web: its entry is the text to copy and paste (with the short address, `short`)."""
    both = urlencode({"url": url, "text": title})
    links = [
        ShareLink("bale", _("بله"), f"https://ble.ir/share/url?{both}"),
        ShareLink("eitaa", _("ایتا"), f"https://eitaa.com/share/url?{both}"),
        ShareLink("rubika", _("روبیکا"), "", copy=f"{title}\n{short or url}"),
        ShareLink("telegram", _("تلگرام"), f"https://t.me/share/url?{both}"),
        ShareLink("whatsapp", _("واتس‌اپ"), "https://wa.me/?" + urlencode({"text": f"{title}\n{url}"})),
        ShareLink("x", _("ایکس"), f"https://x.com/intent/post?{both}"),
    ]
    return [link for link in links if allowed is None or link.key in allowed]


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> element, safe against «</script>»."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def news_article_ld(
    item: NewsItem, *, url: str, image_url: str | None, lead: AgencyInfo,
    supporting: list[AgencyInfo], council: CouncilInfo, home_url: str,
) -> Markup:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": item.title[:110],
        "description": item.lead,
        "inLanguage": "fa-IR",
        "datePublished": item.published_at.isoformat(),
        "dateModified": max(item.published_at, item.updated_at).isoformat(),
        "author": [{"@type": "GovernmentOrganization", "name": a.name} for a in [lead, *supporting]],
        "publisher": {"@type": "Organization", "name": council.portal_title, "url": home_url},
    }
    if image_url:
        data["image"] = [image_url]
    if item.kicker:
        data["alternativeHeadline"] = item.kicker
    return json_ld(data)
