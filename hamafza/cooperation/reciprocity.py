"""The reciprocity record: per agency and Jalali period, what it asked of the other agencies and
what it did for them.

Everything is counted by the date a request was made: a period's figures are the requests made
in it and what became of them (so "received 5, accepted 3, declined 1, expired 1" adds up).

Co-publication (amplification) requests
- sent: requests the agency made; received: target rows naming it (a withdrawn request is not
  counted as received);
- accepted / declined / expired / pending: its answers to what it received (a pending row past
  its deadline counts as expired even before the expiry job has marked it);
- median response time: responded_at − request.created_at over its answered rows (accepted or
  declined);
- amplified for others: republish requests it accepted; amplified by others: accepted rows of
  its own republish requests; supported / was supported: the same for draft (support) requests.
Help requests
- help sent: help requests it made; offers made: its offers (not withdrawn) on others' requests;
  offers accepted, deliveries (delivered_at recorded) of its offers; help received: offers
  accepted on its own requests.

`council_record` computes every agency of a council with five queries, whatever the
number of agencies; `public_summary` is the portal's two-query (and cached) version.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field, fields

from django.core.cache import cache
from django.db.models import Count, F, Func, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.agencies.models import Agency
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits
from hamafza.reporting.periods import Period

from .models import AmplificationRequest, AmplificationTarget, HelpOffer, HelpRequest

T = AmplificationTarget.Status
REPUBLISH, SUPPORT = AmplificationRequest.Kind.REPUBLISH, AmplificationRequest.Kind.SUPPORT


@dataclass
class Row:
    agency_id: int
    requests_sent: int = 0
    requests_received: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    pending: int = 0
    median_response_seconds: float | None = None
    amplified_for_others: int = 0
    amplified_by_others: int = 0
    supported_others: int = 0
    supported_by_others: int = 0
    help_sent: int = 0
    offers_made: int = 0
    offers_accepted: int = 0
    deliveries: int = 0
    help_received: int = 0
    coverage: int = 0  # its items carried by outlets (hamafza.coverage, through register_coverage)
    agency: object = field(default=None, repr=False, compare=False)

    @property
    def answered(self) -> int:
        return self.accepted + self.declined

    @property
    def median_response_hours(self) -> float | None:
        s = self.median_response_seconds
        return None if s is None else s / 3600

    @property
    def median_response_text(self) -> str:
        return format_hours(self.median_response_seconds)

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "agency"}


# The figures of a row, in the order pages and exports show them, with their Persian headings.
COLUMNS: list[tuple[str, object]] = [
    ("requests_sent", gettext_lazy("درخواست بازنشر فرستاده")),
    ("requests_received", gettext_lazy("درخواست دریافتی")),
    ("accepted", gettext_lazy("پذیرفته")),
    ("declined", gettext_lazy("ردشده")),
    ("expired", gettext_lazy("بی‌پاسخ و منقضی")),
    ("median_response_seconds", gettext_lazy("میانهٔ زمان پاسخ")),
    ("amplified_for_others", gettext_lazy("بازنشر برای دیگران")),
    ("amplified_by_others", gettext_lazy("بازنشر توسط دیگران")),
    ("supported_others", gettext_lazy("همکاری در خبر دیگران")),
    ("supported_by_others", gettext_lazy("همکاری دیگران در خبرش")),
    ("help_sent", gettext_lazy("درخواست کمک")),
    ("offers_made", gettext_lazy("پیشنهاد کمک داده")),
    ("offers_accepted", gettext_lazy("پیشنهاد پذیرفته")),
    ("deliveries", gettext_lazy("کمک انجام‌شده")),
    ("help_received", gettext_lazy("کمک دریافتی")),
    ("coverage", gettext_lazy("بازتاب در رسانه‌ها")),
]
COLUMN_NAMES = [name for name, _label in COLUMNS]


def format_hours(seconds: float | None) -> str:
    """«۳٫۵ ساعت», «۲۶ ساعت»; «—» when nothing was answered."""
    if seconds is None:
        return "—"
    hours = seconds / 3600
    text = f"{hours:.0f}" if hours >= 10 or float(hours).is_integer() else f"{hours:.1f}".rstrip("0").rstrip(".")
    return _("%(hours)s ساعت") % {"hours": to_persian_digits(text.replace(".", "٫"))}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# reader(agency_ids, since, until) -> {agency_id: {"records": n, …}}: confirmed coverage of the
# agencies' items by outlets. hamafza.coverage (an app above this one) registers it in its ready().
_coverage_readers: list = []


def register_coverage(reader) -> None:
    _coverage_readers[:] = [reader]


def record(agency_ids, since: dt.datetime, until: dt.datetime, council_id: int | None = None,
           now: dt.datetime | None = None) -> dict[int, Row]:
    """The rows of the given agencies for requests made in [since, until), in five queries."""
    ids = list(agency_ids)
    rows = {a: Row(a) for a in ids}
    if not ids:
        return rows
    now = now or timezone.now()
    made = Q(request__created_at__gte=since, request__created_at__lt=until)
    if council_id is not None:
        made &= Q(request__council_id=council_id)
    accepted = Q(status=T.ACCEPTED)

    received = (
        AmplificationTarget.objects.filter(made, agency_id__in=ids).values("agency_id").order_by().annotate(
            received=Count("id", filter=~Q(status=T.WITHDRAWN)),
            accepted=Count("id", filter=accepted),
            declined=Count("id", filter=Q(status=T.DECLINED)),
            expired=Count("id", filter=Q(status=T.EXPIRED) | Q(status=T.PENDING, request__deadline__lt=now)),
            pending=Count("id", filter=Q(status=T.PENDING, request__deadline__gte=now)),
            republished=Count("id", filter=accepted & Q(request__kind=REPUBLISH)),
            supported=Count("id", filter=accepted & Q(request__kind=SUPPORT)),
        )
    )
    for r in received:
        row = rows[r["agency_id"]]
        row.requests_received, row.accepted, row.declined = r["received"], r["accepted"], r["declined"]
        row.expired, row.pending = r["expired"], r["pending"]
        row.amplified_for_others, row.supported_others = r["republished"], r["supported"]

    own = Q(created_at__gte=since, created_at__lt=until, asking_agency_id__in=ids)
    if council_id is not None:
        own &= Q(council_id=council_id)
    taken = Q(targets__status=T.ACCEPTED)
    for r in AmplificationRequest.objects.filter(own).values("asking_agency_id").order_by().annotate(
        sent=Count("id", distinct=True),
        republished=Count("targets", filter=taken & Q(kind=REPUBLISH)),
        supported=Count("targets", filter=taken & Q(kind=SUPPORT)),
    ):
        row = rows[r["asking_agency_id"]]
        row.requests_sent, row.amplified_by_others, row.supported_by_others = r["sent"], r["republished"], r["supported"]

    times: dict[int, list[float]] = {}
    for agency_id, responded, asked in AmplificationTarget.objects.filter(
        made, agency_id__in=ids, status__in=(T.ACCEPTED, T.DECLINED), responded_at__isnull=False,
    ).values_list("agency_id", "responded_at", "request__created_at"):
        times.setdefault(agency_id, []).append(max((responded - asked).total_seconds(), 0.0))
    for agency_id, values in times.items():
        rows[agency_id].median_response_seconds = _median(values)

    for r in HelpRequest.objects.filter(own).values("asking_agency_id").order_by().annotate(
        sent=Count("id", distinct=True),
        received=Count("offers", filter=Q(offers__status=HelpOffer.Status.ACCEPTED)),
    ):
        row = rows[r["asking_agency_id"]]
        row.help_sent, row.help_received = r["sent"], r["received"]

    for r in HelpOffer.objects.filter(made, agency_id__in=ids).values("agency_id").order_by().annotate(
        made=Count("id", filter=~Q(status=HelpOffer.Status.WITHDRAWN)),
        accepted=Count("id", filter=Q(status=HelpOffer.Status.ACCEPTED)),
        delivered=Count("id", filter=Q(delivered_at__isnull=False)),
    ):
        row = rows[r["agency_id"]]
        row.offers_made, row.offers_accepted, row.deliveries = r["made"], r["accepted"], r["delivered"]
    for read in _coverage_readers:
        for agency_id, figures in read(ids, since, until).items():
            if agency_id in rows:
                rows[agency_id].coverage = figures["records"]
    return rows


def council_record(council_id: int, period: Period, agency_ids=None) -> list[Row]:
    """Every agency of the council (or the given ones of it) for a Jalali period, in council order."""
    from hamafza.agencies.registry import get_registry

    registry = get_registry()
    info = registry.councils.get(council_id)
    members = list(info.member_ids) if info else []
    wanted = [a for a in members if agency_ids is None or a in agency_ids]
    since, until = period.bounds()
    rows = record(wanted, since, until, council_id=council_id)
    out = []
    for agency_id in wanted:
        row = rows[agency_id]
        row.agency = registry.agencies.get(agency_id)
        out.append(row)
    return out


def sort_rows(rows: list[Row], key: str, descending: bool) -> list[Row]:
    """Sort by a column (None — nothing answered — always last), or by agency name."""
    if key not in COLUMN_NAMES:
        return sorted(rows, key=lambda r: getattr(r.agency, "name", ""), reverse=descending)
    present = [r for r in rows if getattr(r, key) is not None]
    missing = [r for r in rows if getattr(r, key) is None]
    return sorted(present, key=lambda r: getattr(r, key), reverse=descending) + missing


def agency_figures(agency_id: int, start: dt.date, end: dt.date) -> Row:
    """One agency between two days (inclusive), all councils: the council's activity report."""
    since, until = jalali.day_bounds(start)[0], jalali.day_bounds(end)[1]
    return record([agency_id], since, until)[agency_id]


