"""The e-mail newsletter: double opt-in subscriptions per council (all news, one agency or one
sector), instant e-mails per item and a daily Jalali digest, one-click unsubscribe
(List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.utils import timezone

from hamafza.accounts.emails import render_email
from hamafza.agencies.hosts import council_url
from hamafza.agencies.registry import get_registry
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali

from . import conf
from .formatting import short_link
from .models import Subscriber

logger = logging.getLogger("hamafza.distribution")


def _base_url(council_id: int) -> str:
    return council_url(get_registry().councils.get(council_id))


def links(subscriber: Subscriber) -> dict[str, str]:
    base = _base_url(subscriber.council_id)
    return {
        "confirm_url": f"{base}/newsletter/confirm/{subscriber.token}/",
        "unsubscribe_url": f"{base}/newsletter/unsubscribe/{subscriber.token}/",
    }


def _send(name: str, subscriber: Subscriber, context: dict, connection=None) -> None:
    context = {"subscriber": subscriber, **links(subscriber), **context}
    subject, text, html = render_email(name, context)
    headers = {}
    if subscriber.confirmed_at:
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(subject=subject, body=text, to=[subscriber.email], headers=headers,
                                     from_email=settings.DEFAULT_FROM_EMAIL, connection=connection)
    message.attach_alternative(html, "text/html")
    message.send()


def scope_label(subscriber: Subscriber) -> str:
    reg = get_registry()
    if subscriber.agency_id and subscriber.agency_id in reg.agencies:
        return reg.agencies[subscriber.agency_id].name
    if subscriber.sector_id and subscriber.sector_id in reg.sectors:
        return reg.sectors[subscriber.sector_id].name
    return reg.councils[subscriber.council_id].short_name if subscriber.council_id in reg.councils else ""


# --- actions ----------------------------------------------------------------------------------

def do_subscribe(*, council_id: int, email: str, agency_id: int | None, sector_id: int | None, frequency: str) -> Subscriber:
    """Record the wish and send the confirmation; a repeated form re-sends it (no new row)."""
    email = email.strip().lower()
    sub = Subscriber.objects.filter(council_id=council_id, email=email, agency_id=agency_id, sector_id=sector_id).first()
    if sub is None:
        sub = Subscriber.objects.create(council_id=council_id, email=email, agency_id=agency_id, sector_id=sector_id,
                                        frequency=frequency)
    else:
        Subscriber.objects.filter(pk=sub.pk).update(frequency=frequency, unsubscribed_at=None)
        sub.refresh_from_db()
    if sub.confirmed_at is None or sub.unsubscribed_at is not None:
        _send("newsletter_confirm", sub, {"scope": scope_label(sub)})
    return sub


def do_confirm(token: str) -> Subscriber | None:
    sub = Subscriber.objects.filter(token=token).first()
    if sub is None:
        return None
    if sub.confirmed_at is None or sub.unsubscribed_at is not None:
        now = timezone.now()
        Subscriber.objects.filter(pk=sub.pk).update(confirmed_at=sub.confirmed_at or now, unsubscribed_at=None,
                                                    last_digest_at=now)
        sub.refresh_from_db()
    return sub


def do_unsubscribe(token: str) -> Subscriber | None:
    sub = Subscriber.objects.filter(token=token).first()
    if sub is not None and sub.unsubscribed_at is None:
        Subscriber.objects.filter(pk=sub.pk).update(unsubscribed_at=timezone.now())
        sub.refresh_from_db()
    return sub


# --- sending ----------------------------------------------------------------------------------

def _item_filter(council_id: int) -> Q:
    council = get_registry().councils.get(council_id)
    members = list(council.member_ids) if council else []
    return Q(status=NewsItem.Status.PUBLISHED, lead_agency_id__in=members)


def _matches(sub: Subscriber, item: NewsItem, agency_ids: set[int], sector_ids: set[int]) -> bool:
    if sub.agency_id:
        return sub.agency_id in agency_ids
    if sub.sector_id:
        return sub.sector_id in sector_ids
    return True


def _active():
    return Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


def send_instant(item: NewsItem, channel) -> int:
    """The item to each instant subscriber the channel reaches: a council's channel reaches its
    subscribers; an agency's channel those who follow that agency."""
    agency_ids = set(item.item_agencies.values_list("agency_id", flat=True)) | {item.lead_agency_id}
    sector_ids = set(item.item_sectors.values_list("sector_id", flat=True))
    subs = _active().filter(frequency=Subscriber.Frequency.INSTANT)
    if channel.council_id:
        subs = subs.filter(council_id=channel.council_id)
    else:
        subs = subs.filter(agency_id=channel.agency_id)
    sent = 0
    connection = get_connection()
    for sub in subs:
        if _matches(sub, item, agency_ids, sector_ids):
            _send("newsletter_item", sub, {"item": item, "link": short_link(item, channel),
                                           "when": jalali.format_datetime(item.published_at)}, connection)
            sent += 1
    return sent


