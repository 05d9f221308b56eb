"""Demo history of co-publication requests on the Khuzestan council: about twenty requests over
the last two months among the member agencies, mostly accepted, some declined with reasons, a
few expired, and three still waiting for the demo heads to answer on first run.

Everything is written through hamafza.cooperation.amplification (so listing rows, audit events
and notices are real); then the request and answer times are moved back to the days they would
have happened, and the notices of the old history are marked read."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from hamafza.accounts.models import Membership
from hamafza.newsroom.models import ItemAgency, NewsItem
from hamafza.notifications.models import Notification

from .. import amplification
from ..models import AmplificationRequest, AmplificationTarget

St = AmplificationTarget.Status

MESSAGES = [
    "این خبر برای مسافران جاده‌ای هم مهم است؛ ممنون می‌شویم در کانال‌های خود بازنشر کنید.",
    "با توجه به هم‌زمانی با هفتهٔ حمل و نقل، انتشار هماهنگ این خبر پیشنهاد می‌شود.",
    "خبر به حوزهٔ کاری شما هم مربوط است؛ لطفاً بازنشر کنید.",
    "",
]
SUGGESTED = [
    "به نقل از همکاران ما: جزئیات کامل در پیوند زیر.",
    "مخاطبان گرامی، این خبر را از زبان دستگاه مسئول بخوانید.",
    "",
]
REASONS = [
    "کانال ما این هفته ویژهٔ اطلاع‌رسانی سفرهای نوروزی است و جای خبر دیگری ندارد.",
    "موضوع خبر به حوزهٔ کاری دستگاه ما ارتباطی ندارد.",
    "همین خبر را با جزئیات بیشتر خودمان منتشر کرده‌ایم.",
    "تا پایان بررسی حقوقی موضوع، انتشار آن در مجراهای ما ممکن نیست.",
]

# (days ago, lead index, [(asked offset, outcome, answer hours)]) — outcomes: a accepted, d declined,
# x expired, p pending. Offsets pick other member agencies in a fixed order.
PLAN = [
    (58, 0, [(1, "a", 3), (2, "a", 20)]),
    (54, 1, [(1, "a", 5)]),
    (50, 2, [(1, "d", 30), (3, "a", 8)]),
    (46, 3, [(2, "a", 2)]),
    (42, 0, [(3, "x", 0), (4, "a", 26)]),
    (39, 4, [(1, "a", 4)]),
    (35, 5, [(2, "a", 11), (1, "d", 6)]),
    (31, 1, [(3, "a", 1)]),
    (27, 6, [(1, "a", 9)]),
    (24, 2, [(2, "x", 0)]),
    (21, 3, [(1, "a", 15), (4, "a", 7)]),
    (17, 0, [(5, "d", 40)]),
    (15, 7, [(1, "a", 2)]),
    (12, 4, [(2, "a", 6)]),
    (9, 1, [(4, "a", 18), (2, "x", 0)]),
    (7, 5, [(3, "a", 3)]),
    (5, 2, [(1, "d", 12)]),
    (3, 6, [(2, "a", 5)]),
    (2, 0, [(1, "p", 0), (2, "p", 0)]),
    (1, 3, [(1, "p", 0)]),
    (0, 1, [(1, "p", 0)]),
]


def _head(agency_id: int):
    m = Membership.objects.filter(agency_id=agency_id, role=Membership.Role.HEAD).select_related("user").first()
    return m.user if m else None


def _asker(agency_id: int):
    """A staff member of the agency (the head when it has none)."""
    m = (Membership.objects.filter(agency_id=agency_id, role=Membership.Role.STAFF).select_related("user").first()
         or Membership.objects.filter(agency_id=agency_id).select_related("user").first())
    return m.user if m else None


def load(council, people: dict) -> dict:
    from hamafza.agencies.models import CouncilMembership

    members = [m.agency for m in CouncilMembership.objects.filter(
        council=council, role=CouncilMembership.Role.MEMBER).select_related("agency").order_by("agency_id")]
    members = [a for a in members if _head(a.pk) is not None]
    if len(members) < 3:
        return {"requests": 0}
    now = timezone.now()
    used: set[int] = set()
    made = 0
    counts = {s: 0 for s in St.values}
    for n, (days_ago, lead_index, asks) in enumerate(PLAN):
        lead = members[lead_index % len(members)]
        published = NewsItem.objects.filter(lead_agency=lead, status=NewsItem.Status.PUBLISHED).exclude(pk__in=used)
        item = (published.filter(published_at__lte=now - dt.timedelta(days=days_ago)).order_by("-published_at").first()
                or published.order_by("published_at").first())
        asker = _asker(lead.pk)
        if item is None or asker is None:
            continue
        used.add(item.pk)
        # Never an agency already on the item (a supporting agency of the demo news).
        linked = set(ItemAgency.objects.filter(item=item).values_list("agency_id", flat=True))
        others = [a for a in members if a.pk != lead.pk and a.pk not in linked]
        if not others:
            continue
        asked = []
        for offset, outcome, hours in asks:
            # The waiting ones go to the first agencies (the heads a visitor signs in as first).
            agency = others[(offset - 1 + (0 if outcome == "p" else n)) % len(others)]
            if agency.pk not in {a.pk for a, _o, _h in asked}:
                asked.append((agency, outcome, hours))
        pending_only = all(o == "p" for _a, o, _h in asked)
        request = amplification.ask(
            asker, item, [a for a, _o, _h in asked], deadline=now + dt.timedelta(days=2 if pending_only else 3),
            message=MESSAGES[n % len(MESSAGES)], suggested_text=SUGGESTED[n % len(SUGGESTED)],
        )
        made += 1
        asked_at = now - dt.timedelta(days=days_ago, hours=2 + n % 5)
        if item.published_at and asked_at < item.published_at + dt.timedelta(minutes=30):
            asked_at = min(item.published_at + dt.timedelta(minutes=30), now - dt.timedelta(minutes=30))
        deadline = asked_at + dt.timedelta(days=2) if not pending_only else now + dt.timedelta(days=1, hours=6)
        for agency, outcome, hours in asked:
            target = request.targets.get(agency=agency)
            head = _head(agency.pk)
            if outcome == "a":
                amplification.accept(head, target)
            elif outcome == "d":
                amplification.decline(head, target, REASONS[(n + agency.pk) % len(REASONS)])
            elif outcome == "x":
                continue  # expires below, when the deadline is moved back
            if outcome in ("a", "d"):
                AmplificationTarget.objects.filter(pk=target.pk).update(responded_at=asked_at + dt.timedelta(hours=hours))
        AmplificationRequest.objects.filter(pk=request.pk).update(created_at=asked_at, deadline=deadline)
    amplification.expire_due(now=now)
    rows = AmplificationTarget.objects.filter(request__council=council).values_list("status").annotate(n=Count("id"))
    counts.update(dict(rows))
    # The old history's notices are read; the pending requests' stay new for the heads.
    pending_urls = [amplification.detail_url(pk) for pk in AmplificationTarget.objects.filter(
        request__council=council, status=St.PENDING).values_list("request_id", flat=True)]
    Notification.objects.filter(kind__in=["coop_request", "coop_answer", "coop_expired"], read_at__isnull=True).exclude(
        kind="coop_request", url__in=pending_urls
    ).update(read_at=now)
    return {"requests": made, **counts}
