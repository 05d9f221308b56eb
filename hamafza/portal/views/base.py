"""What every portal view shares: the council guard, the page frame, pagination."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hamafza.core import pagecache
from hamafza.newsroom.models import NewsItem
from hamafza.persian.digits import to_ascii_digits

from ..cards import CardWriter
from ..chrome import assets, chrome_for, safe_color
from ..links import item_path, when
from ..readers import READER_PATH

# Longer query strings are not links anyone made by hand; refuse them before any work.
MAX_QUERY_STRING = 1024
MAX_PAGE = 9999
# Database integer columns are 64-bit: a larger id in a URL cannot name anything.
MAX_ID = 2**63 - 1
_PAGE = re.compile(r"[0-9]{1,4}")


def portal_view(view: Callable | None = None, *, cache_scope: int | None = None, reader_path: bool = True) -> Callable:
    """Refuses overlong query strings, answers for an installation with no council yet, and
    marks a public page as one the page cache may store (hamafza.core.pagecache: the mark is
    taken before the view reads anything; the cache stores only a 200 that sets no cookie and is
    not private). The page belongs to its council's generation, or to `cache_scope`
    (pagecache.SEARCH_SCOPE: pages made from the search index). With `reader_path` (the default),
    a reader who is not signed in gets the page without the signed-in part of the middleware
    (hamafza/portal/readers.py): a view that needs a session, a CSRF cookie or messages says False."""
    if view is None:
        return lambda v: portal_view(v, cache_scope=cache_scope, reader_path=reader_path)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            raise BadRequest(_("نشانی درخواست بیش از اندازه طولانی است."))
        if request.council is None:
            return no_council(request)
        scope = request.council.id if cache_scope is None else cache_scope
        mark = pagecache.begin(request, scope) if request.method == "GET" else None
        response = view(request, *args, **kwargs)
        if mark is not None and response.status_code == 200:
            response[pagecache.MARK_HEADER] = mark
        return response

    setattr(wrapper, READER_PATH, reader_path)
    return wrapper


def no_council(request: HttpRequest) -> HttpResponse:
    """A fresh installation: a friendly page on the home page, a 404 elsewhere."""
    if request.path != "/":
        raise Http404(_("هنوز هیچ شورایی روی این سامانه راه‌اندازی نشده است."))
    return render(request, "portal/no_council.html", {"assets": assets(), "council": None, "color": safe_color("")})


def page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """Render a portal page with its frame: chrome, registry, canonical URL."""
    context.setdefault("canonical", request.build_absolute_uri(request.path))
    chrome = chrome_for(request.registry, request.council)
    context.update(
        council=request.council,
        reg=request.registry,
        chrome=chrome,
        frame=chrome.frame(),
        card_writer=CardWriter(chrome, request.registry),
        assets=assets(),
        item_path=item_path,
        when=when,
        color=safe_color,
    )
    return render(request, template, context, status=status)


def check_id(value: int) -> int:
    if value > MAX_ID:
        raise Http404(_("چنین خبری یافت نشد."))
    return value


def page_number(request: HttpRequest) -> int:
    """`?page=N` with Persian or Latin digits; anything else is a page that does not exist."""
    raw = request.GET.get("page")
    if raw is None:
        return 1
    raw = to_ascii_digits(raw.strip())
    if not _PAGE.fullmatch(raw) or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404(_("شمارهٔ صفحه نادرست است."))
    return int(raw)


def page_numbers(number: int, has_next: bool) -> list[int | None]:
    """The page numbers a pager offers: the first, the two before this one, this one and the next
    when there is one; None marks a gap («…»). Listings do not count their rows (each page is one
    index range), so the pages known to exist are those up to the next one."""
    last = number + 1 if has_next else number
    out: list[int | None] = []
    previous = 0
    for n in sorted({1, *range(max(1, number - 2), last + 1)}):
        if n - previous > 1:
            out.append(None)
        out.append(n)
        previous = n
    return out


class Pager:
    """What portal/_macros.html's pager reads, from a page's `number`, `has_next` and `url(n)`."""

    number: int
    has_next: bool

    def url(self, number: int) -> str:
        raise NotImplementedError

    @property
    def prev_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.has_next else None

    @property
    def numbers(self) -> list[int | None]:
        return page_numbers(self.number, self.has_next)


@dataclass(frozen=True)
class Page(Pager):
    number: int
    items: Sequence[NewsItem]
    has_next: bool
    path: str

    def url(self, number: int) -> str:
        return self.path if number == 1 else f"{self.path}?page={number}"


def paginate(request: HttpRequest, fetch: Callable[[int, int], list[NewsItem]], size: int | None = None) -> Page:
    """One page of a listing: `fetch(offset, limit)` reads one row more than it shows, to know
    whether a next page exists without counting. A page past the end is a 404."""
    size = size or settings.PORTAL_PAGE_SIZE
    number = page_number(request)
    rows = fetch((number - 1) * size, size + 1)
    if number > 1 and not rows:
        raise Http404(_("این صفحه خبری ندارد."))
    return Page(number, rows[:size], len(rows) > size, request.path)
