"""The built-in criteria: what Hamafza's own record says about each office.

Default weights (they add up to 100) follow the provincial evaluation practice described in
docs/scorecard.md and ../shared/notes/iran-platforms.md: the Interior ministry ranks PR offices
on the number and quality of news, photo reports and videos (content: 20 + 10 + 10, quality of
the news as a share with images: 5); the Culture ministry and the other evaluators score presence
in cyberspace (posts on the messenger channels: 10), speed (time from the event to the news: 5;
answering other offices' requests: 10), and working with others rather than as islands
(republishing for others: 10, being republished: 5, help given: 5); the governorate's council
adds its assigned tasks (done by their deadline: 10). Help received is shown and not scored by
default (asking for help is no merit in itself, nor a fault).

Every figure counts what happened inside the period's days in Tehran. Co-publication and help
figures count requests made in the period (as the reciprocity record does), so that the same
request never counts in two periods.
"""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.cooperation.reciprocity import format_hours
from hamafza.persian import jalali

from .criteria import Criterion, Entry, register

__all__ = ["register_builtins"]


def _item_url(item_id: int) -> str:
    return reverse("workspace:item", args=[item_id])


def _counts(qs, field: str, agency_ids) -> dict[int, int]:
    """{agency: rows of `qs`} grouped by the agency in `field` (one GROUP BY); 0 for one with none."""
    out = {a: 0 for a in agency_ids}
    for row in qs.values(field).order_by().annotate(n=Count("id")):
        out[row[field]] = row["n"]
    return out


# --- Published items ------------------------------------------------------------------------------

def _published(agency_ids, period, **extra):
    from hamafza.newsroom.models import NewsItem

    since, until = period.bounds()
    return NewsItem.objects.filter(
        lead_agency_id__in=list(agency_ids), status=NewsItem.Status.PUBLISHED,
        published_at__gte=since, published_at__lt=until, **extra,
    )


def _count_kind(kind: str):
    def compute(council_id, agency_ids, period):
        return _counts(_published(agency_ids, period, kind=kind), "lead_agency_id", agency_ids)

    def items(council_id, agency_id, period):
        return [Entry(i.title, _item_url(i.pk), i.published_at)
                for i in _published([agency_id], period, kind=kind).order_by("published_at", "id")]

    return compute, items


def _with_images(qs):
    from hamafza.newsroom.models import GalleryImage

    return qs.annotate(has_gallery=Exists(GalleryImage.objects.filter(item_id=OuterRef("pk"))))


def image_share(council_id, agency_ids, period):
    out: dict[int, float | None] = {a: None for a in agency_ids}
    totals: dict[int, list[int]] = {}
    for agency_id, main, gallery in _with_images(_published(agency_ids, period)).values_list(
            "lead_agency_id", "main_image_id", "has_gallery"):
        pair = totals.setdefault(agency_id, [0, 0])
        pair[0] += 1
        pair[1] += 1 if (main or gallery) else 0
    for agency_id, (n, with_image) in totals.items():
        out[agency_id] = 100 * with_image / n
    return out


def image_share_items(council_id, agency_id, period):
    rows = _with_images(_published([agency_id], period)).order_by("published_at", "id")
    return [Entry(i.title, _item_url(i.pk), i.published_at,
                  _("با تصویر") if (i.main_image_id or i.has_gallery) else _("بی‌تصویر")) for i in rows]


# --- From the event to the news -------------------------------------------------------------------

def _timed_items(council_id, agency_ids, period) -> list[tuple[int, int, str, dt.datetime, dt.datetime]]:
    """(agency, item id, title, event time, publication) of the period's published items that
    record when their event happened: the news of a council meeting (its start), and the news a
    help request produced (its day and start time; the day's start when no time was given)."""
    from hamafza.cooperation.models import HelpRequest
    from hamafza.council.models import Meeting

    since, until = period.bounds()
    ids = list(agency_ids)
    seen: dict[int, tuple] = {}
    for m in Meeting.objects.filter(
            council_id=council_id, news_item__published_at__gte=since, news_item__published_at__lt=until,
    ).select_related("news_item"):
        item = m.news_item
        if item.lead_agency_id in ids and item.status == "published" and item.published_at and since <= item.published_at < until:
            seen[item.pk] = (item.lead_agency_id, item.pk, item.title, m.starts_at, item.published_at)
    for h in HelpRequest.objects.filter(
            council_id=council_id, result_item__published_at__gte=since, result_item__published_at__lt=until,
    ).select_related("result_item"):
        item = h.result_item
        if item.pk in seen or item.lead_agency_id not in ids or item.status != "published" or not item.published_at:
            continue
        if not since <= item.published_at < until:
            continue
        event = dt.datetime.combine(h.day, h.start_time or dt.time(), tzinfo=jalali.TEHRAN)
        seen[item.pk] = (item.lead_agency_id, item.pk, item.title, event, item.published_at)
    return list(seen.values())