def render_item_email(item: NewsItem, channel) -> tuple[str, str]:
    """(subject, text) of the instant e-mail of an item, as a subscriber of the channel's
    council would get it (the sandbox e-mail channel keeps this instead of sending)."""
    council_id = channel.council_id or next(
        (c.id for c in get_registry().councils.values() if channel.agency_id in c.member_ids), None)
    sample = Subscriber(council_id=council_id, email="reader@example.org", token="sandbox",
                        confirmed_at=timezone.now())
    context = {"subscriber": sample, **links(sample), "item": item, "link": short_link(item),
               "when": jalali.format_datetime(item.published_at)}
    subject, text, _html = render_email("newsletter_item", context)
    return subject, text


def send_digest(sub: Subscriber, now: dt.datetime, connection=None) -> int:
    since = sub.last_digest_at or sub.confirmed_at or now - dt.timedelta(days=1)
    items = list(
        NewsItem.objects.filter(_item_filter(sub.council_id), published_at__gt=since, published_at__lte=now)
        .prefetch_related("item_agencies", "sectors").order_by("-published_at")[:50]
    )
    chosen = []
    for item in items:
        agency_ids = {link.agency_id for link in item.item_agencies.all()} | {item.lead_agency_id}
        sector_ids = {s.pk for s in item.sectors.all()}
        if _matches(sub, item, agency_ids, sector_ids):
            link = f"{_base_url(sub.council_id)}/n/{item.pk}"
            chosen.append({"item": item, "link": link, "when": jalali.format_datetime(item.published_at)})
    if chosen:
        _send("newsletter_digest", sub, {"entries": chosen, "day": jalali.format_date(now, weekday=True),
                                         "scope": scope_label(sub)}, connection)
    Subscriber.objects.filter(pk=sub.pk).update(last_digest_at=now)
    return len(chosen)


def send_due_digests(now: dt.datetime | None = None) -> int:
    """Once a Tehran day, after DIGEST_HOUR: one digest per daily subscriber with news since the
    last one. Claimed per subscriber with a conditional UPDATE, so two schedulers send once."""
    now = now or timezone.now()
    local = jalali.to_tehran(now)
    if local.hour < int(conf.get("DIGEST_HOUR")):
        return 0
    day_start = local.replace(hour=int(conf.get("DIGEST_HOUR")), minute=0, second=0, microsecond=0)
    sent = 0
    connection = get_connection()
    for sub in _active().filter(frequency=Subscriber.Frequency.DAILY).filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=day_start)
    ):
        previous = sub.last_digest_at
        claimed = Subscriber.objects.filter(pk=sub.pk, last_digest_at=previous).update(last_digest_at=now)
        if not claimed:
            continue
        sub.last_digest_at = previous
        try:
            if send_digest(sub, now, connection):
                sent += 1
        except Exception:
            Subscriber.objects.filter(pk=sub.pk).update(last_digest_at=previous)
            logger.exception("digest to subscriber %s failed", sub.pk)
    return sent
