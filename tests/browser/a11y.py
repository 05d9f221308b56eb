"""Accessibility and reachability checks shared by the browser tests.

`check_axe(page)` runs the vendored axe-core (tests/browser/vendor/, MPL-2.0; nothing downloads at
test time) on the page as it is and fails with a readable list of every serious or critical
violation. `crawl_links(page)` fetches every same-origin link of the page and fails on any answer
that is not 2xx. `AXE_RUNS` counts the axe checks of the session (printed in pytest's summary).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text(encoding="utf-8")
SERIOUS = ("serious", "critical")
# WCAG 2.0/2.1/2.2 A and AA plus axe's best practices (landmarks, one main, skip link targets).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

AXE_RUNS = {"checks": 0, "pages": set(), "axe_seconds": 0.0, "crawl_seconds": 0.0, "links": 0}
_CRAWLED: dict[str, int] = {}

# Links that answer non-2xx today because of a defect of issue 13 that another branch fixes. The
# crawl reports them in the summary instead of failing; once the fix is merged the entry must go:
# a link listed here that answers 2xx fails the crawl, so a stale entry cannot hide a regression.
AWAITING_MERGE: list[tuple[re.Pattern, int, str]] = [
]
AWAITING_HITS: dict[str, set[str]] = {}


def awaiting_merge(url: str, status: int) -> str | None:
    path = unquote(urlsplit(url).path)
    for pattern, expected, reason in AWAITING_MERGE:
        if pattern.search(path):
            assert status == expected, (
                f"{url} answers {status} now: remove its entry from AWAITING_MERGE in tests/browser/a11y.py ({reason})")
            AWAITING_HITS.setdefault(reason, set()).add(path)
            return reason
    return None


def axe_results(page) -> dict:
    # evaluate() runs through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    # Fonts first: axe tells an icon ligature («undo» drawn as an arrow by the editor's icon font)
    # from text by drawing it, so a font still loading on a busy machine reads as a mismatched name.
    page.evaluate("() => document.fonts.ready.then(() => document.fonts.status)")
    return page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:4]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:220]
            lines.append(f"    {target}  —  {node['html'][:160]}  —  {summary}")
    return "\n".join(lines)


def check_axe(page, label: str = "") -> None:
    """Zero serious or critical axe violations on the page as it now is."""
    started = time.monotonic()
    result = axe_results(page)
    AXE_RUNS["axe_seconds"] += time.monotonic() - started
    AXE_RUNS["checks"] += 1
    AXE_RUNS["pages"].add(urlsplit(page.url).path)
    bad = [v for v in result["violations"] if v.get("impact") in SERIOUS]
    if bad and os.environ.get("HAMAFZA_AXE_LIST_ONLY"):  # survey mode: list everything, fail nothing
        print(f"\nAXE {label or page.url}:\n{describe(bad)}")
        return
    assert not bad, f"axe: serious/critical violations on {label or page.url}:\n{describe(bad)}"


def same_origin_links(page) -> list[str]:
    base = page.url
    origin = urlsplit(base)[:2]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if urlsplit(url)[:2] == origin and url not in out:
            out.append(url)
    return out


def link_shape(url: str) -> str:
    """A link with its numbers and news slugs folded: /news/12/x/ and /news/13/y/ are one shape."""
    parts = urlsplit(url)
    path = re.sub(r"/news/\d+/[^/]+/", "/news/N/slug/", unquote(parts.path))
    return re.sub(r"\d+", "N", path) + ("?" + re.sub(r"\d+", "N", parts.query) if parts.query else "")


# Fetches the crawl's links from inside the page, four at a time (the live server is threaded):
# the same cookies and the same origin as a click, redirects followed. A fetch the page cannot make
# (status 0) is asked again through Playwright's request API.
FETCH_STATUSES_JS = """async (urls) => {
  const out = {}; let next = 0;
  const worker = async () => { while (next < urls.length) { const url = urls[next++];
    try { const r = await fetch(url, {credentials: 'same-origin', redirect: 'follow', cache: 'no-store'}); out[url] = r.status; r.body && r.body.cancel(); }
    catch (e) { out[url] = 0; } } };
  await Promise.all([0, 1, 2, 3].map(worker));
  return out;
}"""


def fetch_statuses(page, urls: list[str]) -> dict[str, int]:
    if not urls:
        return {}
    try:
        statuses = page.evaluate(FETCH_STATUSES_JS, urls)
    except Exception:  # a page without a document to fetch from (a download, a navigation in flight)
        statuses = {url: 0 for url in urls}
    for url, status in statuses.items():
        if not status:
            statuses[url] = page.request.get(url, max_redirects=5).status
    return statuses


def crawl_links(page, label: str = "", skip=None, urls: list[str] | None = None) -> int:
    """Every same-origin link of the page answers 2xx to the same person (redirects followed).
    One link of each shape is fetched per person and session (the other items of a list answer
    as their first one does; this keeps the crawl of a whole persona walk to seconds). `skip`
    leaves out links the caller opens itself (a crawler that visits them checks their status);
    `urls` crawls those instead of the page's links."""
    cookie = ";".join(sorted(f"{c['name']}={c['value']}" for c in page.context.cookies() if c["name"] == "sessionid"))
    bad = []
    started = time.monotonic()
    links = [url for url in (same_origin_links(page) if urls is None else urls) if not (skip and skip(url))]
    todo, keys = [], {}
    for url in links:
        key = keys[url] = f"{cookie}|{link_shape(url)}"
        if key not in _CRAWLED and key not in {keys[u] for u in todo}:
            todo.append(url)
    for url, status in fetch_statuses(page, todo).items():
        _CRAWLED[keys[url]] = status
        AXE_RUNS["links"] += 1
    for url in links:
        status = _CRAWLED[keys[url]]
        if not 200 <= status < 300 and not awaiting_merge(url, status):
            bad.append(f"{status} {url}")
    AXE_RUNS["crawl_seconds"] += time.monotonic() - started
    if bad and os.environ.get("HAMAFZA_AXE_LIST_ONLY"):
        print(f"\nLINKS {label or page.url}:\n" + "\n".join(bad))
        return len(bad)
    assert not bad, f"links on {label or page.url} that do not answer 2xx:\n" + "\n".join(bad)
    return len(bad)


