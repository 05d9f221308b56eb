"""One Persian number format on every page people read (defect 14 of issue 13): the demo's portal
and workspace pages, as the public and as staff, a head and the secretariat, are crawled and their
visible text is scanned for

- a comma between digits («۳,۷۴۲» or «3,742»): thousands are separated by «٬» (U+066C), through
  persian.digits.format_number and the fanum/figure/percent filters;
- Latin digits inside Persian text («۱۴ آذر 1405»): a number in a Persian sentence is written
  in Persian digits.

Code, URLs and identifiers (`<code>`, `<kbd>`, `<samp>`, `<pre>`, anything marked `lang="en"` or
`dir="ltr"`) stay Latin by design (defect 6) and are not scanned, nor are scripts, styles or
attribute values. The API's texts for people are checked for the comma too.

Vazirmatn draws «٬» exactly like a Latin comma, so two pages can look mixed on screen only if one
of them uses another font; this test reads the characters, which is what a screen reader, a copy
and a search engine get."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from hamafza.accounts.models import CouncilRole, Membership, User
from tests.demo.conftest import load_demo
from tests.personas import sign_in_verified

COMMA_BETWEEN_DIGITS = re.compile(r"[0-9۰-۹],[0-9۰-۹]")
PERSIAN_LETTER = re.compile(r"[\u0622-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
LATIN_NUMBER = re.compile(r"(?<![A-Za-z0-9_./:@#-])[0-9]+(?![A-Za-z0-9_/@-])")
# A Latin name with its number stays Latin: «ISO 9001», «Windows 11», «API v1».
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*(\s+[0-9][0-9.]*)+")
SKIP_ELEMENTS = {"script", "style", "code", "kbd", "samp", "pre", "svg", "textarea", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PAGES_PER_ROUTE = 1
MAX_PAGES = 50
NO_FOLLOW = re.compile(r"\.(xml|csv|json|ics|pdf|xlsx|txt|jpg|png|webp|svg)$|/feeds?/|/media/|/static/|sign-out|/download/|"
                       r"/pdf/|/export|/api/|/ical/|calendar/feed")


class VisibleText(HTMLParser):
    """The text nodes a reader sees, outside code and Latin (`lang="en"`/`dir="ltr"`) fragments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content skipped?
        self.texts: list[str] = []
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.add(attrs["href"])
        if tag in VOID:
            return
        skipped = (bool(self.stack) and self.stack[-1]) or tag in SKIP_ELEMENTS or attrs.get("lang", "").startswith("en") \
            or attrs.get("dir") == "ltr" or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        self.stack.append(skipped)

    def handle_startendtag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.add(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1]):
            self.texts.append(" ".join(data.split()))


def problems_in(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        if COMMA_BETWEEN_DIGITS.search(text):
            found.append(f"comma between digits: «{text[:120]}»")
        elif PERSIAN_LETTER.search(text) and LATIN_NUMBER.search(LATIN_NAME.sub("", text)):
            found.append(f"Latin digits in Persian text: «{text[:120]}»")
    return found


def test_the_scanner_catches_what_it_should():
    parser = VisibleText()
    parser.feed('<p>۳,۷۴۲ نفر</p><p>بازدید: ۱٬۰۲۴</p><p>در سال 1405</p><code dir="ltr">?year=1404</code>'
                '<p>API v1</p><p>گواهی ISO 9001 و 12 مورد</p><p lang="en">2026, 3,742</p><script>var a = "۱,۲";</script>')
    found = problems_in(parser.texts)
    assert found == ["comma between digits: «۳,۷۴۲ نفر»", "Latin digits in Persian text: «در سال 1405»",
                     "Latin digits in Persian text: «گواهی ISO 9001 و 12 مورد»"]


@pytest.fixture(scope="module")
def demo_people(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            load_demo()
            head = Membership.objects.filter(role=Membership.Role.HEAD).select_related("user").order_by("id").first().user
            staff = Membership.objects.filter(role=Membership.Role.STAFF, agency__memberships__user=head).first().user
            secretariat = CouncilRole.objects.filter(role=CouncilRole.Role.SECRETARIAT).order_by("id").first().user
            yield {"public": None, "staff": staff, "head": head, "secretariat": secretariat}
            transaction.set_rollback(True)


def route_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client: Client, start: str) -> tuple[dict[str, list[str]], int]:
    """Problems per page on the pages reachable from `start` (one page per route)."""
    per_route: dict[str, int] = defaultdict(int)
    queue, seen, problems, pages = [start], set(), {}, 0
    while queue and pages < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.path in seen or NO_FOLLOW.search(parts.path):
            continue
        seen.add(parts.path)
        name = route_of(parts.path)
        if name is None or per_route[name] >= PAGES_PER_ROUTE:
            continue
        per_route[name] += 1
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        parser = VisibleText()
        parser.feed(response.content.decode())
        found = problems_in(parser.texts)
        if found:
            problems[parts.path] = sorted(set(found))
        queue.extend(sorted(link for link in parser.links if not link.startswith(("#", "mailto:", "tel:"))))
    return problems, pages


@pytest.mark.parametrize("who", ["public", "staff", "head", "secretariat"])
def test_one_number_format_on_every_page(db, demo_people, who):
    client = Client()
    person = demo_people[who]
    if person is not None:
        sign_in_verified(client, person)
    start = "/workspace/" if person else "/"
    problems, pages = crawl(client, start)
    if person is None:  # the dashboard and the open-data page carry most of the figures
        for extra in ("/dashboard/", "/dashboard/open-data/"):
            more, n = crawl(client, extra)
            problems.update(more)
            pages += n
    print(f"\n{who}: {pages} pages scanned")
    assert pages >= 15
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


def test_api_texts_for_people_have_no_comma_between_digits(db, demo_people):
    """The API's texts for people (titles, kickers, leads) carry the same format; its machine
    fields (`published_at_jalali` «1405-09-05T14:30:00+03:30», ids) are Latin by design."""
    response = Client().get("/api/v1/news?limit=20")
    assert response.status_code == 200
    items = response.json()["results"]
    texts = [v for item in items for v in item.values() if isinstance(v, str) and PERSIAN_LETTER.search(v)]
    assert len(texts) >= 20
    assert not [t for t in texts if COMMA_BETWEEN_DIGITS.search(t)]
    assert all(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+03:30", i["published_at_jalali"]) for i in items)
