"""The coverage criterion of the PR scorecard (registered in CoverageConfig.ready()): confirmed
reprints of the agency's news by monitored outlets."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as L

from hamafza.scorecard.criteria import Criterion, Entry, register

from .models import Coverage


def _confirmed(agency_ids, period):
    since, until = period.bounds()
    return Coverage.objects.filter(agency_id__in=list(agency_ids), status=Coverage.Status.CONFIRMED,
                                   published_at__gte=since, published_at__lt=until)


def coverage(council_id, agency_ids, period):
    """{agency: confirmed coverage records}: one GROUP BY in the database; 0 for an agency with none."""
    out = {a: 0 for a in agency_ids}
    rows = (_confirmed(agency_ids, period).filter(council_id=council_id)
            .values("agency_id").order_by().annotate(n=Count("id")).values_list("agency_id", "n"))
    out.update(rows)
    return out


def coverage_items(council_id, agency_id, period):
    rows = (_confirmed([agency_id], period).filter(council_id=council_id).select_related("item", "outlet")
            .order_by("published_at", "id"))
    return [Entry(c.item.title, reverse("workspace:coverage_item", args=[c.item_id]), c.published_at, c.outlet.name)
            for c in rows]


def register_criteria() -> None:
    register(Criterion(
        "coverage", L("بازتاب در رسانه‌ها"),
        L("شمار بازنشرهای تأییدشدهٔ خبرهای دستگاه در رسانه‌های پایش‌شده که در دوره منتشر شده‌اند "
          "(هر رسانه و هر نشانی یک بار)"),
        L("بازتاب"), True, coverage, coverage_items, default_weight=10, public=True, order=67, app="coverage",
        short=L("بازتاب در رسانه‌ها"), group="reach",
    ))
