"""The Jalali archive: /archive/1405/ and /archive/1405/9/ (Persian or Latin digits)."""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.newsroom import selectors
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits, to_persian_digits

from .base import portal_view
from .listings import listing

FIRST_YEAR = 1300
_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"[0-9]{1,2}")


def _year(raw: str) -> int:
    raw = to_ascii_digits(raw)
    if not _YEAR.fullmatch(raw) or not FIRST_YEAR <= int(raw) <= jalali.to_jalali(timezone.now()).year:
        raise Http404(_("بایگانی چنین سالی وجود ندارد."))
    return int(raw)


def _month(raw: str) -> int:
    raw = to_ascii_digits(raw)
    if not _MONTH.fullmatch(raw) or not 1 <= int(raw) <= 12:
        raise Http404(_("بایگانی چنین ماهی وجود ندارد."))
    return int(raw)


def _period(request: HttpRequest, start, end, **context) -> HttpResponse:
    council_id = request.council.id
    return listing(
        request, "portal/archive.html",
        lambda offset, limit: selectors.council_period(council_id, start, end, offset, limit),
        kicker=_("بایگانی"), months=_months(context["year"]),
        empty_text=_("در این بازه خبری منتشر نشده است."), **context,
    )


def _months(year: int) -> list[tuple[int, str]]:
    """The months of a year that have begun, for the archive's month links."""
    today = jalali.to_jalali(timezone.now())
    last = today.month if year == today.year else 12
    return [(m, jalali.month_name(m)) for m in range(1, last + 1)]


@portal_view
def archive_year(request: HttpRequest, year: str) -> HttpResponse:
    y = _year(year)
    start, end = jalali.year_bounds(y)
    return _period(request, start, end, heading=_("اخبار سال %(year)s") % {"year": to_persian_digits(y)}, year=y)


@portal_view
def archive_month(request: HttpRequest, year: str, month: str) -> HttpResponse:
    y, m = _year(year), _month(month)
    start, end = jalali.month_bounds(y, m)
    return _period(request, start, end, heading=_("اخبار %(month)s") % {"month": jalali.format_month(y, m)}, year=y, month=m)
