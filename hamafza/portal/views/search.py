"""The public search page: /search/?q=…&agency=<slug>&sector=<slug>&from=<Jalali>&to=<Jalali>&page=N.

Filters that cannot be read (an impossible Jalali date, an agency that is not a member) are the
visitor's mistake: the page answers 400 with the form and a Persian message saying what to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits
from hamafza.persian.jalali import TEHRAN, JalaliDateError, parse_date
from hamafza.core import pagecache
from hamafza.search.backends import CANDIDATES
from hamafza.search.selectors import popular_tags, search_public

from .base import Pager, page, page_number, portal_view

PAGE_SIZE = 20
QUOTES = "\"«»“”"


@dataclass
class Form:
    """What the visitor asked for, as typed (for the form), and as the search needs it."""

    q: str = ""
    agency: str = ""
    sector: str = ""
    date_from: str = ""
    date_to: str = ""
    agency_id: int | None = None
    sector_id: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def has_filters(self) -> bool:
        return bool(self.agency or self.sector or self.date_from or self.date_to)

    def params(self, **changes) -> dict[str, str]:
        values = {"q": self.q, "agency": self.agency, "sector": self.sector, "from": self.date_from, "to": self.date_to}
        values.update(changes)
        return {k: v for k, v in values.items() if v}


def _day(text: str, label: str, form: Form) -> dt.datetime | None:
    try:
        day = parse_date(text)
    except JalaliDateError:
        form.errors.append(
            _("«%(value)s» در «%(label)s» تاریخ شمسی درستی نیست؛ نمونهٔ درست: ۱۴۰۵/۰۹/۰۵")
            % {"value": text, "label": label}
        )
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=TEHRAN)


def read_form(request: HttpRequest) -> Form:
    get = request.GET
    form = Form(
        q=" ".join(get.get("q", "").split())[: settings.MAX_QUERY_LENGTH],
        agency=get.get("agency", "").strip(),
        sector=get.get("sector", "").strip(),
        date_from=get.get("from", "").strip(),
        date_to=get.get("to", "").strip(),
    )
    registry, council = request.registry, request.council
    if form.agency:
        info = registry.agencies_by_slug.get(form.agency)
        if info is None or info.id not in council.member_ids:
            form.errors.append(_("چنین دستگاهی در این شورا عضو نیست."))
        else:
            form.agency_id = info.id
    if form.sector:
        info = registry.sectors_by_slug.get(form.sector)
        if info is None:
            form.errors.append(_("چنین بخشی یافت نشد."))
        else:
            form.sector_id = info.id
    if form.date_from:
        form.start = _day(form.date_from, _("از تاریخ"), form)
    if form.date_to:
        end = _day(form.date_to, _("تا تاریخ"), form)
        form.end = end + dt.timedelta(days=1) if end else None
    if form.start and form.end and form.start >= form.end:
        form.errors.append(_("تاریخ آغاز پس از تاریخ پایان است."))
    return form


@dataclass(frozen=True)
class ResultsPage(Pager):
    """What portal/_macros.html's pager needs, with the query kept in its links."""

    number: int
    has_next: bool
    base: str
    params: dict

    def url(self, number: int) -> str:
        params = dict(self.params)
        if number > 1:
            params["page"] = str(number)
        return f"{self.base}?{urlencode(params)}"


def suggestions(request: HttpRequest, form: Form, query) -> list[tuple[str, str]]:
    """(text, link) pairs that may find something when a search found nothing."""
    base = request.path
    out = []
    if any(q in form.q for q in QUOTES):
        unquoted = " ".join("".join(" " if c in QUOTES else c for c in form.q).split())
        out.append((_("جست‌وجوی همین واژه‌ها بدون گیومه: «%(q)s»") % {"q": unquoted}, f"{base}?{urlencode(form.params(q=unquoted))}"))
    if query is not None and len(query.terms) + len(query.phrases) > 1:
        words = form.q.replace("«", " ").replace("»", " ").replace('"', " ").split()
        for word in words[:3]:
            out.append((_("فقط «%(word)s»") % {"word": word}, f"{base}?{urlencode(form.params(q=word))}"))
    if form.has_filters:
        out.append((_("همین جست‌وجو بدون پالایه‌ها"), f"{base}?{urlencode({'q': form.q})}"))
    return out


@portal_view(cache_scope=pagecache.SEARCH_SCOPE)
def search(request: HttpRequest) -> HttpResponse:
    form = read_form(request)
    number = page_number(request)
    context = {
        "form": form,
        "agencies": request.registry.council_agencies(request.council),
        "results": None,
        "canonical": request.build_absolute_uri(reverse("portal:search")),
    }
    if form.errors:
        return page(request, "portal/search.html", context, status=400)
    if not form.q:
        return page(request, "portal/search.html", context)
    found = search_public(
        request.council.id, form.q, agency_id=form.agency_id, sector_id=form.sector_id,
        start=form.start, end=form.end, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE,
    )
    context.update(
        results=found,
        pager=ResultsPage(number, found.has_next, request.path, form.params()),
        estimate=_estimate(found.total_estimate),
    )
    if not found.items:
        context.update(
            suggestions=suggestions(request, form, found.query),
            tags=[(name, reverse("portal:tag", kwargs={"slug": slug})) for name, slug in popular_tags(request.council.id)],
        )
    return page(request, "portal/search.html", context)


def _estimate(total: int) -> str:
    if total >= CANDIDATES:
        return _("بیش از %(count)s نتیجه") % {"count": to_persian_digits(CANDIDATES)}
    return _("%(count)s نتیجه") % {"count": to_persian_digits(total)}