def note_visit(page, url: str, status: int) -> None:
    """A page the caller opened itself counts as crawled for this person (no second fetch)."""
    cookie = ";".join(sorted(f"{c['name']}={c['value']}" for c in page.context.cookies() if c["name"] == "sessionid"))
    _CRAWLED.setdefault(f"{cookie}|{link_shape(url)}", status)


def focus_ring(page) -> dict:
    """The focused element and how its focus is drawn (computed outline and box-shadow)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return {tag: 'body', visible: false};
            const drawn = (e) => { const c = getComputedStyle(e);
                return (c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0) || (c.boxShadow && c.boxShadow !== 'none'); };
            const s = getComputedStyle(el);
            // a visually hidden box (a chip's checkbox) shows its focus on the label around it
            const holder = el.closest('label') || el;
            return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
                    name: el.getAttribute('name') || '', cls: el.className || '', type: el.type || '',
                    focusVisible: el.matches(':focus-visible'), visible: drawn(el) || (holder !== el && drawn(holder)),
                    outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, shadow: s.boxShadow};
        }"""
    )


def walk_step(page, screenshot, name: str, phone: bool = False) -> None:
    """One page of a persona's walk: zero serious/critical axe findings, every link 2xx, a
    screenshot (and, with `phone`, one more at 390×844 that must not scroll sideways and whose
    tap targets are at least 24×24 px)."""
    check_axe(page, name)
    crawl_links(page, name)
    screenshot(page, name)
    if phone:
        size = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} scrolls sideways on a phone"
        small = tap_targets(page, name)
        assert not small, f"{name}: targets under 24×24 px on a phone (WCAG 2.5.8):\n" + "\n".join(small)
        screenshot(page, f"{name}-phone")
        page.set_viewport_size(size)


