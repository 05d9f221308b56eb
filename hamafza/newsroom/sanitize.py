"""The one place where rich text is cleaned (nh3, an allow-list HTML sanitizer)."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "q", "cite",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "figure", "figcaption", "img", "table", "thead",
    "tbody", "tr", "th", "td", "hr", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"dir"},
}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(html: str) -> str:
    """The text of an HTML fragment, for feeds, search and message previews."""
    import html as html_lib

    return html_lib.unescape(nh3.clean(html or "", tags=set())).strip()
