"""Text and links of an article page, and of a feed entry's HTML (selectolax).

Why not trafilatura: it pulls lxml, justext, htmldate, dateparser and courlan (tens of MB) for
what a news page needs here — the paragraphs of its body. The rule below is readability's core:
drop scripts, navigation, headers, footers, asides and forms; the body is the element whose
direct <p> children hold the most text (an <article> or itemprop=articleBody wins when present).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button"


def html_text(fragment: str) -> str:
    """A feed summary or content: its text, paragraphs on their own lines."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return fragment.strip()
    tree = HTMLParser(fragment)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    return root.text(separator=" ", strip=True)


def html_links(fragment: str) -> list[str]:
    if not fragment or "<a" not in fragment:
        return []
    return [a.attributes.get("href") or "" for a in HTMLParser(fragment).css("a[href]")]


def article(html: str) -> tuple[str, str, list[str]]:
    """(title, body text, links in the body) of a news page."""
    tree = HTMLParser(html)
    title_node = tree.css_first("meta[property='og:title']")
    title = (title_node.attributes.get("content") or "") if title_node else ""
    if not title:
        h1 = tree.css_first("h1") or tree.css_first("title")
        title = h1.text(strip=True) if h1 else ""
    for node in tree.css(_DROP):
        node.decompose()
    body = tree.css_first("[itemprop='articleBody']") or tree.css_first("article")
    if body is None:
        best, best_len = None, 0
        for p in tree.css("p"):
            parent = p.parent
            if parent is None:
                continue
            size = sum(len(c.text(strip=True)) for c in parent.iter() if c.tag == "p")
            if size > best_len:
                best, best_len = parent, size
        body = best
    if body is None:
        return title, "", []
    paragraphs = [p.text(separator=" ", strip=True) for p in body.css("p")] or [body.text(separator=" ", strip=True)]
    links = [a.attributes.get("href") or "" for a in body.css("a[href]")]
    return title, "\n".join(t for t in paragraphs if t), links
