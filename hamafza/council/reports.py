"""The figures of an agency's activity report, read from the platform's own records.

Apps above the council add their own figures with `register_figures` in their AppConfig.ready(),
as calendar sources do: the co-publication figures come from the reciprocity record
(hamafza.cooperation.reciprocity). Channel deliveries are not recorded yet: that figure is None,
and the page says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, Q

from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.persian import jalali

from .models import Task

NOT_RECORDED = None

FigureSource = Callable[[int, dt.date, dt.date], dict]
_figure_sources: list[FigureSource] = []


def register_figures(source: FigureSource) -> None:
    """`source(agency_id, start, end)` returns more figures of the report (a dict)."""
    if source not in _figure_sources:
        _figure_sources.append(source)


def _range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return jalali.day_bounds(start)[0], jalali.day_bounds(end)[1]


def activity_figures(agency_id: int, start: dt.date, end: dt.date) -> dict:
    since, until = _range(start, end)
    K = NewsItem.Kind
    by_kind = NewsItem.objects.filter(
        lead_agency_id=agency_id, status=NewsItem.Status.PUBLISHED, published_at__gte=since, published_at__lt=until,
    ).aggregate(
        all=Count("id"), photo=Count("id", filter=Q(kind=K.PHOTO_REPORT)), video=Count("id", filter=Q(kind=K.VIDEO_REPORT)),
    )
    published = by_kind["all"]
    supported = ItemAgency.objects.filter(
        agency_id=agency_id, role=ItemAgency.Role.SUPPORTING, accepted_at__isnull=False,
        item__status=NewsItem.Status.PUBLISHED, item__published_at__gte=since, item__published_at__lt=until,
    ).count()
    tasks = Task.objects.filter(agency_id=agency_id, deadline__gte=start, deadline__lte=end).exclude(status=Task.Status.CANCELLED)
    done = [t for t in tasks.filter(status=Task.Status.DONE).only("deadline", "done_at", "status")]
    on_time = sum(1 for t in done if t.done_on_time)
    counts = tasks.aggregate(total=Count("id"), open=Count("id", filter=~Q(status=Task.Status.DONE)))
    figures = {
        "items_published": published,
        # Provincial PR evaluations score photo and video reports on their own (also in items_published).
        "photo_reports_published": by_kind["photo"],
        "video_reports_published": by_kind["video"],
        "items_supported": supported,
        "channel_deliveries": NOT_RECORDED,
        "tasks_due": counts["total"],
        "tasks_done_on_time": on_time,
        "tasks_done_late": len(done) - on_time,
        "tasks_not_done": counts["open"],
    }
    for source in _figure_sources:
        figures.update(source(agency_id, start, end))
    return figures


def compliance(council_id: int, agency_ids: list[int]) -> list[dict]:
    """Per agency: tasks done on time, done late, open (not yet due), overdue, of the council."""
    rows = {a: {"agency_id": a, "on_time": 0, "late": 0, "open": 0, "overdue": 0} for a in agency_ids}
    tasks = Task.objects.filter(council_id=council_id).exclude(status=Task.Status.CANCELLED).only(
        "agency_id", "status", "deadline", "done_at",
    )
    for task in tasks:
        row = rows.setdefault(task.agency_id, {"agency_id": task.agency_id, "on_time": 0, "late": 0, "open": 0, "overdue": 0})
        if task.status == Task.Status.DONE:
            row["on_time" if task.done_on_time else "late"] += 1
        elif task.status == Task.Status.OVERDUE:
            row["overdue"] += 1
        else:
            row["open"] += 1
    out = list(rows.values())
    for row in out:
        done = row["on_time"] + row["late"]
        row["rate"] = round(100 * row["on_time"] / done) if done else None
    return out
