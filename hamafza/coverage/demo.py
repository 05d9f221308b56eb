"""A few days of coverage for the Khuzestan demo: four outlets kept by the head agency (shared
with the council), their reprints of recent demo items — in other spellings, with new headlines
and cut paragraphs — matched by the real matcher, one borderline quote waiting for review, an
unrelated article, and a keyword alert («شلمچه»). The bulletin of yesterday is never empty."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hamafza.newsroom.models import NewsItem
from hamafza.press.models import Outlet
from hamafza.search.indexing import item_text

from . import matcher, recording
from .models import FeedState, KeywordAlert, MonitoredEntry

OUTLETS = [
    ("خبرگزاری جنوب", Outlet.Kind.AGENCY, "https://jonoob-news.example", "/rss"),
    ("روزنامه کارون", Outlet.Kind.NEWSPAPER, "https://karoun-daily.example", ""),
    ("پایگاه خبری اروند", Outlet.Kind.SITE, "https://arvand.example", "/feed"),
    ("شبکه خوزستان", Outlet.Kind.BROADCAST, "https://khuzestan-tv.example", "/news/rss"),
]
PREFIXES = ["به گزارش خبرگزاری جنوب از اهواز، ", "به گزارش روزنامه کارون، ", "به گزارش اروند به نقل از روابط عمومی، ",
            "به گزارش خبرنگار شبکه خوزستان، "]
DELAYS = [dt.timedelta(minutes=m) for m in (25, 50, 95, 180, 300, 40, 70)]


def _respell(text: str, n: int) -> str:
    if n % 3 == 0:
        return text.replace("\u200c", " ")
    if n % 3 == 1:
        return text.replace("\u200c", "").replace("ی", "ي").replace("ک", "ك")
    return text


_TITLE = "پیش‌بینی هوای هفته"
_BEFORE = "پیش‌بینی هوای هفته در جنوب کشور: مه صبحگاهی و وزش باد. در خوزستان "
_AFTER = (" در استان بوشهر نیز صیادان تا پایان هفته به دریا نمی‌روند و در سیستان و بلوچستان وزش باد همراه با"
          " گرد و خاک پیش‌بینی شده است و هشدار سطح زرد صادر شده است.")


def _borderline(index: matcher.ItemIndex, lead: NewsItem) -> str:
    """A weather round-up quoting the start of `lead`: as many of its words as make the matcher
    call it borderline (a pending record for the review page). The share depends on the item's
    length, and which item is newest on the demo's day depends on the hour it was loaded: a
    fixed number of words was sometimes a sure match, and the review page had nothing to show."""
    words = item_text(lead).split()
    quote = _BEFORE + " ".join(words[:40]) + _AFTER
    for k in range(matcher.RUN + matcher.MIN_SHARED, len(words)):
        text = _BEFORE + " ".join(words[:k]) + _AFTER
        # as the entry will be matched: its title, then its text
        verdict = next((v for v in index.match(matcher.folded_tokens(f"{_TITLE}\n{text}")) if v.item_id == lead.pk), None)
        if verdict is not None:
            if not verdict.confirmed:
                return text
            break  # a match already: the first borderline length was missed, keep the default
    return quote


def load_demo(councils: dict, agencies: dict, users: dict) -> int:
    council = councils["khz"]
    head = agencies["rahshahr"]
    now = timezone.now()
    outlets = []
    for name, kind, site, feed in OUTLETS:
        outlet, _created = Outlet.objects.get_or_create(
            council=council, agency=head, name=name,
            defaults={"kind": kind, "site_url": site, "feed_url": site + feed if feed else "",
                      "sitemap_url": "" if feed else site + "/sitemap.xml", "shared": True, "province": "خوزستان"})
        FeedState.objects.get_or_create(outlet=outlet, defaults={
            "council": council, "last_fetched_at": now - dt.timedelta(minutes=6), "last_status": 304,
            "next_fetch_at": now + dt.timedelta(minutes=9), "entries_found": 0})
        outlets.append(outlet)
    FeedState.objects.filter(outlet=outlets[3]).update(last_status=503, failures=2, last_error="HTTP 503",
                                                       next_fetch_at=now + dt.timedelta(hours=1))
    items = list(NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, lead_agency_id__in=list(
        council.agencies.values_list("pk", flat=True)), published_at__gte=now - dt.timedelta(days=6))
        .order_by("-published_at")[:12])
    rows = [(i.pk, i.lead_agency_id, i.published_at, " ".join(matcher.folded_tokens(item_text(i)))) for i in items]
    index = matcher.ItemIndex(council.pk, rows=rows, hostname=council.hostname)
    entries = []
    for n, item in enumerate(items):
        for k in range(1 + n % 3):  # one to three outlets carried each item
            outlet = outlets[(n + k) % 3]
            paragraphs = [p for p in item_text(item).split("\n")[2:] if p.strip()]
            keep = paragraphs if k == 0 else paragraphs[: max(2, len(paragraphs) - 1)]
            title = f"{item.title.split()[0]} {item.title.split()[1]}: {outlet.name} گزارش می‌دهد"
            body = _respell(PREFIXES[(n + k) % 4] + "\n".join(keep), n + k)
            when = min(item.published_at + DELAYS[(n + k) % len(DELAYS)] * (k + 1), now - dt.timedelta(minutes=5))
            entries.append(MonitoredEntry(
                council=council, outlet=outlet, url=f"{outlet.site_url}/news/{item.pk}{k}", title=title[:300],
                excerpt=" ".join(body.split())[:400], published=when,
                text=" ".join(matcher.folded_tokens(f"{title}\n{body}")), fetched_at=when + dt.timedelta(minutes=7)))
    if items:  # a borderline quote and an unrelated article on the same topics
        quote = _borderline(index, items[0])
        unrelated = ("ترافیک سنگین در ورودی‌های اهواز؛ پلیس راهور از رانندگان خواست در ساعت‌های اوج از مسیرهای "
                     "جایگزین استفاده کنند. تردد زائران در مرز شلمچه نیز روان گزارش شده است.")
        for k, (title, body) in enumerate([(_TITLE, quote), ("ترافیک سنگین در ورودی‌های اهواز", unrelated)]):
            entries.append(MonitoredEntry(
                council=council, outlet=outlets[2], url=f"{outlets[2].site_url}/roundup/{k}", title=title,
                excerpt=body[:400], published=now - dt.timedelta(hours=3 + k),
                text=" ".join(matcher.folded_tokens(f"{title}\n{body}")), fetched_at=now - dt.timedelta(hours=2)))
    MonitoredEntry.objects.bulk_create(entries)
    saved = list(MonitoredEntry.objects.filter(council=council).order_by("id"))
    made = recording.match_entries(council.pk, saved, now=now, index=index)
    for outlet in outlets:
        FeedState.objects.filter(outlet=outlet).update(entries_found=sum(1 for e in saved if e.outlet_id == outlet.pk))
    owner = users.get("rahdari-head")
    if owner is not None:
        KeywordAlert.objects.create(council=council, agency=agencies["rahdari"], created_by=owner, query="شلمچه",
                                    last_entry_id=max((e.pk for e in saved), default=0))
    return made