# WCAG 2.2 SC 2.5.8 Target Size (Minimum): every link, button and form control is at least
# 24×24 CSS px, unless it is inline in a sentence, or the 24 px circle around its centre touches no
# other target (nor another small target's circle). On a phone, primary actions and calendar
# entries are at least 44×44 px.
TAP_TARGETS_JS = """() => {
  const visible = (el) => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 1 && r.height > 1 && parseFloat(s.opacity) > 0; };
  const name = (el) => (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.id || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const seen = new Set(), targets = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab]')) {
    let t = el;
    // a checkbox or radio button is tapped through its label as well: the label is the target
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels && el.labels[0] && visible(el.labels[0])) t = el.labels[0];
    // a visually hidden control (a chip's checkbox, the file input) is tapped through its label
    if (!visible(el) || el.getBoundingClientRect().width < 4) { t = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)); if (!t || !visible(t)) continue; }
    if (t.closest('[inert], [aria-hidden=true], .sr-only, .skip-link')) continue;
    if (seen.has(t)) continue; seen.add(t); targets.push(t);
  }
  const sentence = (el) => { // inline in a run of text: the block around it has words outside the target
    if (!['inline', 'inline-block'].includes(getComputedStyle(el).display) || el.tagName !== 'A') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    let outside = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { const n = walker.currentNode; if (!targets.some(x => x.contains(n))) outside += n.textContent; }
    return outside.replace(/[\\s·•|،,\\-–—/()«»:]/g, '').length >= 12;
  };
  const boxes = targets.map(el => { const r = el.getBoundingClientRect();
    return {el, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height, cx: r.left + scrollX + r.width / 2, cy: r.top + scrollY + r.height / 2}; });
  const small = boxes.filter(b => (b.w < 23.5 || b.h < 23.5) && !sentence(b.el));
  const out = [];
  for (const b of small) {
    const crowded = boxes.some(o => {
      if (o === b || o.el.contains(b.el) || b.el.contains(o.el)) return false;
      if (small.includes(o)) return Math.hypot(o.cx - b.cx, o.cy - b.cy) < 24;
      const dx = Math.max(o.x - b.cx, 0, b.cx - (o.x + o.w)), dy = Math.max(o.y - b.cy, 0, b.cy - (o.y + o.h));
      return Math.hypot(dx, dy) < 12;
    });
    if (crowded) {
      const path = [];
      for (let e = b.el; e && e !== document.body && path.length < 3; e = e.parentElement) path.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
      out.push(`${Math.round(b.w)}×${Math.round(b.h)} ${path.join(' > ')} «${name(b.el)}»`);
    }
  }
  // Where it matters the target is 44 px on a phone: primary actions and calendar entries.
  if (innerWidth <= 640) for (const el of document.querySelectorAll('.btn.primary, .cal-month .ev')) {
    if (!visible(el) || el.closest('[inert], [aria-hidden=true]')) continue;
    const r = el.getBoundingClientRect();
    if (r.height < 43.5 || r.width < 43.5) out.push(`${Math.round(r.width)}×${Math.round(r.height)} under 44 px: ${el.tagName.toLowerCase()}.${[...el.classList].join('.')} «${name(el)}»`);
  }
  return out;
}"""

TAP_FINDINGS: dict[str, set[str]] = {}


def tap_targets(page, label: str = "") -> list[str]:
    """Targets of the page (at its current viewport) smaller than 24×24 CSS px without the inline
    or spacing exception; recorded per page in TAP_FINDINGS."""
    found = page.evaluate(TAP_TARGETS_JS)
    AXE_RUNS["tap_pages"] = AXE_RUNS.get("tap_pages", 0) + 1
    if found:
        TAP_FINDINGS.setdefault(label or urlsplit(page.url).path, set()).update(found)
    return found
