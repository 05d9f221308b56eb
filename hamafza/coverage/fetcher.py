"""The coverage fetcher: reads the outlets' due feeds (or sitemaps), stores new entries, and
hands them to the matcher and the keyword alerts.

Politeness: requests go one at a time (so never two at once to one host), round-robin over the
hosts, and never closer than HOST_INTERVAL seconds (or the host's robots.txt Crawl-delay, up to a
minute) to the previous one on the same host. robots.txt is read once per host and kept for
ROBOTS_TTL (protego); a robots.txt that cannot be read (5xx, timeout) means «not now», a 4xx
means «no rules». Conditional GETs (ETag / Last-Modified) make an unchanged feed a 304 with no
body. Bodies are read up to MAX_BYTES and each request up to TIMEOUT seconds. Errors back off
exponentially (interval × 2^failures, at most MAX_BACKOFF); 429/503 honour Retry-After.
Where a feed entry carries only a summary (or the outlet has only a sitemap), the article page is
fetched and its text extracted (extract.article).

`run()` is the scheduler's work (apps.py registers `monitoring.fetch_feeds`, which enqueues `fetch_task`
when feeds are due); `run(client=...)` takes an httpx.Client (tests, bench/).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import time
import xml.etree.ElementTree as ET
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from hamafza.press.models import Outlet

from . import extract, matcher, netguard
from .models import FeedState, MonitoredEntry

logger = logging.getLogger("hamafza.coverage")

USER_AGENT = "HamafzaCoverage/1.0 (+https://hamafza.ir/coverage)"
TIMEOUT = 10.0
MAX_BYTES = 2 * 1024 * 1024
HOST_INTERVAL = 2.0
ROBOTS_TTL = 6 * 3600
MAX_BACKOFF = 24 * 3600
SUMMARY_ONLY = 400  # an entry with less text than this (characters) has its article fetched
ARTICLES_PER_FEED = 20  # article pages fetched per feed and pass
SITEMAP_DAYS = 3
MAX_REDIRECTS = 3


def _setting(name: str, default):
    return getattr(settings, f"HAMAFZA_COVERAGE_{name}", default)


class FetchError(Exception):
    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass
class Session:
    """One pass: the HTTP client, each host's last request and its robots rules."""

    client: httpx.Client
    interval: float = HOST_INTERVAL
    max_bytes: int = MAX_BYTES
    last: dict[str, float] = field(default_factory=dict)
    checked: dict[str, bool] = field(default_factory=dict)  # host → a public address (netguard)
    requests: int = 0

    def wait_for(self, host: str) -> None:
        gap = max(self.interval, _crawl_delay(host))
        previous = self.last.get(host)
        if previous is not None:
            delay = previous + gap - time.monotonic()
            if delay > 0:
                time.sleep(delay)

    def get(self, url: str, headers: dict | None = None, check_robots: bool = True) -> Answer:
        """GET with redirects followed by hand (at most MAX_REDIRECTS), so that every hop is
        checked like the first: a public address (netguard), robots.txt, politeness."""
        for _hop in range(MAX_REDIRECTS + 1):
            answer = self._get_once(url, headers, check_robots)
            location = answer.headers.get("location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                if not url.startswith(("http://", "https://")):
                    raise FetchError("redirect")
                continue
            return answer
        raise FetchError("too many redirects")

    def _get_once(self, url: str, headers: dict | None, check_robots: bool) -> Answer:
        host = _host_key(url)
        if host not in self.checked:
            self.checked[host] = netguard.public_url(url)
        if not self.checked[host]:
            raise FetchError("private address")
        if check_robots and not self.allowed(url):
            raise FetchError("robots.txt")
        self.wait_for(host)
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers={"User-Agent": USER_AGENT, **(headers or {})},
                                    timeout=TIMEOUT, follow_redirects=False) as r:
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError("too large", r.status_code)
                chunks, size = [], 0
                if r.status_code == 200:
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise FetchError("too large", r.status_code)
                        chunks.append(chunk)
                return Answer(r.status_code, r.headers, b"".join(chunks))
        except httpx.HTTPError as exc:
            raise FetchError(exc.__class__.__name__) from None
        finally:
            self.last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        host = _host_key(url)
        cached = _robots.get(host)
        now = time.monotonic()
        if cached is None or cached[0] < now:
            rules = self._read_robots(url)
            ttl = ROBOTS_TTL if rules != "unreachable" else 600
            _robots[host] = cached = (now + ttl, rules)
            while len(_robots) > 5000:
                _robots.popitem(last=False)
        rules = cached[1]
        if rules is None:
            return True
        if rules == "unreachable":
            return False
        return rules.can_fetch(url, USER_AGENT)

    def _read_robots(self, url: str):
        from protego import Protego

        parts = urlsplit(url)
        try:
            answer = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt", check_robots=False)
        except FetchError:
            return "unreachable"
        if answer.status >= 500 or answer.status == 429:
            return "unreachable"
        if answer.status != 200:
            return None  # no robots.txt: no rules
        return Protego.parse(answer.body[:512 * 1024].decode("utf-8", "replace"))


