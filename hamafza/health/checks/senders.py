"""The channel sender: is the sending process alive, and how each channel's outbox stands
(paused channels, deliveries waiting for a person, failures, messages waiting too long)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamafza.distribution import conf
from hamafza.distribution.models import Channel, Delivery, SenderLease

from .. import words
from ..registry import FAIL, OK, WARN, Result, register

S = Delivery.State
DUE_WARN = dt.timedelta(minutes=10)
FAILED_WINDOW = dt.timedelta(days=7)


def _channel_rows(now: dt.datetime) -> list[dict]:
    counts = {
        row["channel_id"]: row for row in Delivery.objects.filter(
            Q(state__in=Delivery.DUE_STATES) | Q(state=S.UNKNOWN)
            | Q(state=S.FAILED, updated_at__gte=now - FAILED_WINDOW)
        ).values("channel_id").annotate(
            due=Count("id", filter=Q(state__in=Delivery.DUE_STATES)),
            unknown=Count("id", filter=Q(state=S.UNKNOWN)),
            failed=Count("id", filter=Q(state=S.FAILED)),
            oldest_due=Min("created_at", filter=Q(state__in=Delivery.DUE_STATES)),
        )
    }
    rows = []
    for channel in Channel.objects.filter(enabled=True).order_by("kind", "name", "id"):
        c = counts.get(channel.pk, {})
        oldest = c.get("oldest_due")
        rows.append({
            "id": channel.pk, "kind": channel.kind, "name": channel.name, "label": str(channel),
            "paused": channel.paused_at is not None, "due": c.get("due", 0), "unknown": c.get("unknown", 0),
            "failed_7d": c.get("failed", 0),
            "oldest_due_age_seconds": int((now - oldest).total_seconds()) if oldest else None,
        })
    return rows


def _line(row: dict) -> str:
    parts = []
    if row["paused"]:
        parts.append(_("متوقف"))
    if row["due"]:
        parts.append(_("{n} در صف").format(n=words.number(row["due"])))
    if row["unknown"]:
        parts.append(_("{n} نامعلوم").format(n=words.number(row["unknown"])))
    if row["failed_7d"]:
        parts.append(_("{n} ناموفق در هفتهٔ گذشته").format(n=words.number(row["failed_7d"])))
    return f"{row['label']}: {'، '.join(parts) or _('روبه‌راه')}"


def _sender_alive(now: dt.datetime) -> tuple[bool, dt.datetime | None]:
    seen = SenderLease.objects.aggregate(seen=Max("seen_at"))["seen"]
    lease = dt.timedelta(seconds=float(conf.get("SENDER_LEASE")))
    return (seen is not None and now - seen <= lease), seen


@register("senders", gettext_lazy("ارسال به مجراها"))
def senders() -> Result:
    now = timezone.now()
    rows = _channel_rows(now)
    mode = conf.get("SENDER")
    details = [_line(r) for r in rows]
    metrics: dict[str, object] = {"mode": mode, "channels": rows}
    due = sum(r["due"] for r in rows)
    if mode == "process":
        alive, seen = _sender_alive(now)
        metrics["sender_alive"], metrics["sender_seen_at"] = alive, seen.isoformat() if seen else None
        if not alive:
            seen_text = _("آخرین نشانه: {when}").format(when=words.when(seen)) if seen else _("هیچ نشانه‌ای ثبت نشده")
            details.insert(0, seen_text)
            if due:
                return Result(FAIL, _("فرایند ارسال اجرا نمی‌شود و {n} پیام در صف مانده است.").format(
                    n=words.number(due)), details, metrics)
            return Result(WARN, _("فرایند ارسال («hamafza distribution_worker») اجرا نمی‌شود."), details, metrics)
    paused = [r for r in rows if r["paused"]]
    unknown = sum(r["unknown"] for r in rows)
    late = [r for r in rows if r["oldest_due_age_seconds"] and r["oldest_due_age_seconds"] > DUE_WARN.total_seconds()]
    failed = sum(r["failed_7d"] for r in rows)
    problems = []
    if paused:
        problems.append(_("{n} مجرا متوقف است").format(n=words.number(len(paused))))
    if unknown:
        problems.append(_("{n} ارسال نامعلوم منتظر تصمیم است").format(n=words.number(unknown)))
    if late:
        problems.append(_("{n} مجرا پیام‌هایی بیش از {age} در صف دارد").format(
            n=words.number(len(late)), age=words.age(DUE_WARN.total_seconds())))
    if failed:
        problems.append(_("{n} ارسال در هفتهٔ گذشته ناموفق بود").format(n=words.number(failed)))
    if problems:
        return Result(WARN, "؛ ".join(problems) + ".", details, metrics)
    if not rows:
        return Result(OK, _("هیچ مجرای فعالی تعریف نشده است."), details, metrics)
    return Result(OK, _("{n} مجرای فعال، همه روبه‌راه؛ {due} پیام در صف.").format(
        n=words.number(len(rows)), due=words.number(due)), details, metrics)