def _hours(start: dt.datetime, end: dt.datetime) -> float:
    return max((end - start).total_seconds(), 0.0) / 3600


def event_to_publication(council_id, agency_ids, period):
    hours: dict[int, list[float]] = {}
    for agency_id, _pk, _title, event, published in _timed_items(council_id, agency_ids, period):
        hours.setdefault(agency_id, []).append(_hours(event, published))
    return {a: statistics.median(hours[a]) if a in hours else None for a in agency_ids}


def event_to_publication_items(council_id, agency_id, period):
    rows = sorted(_timed_items(council_id, [agency_id], period), key=lambda r: r[4])
    return [Entry(title, _item_url(pk), published, format_hours(_hours(event, published) * 3600))
            for _a, pk, title, event, published in rows]


# --- Channels -------------------------------------------------------------------------------------

def _posts(agency_ids, period):
    """Messages sent to the agency's own channels (first sends: not edits, deletions or
    corrections), sandbox channels excepted (they send nothing)."""
    from hamafza.distribution.models import Channel, Delivery

    since, until = period.bounds()
    return Delivery.objects.filter(
        channel__agency_id__in=list(agency_ids), action=Delivery.Action.CREATE, state=Delivery.State.SENT,
        sent_at__gte=since, sent_at__lt=until,
    ).exclude(channel__kind=Channel.Kind.SANDBOX)


def deliveries(council_id, agency_ids, period):
    return _counts(_posts(agency_ids, period), "channel__agency_id", agency_ids)


def deliveries_items(council_id, agency_id, period):
    """Each message sent: the item (or live event) it carried, when, and to which channel. The
    link opens the item, which everyone who may read the figure may open (a channel's own page is
    its agency's only)."""
    out = []
    for d in _posts([agency_id], period).select_related("item", "live_event", "channel").order_by("sent_at", "id"):
        if d.item_id:
            out.append(Entry(d.item.title, _item_url(d.item_id), d.sent_at, d.channel.name))
        else:
            out.append(Entry(d.live_event.title if d.live_event_id else "—", "", d.sent_at, d.channel.name))
    return out


# --- Co-publication and help ------------------------------------------------------------------------

def _targets(council_id, period, **filters):
    from hamafza.cooperation.models import AmplificationTarget

    since, until = period.bounds()
    return AmplificationTarget.objects.filter(
        request__council_id=council_id, request__created_at__gte=since, request__created_at__lt=until, **filters,
    )


def _offers(council_id, period, **filters):
    from hamafza.cooperation.models import HelpOffer

    since, until = period.bounds()
    return HelpOffer.objects.filter(
        request__council_id=council_id, request__created_at__gte=since, request__created_at__lt=until, **filters,
    )


def _accepted(answers, field: str, related: str, entry):
    """The compute and items of a criterion counting the accepted answers (`answers(council_id,
    period, **filters)`: co-publication targets or help offers) to requests made in the period,
    for the agency in `field`: the answering one (`agency_id`: what it did for others) or the
    asking one (`request__asking_agency_id`: what others did for it). `entry(answer, the other
    agency's short name)` is the answer's line in the drill-down."""

    def rows(council_id, agency_ids, period):
        return answers(council_id, period, status="accepted", **{f"{field}__in": list(agency_ids)})

    def compute(council_id, agency_ids, period):
        return _counts(rows(council_id, agency_ids, period), field, agency_ids)

    def items(council_id, agency_id, period):
        from hamafza.agencies.registry import get_registry

        agencies = get_registry().agencies
        out = []
        for answer in rows(council_id, [agency_id], period).select_related(related).order_by("request__created_at", "id"):
            other = answer.request.asking_agency_id if field == "agency_id" else answer.agency_id
            out.append(entry(answer, getattr(agencies.get(other), "short_name", "")))
        return out

    return compute, items


def _republish_targets(council_id, period, **filters):
    return _targets(council_id, period, request__kind="republish", **filters)


def _republish_entry(target, other: str) -> Entry:
    return Entry(target.request.item.title, reverse("workspace:cooperation:amp_detail", args=[target.request_id]),
                 target.responded_at or target.request.created_at, other)