_robots: OrderedDict[str, tuple[float, object]] = OrderedDict()


def _crawl_delay(host: str) -> float:
    cached = _robots.get(host)
    if not cached or cached[1] in (None, "unreachable"):
        return 0.0
    delay = cached[1].crawl_delay(USER_AGENT)
    return min(float(delay), 60.0) if delay else 0.0


def forget_robots() -> None:
    _robots.clear()


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc or "").lower()


# ------------------------------------------------------------------------------------ parsing
@dataclass
class Found:
    url: str
    title: str = ""
    text: str = ""
    published: dt.datetime | None = None
    links: list[str] = field(default_factory=list)


def _struct_time(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def parse_feed(body: bytes, base: str) -> list[Found]:
    import feedparser

    parsed = feedparser.parse(body)
    out = []
    for e in parsed.entries[:200]:
        link = urljoin(base, e.get("link") or "")
        if not link.startswith(("http://", "https://")):
            continue
        html = ""
        if e.get("content"):
            html = max((c.get("value") or "" for c in e.content), key=len)
        summary = e.get("summary") or ""
        if len(summary) > len(html):
            html = summary
        out.append(Found(
            url=link[:500], title=extract.html_text(e.get("title") or "")[:300], text=extract.html_text(html),
            published=_struct_time(e.get("published_parsed") or e.get("updated_parsed")),
            links=[link, *(urljoin(link, h) for h in extract.html_links(html))],
        ))
    return out


_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_sitemap(body: bytes, now: dt.datetime) -> tuple[list[Found], list[str]]:
    """(recent article URLs, child sitemaps) of a sitemap or sitemap index."""
    if b"<!DOCTYPE" in body[:2048] or b"<!ENTITY" in body:
        raise FetchError("doctype")
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise FetchError("xml") from None
    if root.tag == f"{_SM}sitemapindex":
        return [], [(s.findtext(f"{_SM}loc") or "").strip() for s in root.findall(f"{_SM}sitemap")][:3]
    out = []
    since = now - dt.timedelta(days=SITEMAP_DAYS)
    for node in root.findall(f"{_SM}url"):
        loc = (node.findtext(f"{_SM}loc") or "").strip()
        if not loc.startswith(("http://", "https://")):
            continue
        stamp = node.findtext(f"{_SM}lastmod") or node.findtext(f"{_NEWS}news/{_NEWS}publication_date") or ""
        published = None
        if stamp:
            try:
                published = dt.datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
                if published.tzinfo is None:
                    published = published.replace(tzinfo=dt.UTC)
            except ValueError:
                published = None
        if published is not None and published < since:
            continue
        title = node.findtext(f"{_NEWS}news/{_NEWS}title") or ""
        out.append(Found(url=loc[:500], title=title[:300], published=published, links=[loc]))
    return out, []


# ------------------------------------------------------------------------------------ one feed
def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, (parsedate_to_datetime(value) - timezone.now()).total_seconds())
    except (TypeError, ValueError):
        return None


def _read_source(session: Session, state: FeedState, outlet: Outlet, now: dt.datetime) -> list[Found] | None:
    """The entries of the outlet's feed (or sitemap); None when unchanged (304)."""
    url = outlet.feed_url or outlet.sitemap_url
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    answer = session.get(url, headers)
    state.last_status = answer.status
    if answer.status == 304:
        return None
    if answer.status in (429, 503):
        raise FetchError(f"HTTP {answer.status}", answer.status, _retry_after(answer.headers))
    if answer.status != 200:
        raise FetchError(f"HTTP {answer.status}", answer.status)
    state.etag = (answer.headers.get("etag") or "")[:200]
    state.last_modified = (answer.headers.get("last-modified") or "")[:100]
    if outlet.feed_url:
        return parse_feed(answer.body, url)
    found, children = parse_sitemap(answer.body, now)
    for child in children:
        if child.startswith(("http://", "https://")):
            sub = session.get(child)
            if sub.status == 200:
                found.extend(parse_sitemap(sub.body, now)[0])
    return found


def _complete(session: Session, found: list[Found], known: set[str]) -> list[Found]:
    """New entries, each with its article's text where the feed had only a summary."""
    out, fetched = [], 0
    for f in found:
        if f.url in known:
            continue
        known.add(f.url)
        if len(f.text) < SUMMARY_ONLY and fetched < ARTICLES_PER_FEED:
            fetched += 1
            try:
                page = session.get(f.url)
            except FetchError as exc:
                logger.info("article %s: %s", f.url, exc)
                page = None
            if page is not None and page.status == 200:
                title, text, links = extract.article(page.body.decode("utf-8", "replace"))
                f.title = f.title or title[:300]
                if len(text) > len(f.text):
                    f.text = text
                f.links.extend(urljoin(f.url, h) for h in links)
        out.append(f)
    return out