def activity_report_figures(agency_id: int, start: dt.date, end: dt.date) -> dict:
    """The co-publication lines of a council activity report (registered with council.reports)."""
    row = agency_figures(agency_id, start, end)
    return {"amplified_for_others": row.amplified_for_others, "amplified_by_others": row.amplified_by_others,
            "requests_answered": row.answered}


# --- The public section of an agency's portal page -----------------------------------------------

PUBLIC_CACHE_SECONDS = 600


def _count(qs) -> Coalesce:
    """A scalar subquery counting the rows of `qs` (no GROUP BY: one row, COUNT of them)."""
    return Coalesce(Subquery(qs.order_by().annotate(n=Func(F("id"), function="COUNT")).values("n")[:1]), 0)


def public_summary(council_id: int, agency_id: int, now: dt.datetime | None = None) -> dict:
    """The last twelve months on the council: items republished for others and by others, help
    given and received. One query (four counts), cached for ten minutes."""
    key = f"coop:public:{council_id}:{agency_id}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = (now or timezone.now()) - dt.timedelta(days=365)
    scope = Q(request__council_id=council_id, request__created_at__gte=since)
    republished = AmplificationTarget.objects.filter(scope, status=T.ACCEPTED, request__kind=REPUBLISH)
    helped = HelpOffer.objects.filter(scope, status=HelpOffer.Status.ACCEPTED)
    summary = Agency.objects.filter(pk=agency_id).annotate(
        amplified_for_others=_count(republished.filter(agency_id=agency_id)),
        amplified_by_others=_count(republished.filter(request__asking_agency_id=agency_id)),
        help_given=_count(helped.filter(agency_id=agency_id)),
        help_received=_count(helped.filter(request__asking_agency_id=agency_id)),
    ).values("amplified_for_others", "amplified_by_others", "help_given", "help_received").first() or {}
    summary["any"] = any(summary.values())
    cache.set(key, summary, PUBLIC_CACHE_SECONDS)
    return summary