def _help_entry(offer, other: str) -> Entry:
    return Entry(offer.request.title, reverse("workspace:cooperation:help_detail", args=[offer.request_id]),
                 offer.request.created_at, other)


def _republish(field: str):
    """Accepted republish requests: republished for others (`agency_id`) or by others."""
    return _accepted(_republish_targets, field, "request__item", _republish_entry)


def _help(field: str):
    """Accepted help offers: help given (`agency_id`) or received (`request__asking_agency_id`)."""
    return _accepted(_offers, field, "request", _help_entry)


def _answers(council_id, agency_ids, period) -> list[tuple[int, float, str, str, dt.datetime]]:
    """(agency, hours, title, url, asked at) of every answer an agency gave to another's request
    made in the period: a co-publication request accepted or declined (its answer time), and an
    offer on a help request (when the offer was made; withdrawn offers too — the answer was given)."""
    ids = list(agency_ids)
    out = []
    for t in _targets(council_id, period, agency_id__in=ids, status__in=("accepted", "declined"),
                      responded_at__isnull=False).select_related("request__item"):
        # A support request is about a draft: its title stays with the people of the draft.
        title = t.request.item.title if t.request.kind == "republish" else _("درخواست همکاری در تهیهٔ خبر")
        out.append((t.agency_id, _hours(t.request.created_at, t.responded_at), title,
                    reverse("workspace:cooperation:amp_detail", args=[t.request_id]), t.request.created_at))
    for o in _offers(council_id, period, agency_id__in=ids).select_related("request"):
        out.append((o.agency_id, _hours(o.request.created_at, o.created_at), o.request.title,
                    reverse("workspace:cooperation:help_detail", args=[o.request_id]), o.request.created_at))
    return out


def response_hours(council_id, agency_ids, period):
    hours: dict[int, list[float]] = {}
    for agency_id, h, *_rest in _answers(council_id, agency_ids, period):
        hours.setdefault(agency_id, []).append(h)
    return {a: statistics.median(hours[a]) if a in hours else None for a in agency_ids}


def response_hours_items(council_id, agency_id, period):
    return [Entry(title, url, asked, format_hours(h * 3600))
            for _a, h, title, url, asked in sorted(_answers(council_id, [agency_id], period), key=lambda r: r[4])]


# --- Council tasks --------------------------------------------------------------------------------

def _due_tasks(council_id, agency_ids, period):
    """Tasks of the council whose deadline falls in the period and has come (or that are done):
    a task still running before its deadline is not yet judged. Cancelled tasks are left out."""
    from django.utils import timezone

    from hamafza.council.models import Task

    first, last = period.days()
    today = jalali.to_tehran(timezone.now()).date()
    return Task.objects.filter(
        council_id=council_id, agency_id__in=list(agency_ids), deadline__gte=first, deadline__lte=last,
    ).exclude(status=Task.Status.CANCELLED).filter(Q(deadline__lt=today) | Q(status=Task.Status.DONE))


def tasks_on_time(council_id, agency_ids, period):
    counts: dict[int, list[int]] = {}
    for task in _due_tasks(council_id, agency_ids, period).only("agency_id", "status", "done_at", "deadline"):
        pair = counts.setdefault(task.agency_id, [0, 0])
        pair[0] += 1
        pair[1] += 1 if task.done_on_time else 0
    return {a: (100 * counts[a][1] / counts[a][0]) if a in counts else None for a in agency_ids}


def tasks_on_time_items(council_id, agency_id, period):
    return [Entry(t.title, reverse("workspace:council:task", args=[t.pk]), t.deadline,
                  _("به موقع") if t.done_on_time else (_("با تأخیر") if t.status == "done" else _("انجام‌نشده")))
            for t in _due_tasks(council_id, [agency_id], period).order_by("deadline", "id")]