def _store(outlet: Outlet, found: list[Found], now: dt.datetime) -> list[MonitoredEntry]:
    rows = []
    for f in found:
        tokens = matcher.folded_tokens(f"{f.title}\n{f.text}")
        rows.append(MonitoredEntry(
            council_id=outlet.council_id, outlet=outlet, url=f.url, title=f.title[:300],
            excerpt=" ".join(f.text.split())[:400], published=f.published, text=" ".join(tokens),
            links="\n".join(dict.fromkeys(link[:500] for link in f.links if link))[:20000], fetched_at=now,
        ))
    stored = []
    for row in rows:  # one by one: another pass may have stored the same URL meanwhile
        try:
            with transaction.atomic():
                row.save()
            stored.append(row)
        except IntegrityError:
            continue
    return stored


def fetch_one(session: Session, state: FeedState, now: dt.datetime) -> list[MonitoredEntry]:
    outlet = state.outlet
    try:
        found = _read_source(session, state, outlet, now)
        new: list[MonitoredEntry] = []
        if found:
            urls = [f.url for f in found]
            known = set(MonitoredEntry.objects.filter(council_id=outlet.council_id, url__in=urls).values_list("url", flat=True))
            new = _store(outlet, _complete(session, found, known), now)
        state.failures = 0
        state.last_error = ""
        state.entries_found += len(new)
        state.next_fetch_at = now + dt.timedelta(seconds=state.interval)
    except FetchError as exc:
        state.failures = min(state.failures + 1, 30)
        state.last_error = str(exc)[:300]
        if exc.status:
            state.last_status = exc.status
        backoff = min(state.interval * 2 ** state.failures, MAX_BACKOFF)
        if exc.retry_after is not None:
            backoff = max(backoff, min(exc.retry_after, MAX_BACKOFF))
        state.next_fetch_at = now + dt.timedelta(seconds=backoff)
        new = []
    state.last_fetched_at = now
    state.save(update_fields=["etag", "last_modified", "last_status", "last_error", "failures", "entries_found",
                              "next_fetch_at", "last_fetched_at"])
    return new


# ------------------------------------------------------------------------------------ the pass
def due(now: dt.datetime):
    return (FeedState.objects.filter(active=True).filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
            .exclude(outlet__feed_url="", outlet__sitemap_url="").select_related("outlet"))


def _round_robin(states: list[FeedState]) -> list[FeedState]:
    by_host: dict[str, list[FeedState]] = defaultdict(list)
    for s in states:
        by_host[_host_key(s.outlet.feed_url or s.outlet.sitemap_url)].append(s)
    queues = list(by_host.values())
    out = []
    while queues:
        for q in queues:
            out.append(q.pop(0))
        queues = [q for q in queues if q]
    return out


def run(now: dt.datetime | None = None, *, client: httpx.Client | None = None, budget: float = 50.0,
        limit: int = 1000, interval: float | None = None) -> dict:
    """Read the due feeds (within `budget` seconds), store new entries, match them and run the
    keyword alerts. Returns counts."""
    from . import alerts, recording

    now = now or timezone.now()
    started = time.monotonic()
    own_client = client is None
    client = client or httpx.Client(http2=False, limits=httpx.Limits(max_connections=4))
    session = Session(client, interval=_setting("HOST_INTERVAL", HOST_INTERVAL) if interval is None else interval,
                      max_bytes=_setting("MAX_BYTES", MAX_BYTES))
    states = _round_robin(list(due(now)[:limit]))
    new_by_council: dict[int, list[MonitoredEntry]] = defaultdict(list)
    read = 0
    try:
        lease = now + dt.timedelta(minutes=10)
        for state in states:
            if time.monotonic() - started > budget:
                break
            # Claim the feed (two passes may overlap): only the pass that moves its due time reads it.
            claimed = FeedState.objects.filter(pk=state.pk, next_fetch_at=state.next_fetch_at).update(next_fetch_at=lease)
            if not claimed:
                continue
            read += 1
            for entry in fetch_one(session, state, now):
                new_by_council[entry.council_id].append(entry)
    finally:
        if own_client:
            client.close()
    records = 0
    for council_id, entries in new_by_council.items():
        records += recording.match_entries(council_id, entries, now=now)
        alerts.run_alerts(council_id, entries)
    return {"feeds": read, "requests": session.requests, "entries": sum(map(len, new_by_council.values())),
            "coverage": records}
