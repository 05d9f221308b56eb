"""Coverage records from matched entries (the matcher's verdicts, written without a person:
confirmed above the threshold or with a link to our portal, pending when borderline)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import matcher
from .models import Coverage, MonitoredEntry

EARLIER = dt.timedelta(hours=6)  # an entry this much older than our item is not a reprint of it


def match_entries(council_id: int, entries: list[MonitoredEntry], now: dt.datetime | None = None,
                  index: matcher.ItemIndex | None = None) -> int:
    if not entries:
        return 0
    now = now or timezone.now()
    index = index or matcher.ItemIndex(council_id, now=now)
    made = 0
    for entry in entries:
        verdicts = index.match(entry.text.split(), entry.links.splitlines())
        for v in verdicts:
            item = index.items[v.item_id]
            when = entry.published or entry.fetched_at
            if item.published_at is not None and when is not None and when < item.published_at - EARLIER:
                continue
            try:
                with transaction.atomic():
                    Coverage.objects.create(
                        council_id=council_id, item_id=v.item_id, agency_id=item.lead_agency_id, outlet_id=entry.outlet_id,
                        entry=entry, url=entry.url, published_at=when, similarity=round(v.similarity, 4),
                        kept=round(v.kept, 4), via=v.via,
                        status=Coverage.Status.CONFIRMED if v.confirmed else Coverage.Status.PENDING,
                    )
                made += 1
            except IntegrityError:
                continue
    MonitoredEntry.objects.filter(pk__in=[e.pk for e in entries]).update(matched_at=now)
    return made