def register_builtins() -> None:
    L = gettext_lazy
    news, news_items = _count_kind("news")
    photo, photo_items = _count_kind("photo_report")
    video, video_items = _count_kind("video_report")
    for_others, for_others_items = _republish("agency_id")
    by_others, by_others_items = _republish("request__asking_agency_id")
    given, given_items = _help("agency_id")
    received, received_items = _help("request__asking_agency_id")
    for c in [
        Criterion("news_count", L("خبرهای منتشرشده"), L("شمار خبرهای (نوع «خبر») منتشرشدهٔ دستگاه در دوره"),
                  L("خبر"), True, news, news_items, default_weight=20, public=True, order=10,
                  short=L("خبر"), group="content"),
        Criterion("photo_reports", L("گزارش‌های تصویری"), L("شمار گزارش‌های تصویری منتشرشدهٔ دستگاه در دوره"),
                  L("گزارش"), True, photo, photo_items, default_weight=10, public=True, order=20,
                  short=L("گزارش تصویری"), group="content"),
        Criterion("video_reports", L("گزارش‌های ویدیویی"), L("شمار گزارش‌های ویدیویی منتشرشدهٔ دستگاه در دوره"),
                  L("گزارش"), True, video, video_items, default_weight=10, public=True, order=30,
                  short=L("گزارش ویدیویی"), group="content"),
        Criterion("image_share", L("سهم خبرهای دارای تصویر"),
                  L("خبرهای منتشرشدهٔ دوره (همهٔ نوع‌ها) که تصویر اصلی یا گالری دارند ÷ همهٔ خبرهای منتشرشدهٔ دوره × ۱۰۰"),
                  L("درصد"), True, image_share, image_share_items, default_weight=5, public=True, percent=True, order=40,
                  short=L("با تصویر"), group="content"),
        Criterion("event_to_publication", L("فاصلهٔ رویداد تا انتشار"),
                  L("میانهٔ ساعت‌های میان زمان رویداد و انتشار خبر، برای خبرهایی که زمان رویدادشان ثبت است "
                    "(خبر جلسهٔ شورا: آغاز جلسه؛ خبر حاصل درخواست کمک: روز و ساعت آن)"),
                  L("ساعت"), False, event_to_publication, event_to_publication_items, default_weight=5, hours=True,
                  order=50,
                  short=L("رویداد تا انتشار"), group="content"),
        Criterion("deliveries", L("ارسال به مجراها"),
                  L("شمار پیام‌های فرستاده‌شده به مجراهای دستگاه (پیام‌رسان‌ها و خبرنامه؛ بدون ویرایش و حذف و مجرای آزمایشی)"),
                  L("پیام"), True, deliveries, deliveries_items, default_weight=10, order=60,
                  short=L("پیام در مجراها"), group="reach"),
        Criterion("republished_for_others", L("بازنشر برای دیگران"),
                  L("درخواست‌های بازنشرِ دستگاه‌های دیگر که این دستگاه در دوره پذیرفت"),
                  L("خبر"), True, for_others, for_others_items, default_weight=10, public=True, order=70,
                  short=L("بازنشر برای دیگران"), group="cooperation"),
        Criterion("republished_by_others", L("بازنشر توسط دیگران"),
                  L("پذیرش‌های درخواست‌های بازنشرِ این دستگاه از سوی دیگران در دوره"),
                  L("خبر"), True, by_others, by_others_items, default_weight=5, public=True, order=80,
                  short=L("بازنشر توسط دیگران"), group="cooperation"),
        Criterion("help_given", L("کمک به دیگران"),
                  L("پیشنهادهای کمکِ این دستگاه که دستگاه درخواست‌کننده در دوره پذیرفت"),
                  L("کمک"), True, given, given_items, default_weight=5, public=True, order=90,
                  short=L("کمک داده"), group="cooperation"),
        Criterion("help_received", L("کمک دریافتی"),
                  L("پیشنهادهای کمکِ دیگران که این دستگاه برای درخواست‌های خود در دوره پذیرفت"),
                  L("کمک"), True, received, received_items, default_weight=0, public=True, order=100,
                  short=L("کمک گرفته"), group="cooperation"),
        Criterion("response_hours", L("زمان پاسخ به درخواست‌ها"),
                  L("میانهٔ ساعت‌های میان درخواست بازنشر یا کمکِ دیگران و پاسخ این دستگاه (پذیرش، رد یا پیشنهاد کمک)"),
                  L("ساعت"), False, response_hours, response_hours_items, default_weight=10, hours=True, order=110,
                  short=L("زمان پاسخ"), group="cooperation"),
        Criterion("tasks_on_time", L("وظایف شورا به موقع"),
                  L("وظایفی که تا مهلتشان انجام شدند ÷ وظایفی که مهلتشان در دوره بود و رسیده است × ۱۰۰ (بدون لغوشده‌ها)"),
                  L("درصد"), True, tasks_on_time, tasks_on_time_items, default_weight=10, percent=True, order=120,
                  short=L("وظیفهٔ به‌موقع"), group="council"),
    ]:
        register(c)
