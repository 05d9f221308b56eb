"""Reach criteria of the PR scorecard (registered in ReachConfig.ready()): readers on the portal
and the approved monthly views of the agency's channels."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as L

from hamafza.persian.digits import format_number
from hamafza.scorecard.criteria import Criterion, Entry, register

from . import selectors

TOP_ITEMS = 50  # the drill-down lists the most read items


def portal_reach(council_id, agency_ids, period):
    start, end = period.days()
    return selectors.portal_views(agency_ids, start, end, council_id=council_id)


def portal_reach_items(council_id, agency_id, period):
    from hamafza.newsroom.models import NewsItem

    start, end = period.days()
    views = selectors.portal_views_by_item([agency_id], start, end, council_id=council_id)
    top = sorted(views.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ITEMS]
    items = NewsItem.objects.in_bulk([pk for pk, _n in top])
    return [Entry(items[pk].title, reverse("workspace:item", args=[pk]), items[pk].published_at,
                  _("%(n)s خواننده") % {"n": format_number(n)}) for pk, n in top if pk in items]


def channel_reach(council_id, agency_ids, period):
    start, end = period.days()
    return selectors.channel_views(agency_ids, start, end)


def channel_reach_items(council_id, agency_id, period):
    from hamafza.distribution.models import Channel

    start, end = period.days()
    views = selectors.channel_views_by_channel([agency_id], start, end)
    channels = Channel.objects.in_bulk(list(views))
    return [Entry(channels[pk].name, reverse("workspace:reach"), None, _("%(n)s بازدید") % {"n": format_number(n)})
            for pk, n in sorted(views.items(), key=lambda kv: -kv[1]) if pk in channels]


def register_criteria() -> None:
    register(Criterion(
        "portal_reach", L("خوانندگان در درگاه"),
        L("شمار خوانندگان خبرهای دستگاه در درگاه شورا در دوره؛ هر خواننده در هر روز یک بار برای هر خبر "
          "(بی کوکی و بی نگه‌داشتن نشانی؛ ربات‌ها و پیش‌بارگذاری شمرده نمی‌شوند)"),
        L("خواننده"), True, portal_reach, portal_reach_items, default_weight=10, public=True, order=65, app="reach",
        short=L("خواننده در درگاه"), group="reach",
    ))
    register(Criterion(
        "channel_reach", L("بازدید در کانال‌ها"),
        L("جمع بازدیدهای ماهانهٔ تأییدشدهٔ کانال‌های دستگاه (شاخص «بازدید کانال …» در جدول شاخص‌ها) در ماه‌های دوره"),
        L("بازدید"), True, channel_reach, channel_reach_items, default_weight=5, order=66, app="reach",
        short=L("بازدید کانال‌ها"), group="reach",
    ))
