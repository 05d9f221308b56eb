"""Demo data: the press lists of two Khuzestan agencies — a few outlets (some shared with the
council), journalists with consent and a sending list shared with a neighbour agency. Every name
is invented, every address is on example.org and every number is 0912 000 00xx.

Called by hamafza/demo/loader.py: `load_demo(councils, agencies, users)`, through the checked
actions on behalf of each agency's PR staff."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hamafza.persian import jalali

from . import actions

OUTLETS = [
    # (keeper, name, kind, shared)
    ("rahdari", "خبرگزاری نمونهٔ جنوب", "agency", True),
    ("rahdari", "روزنامهٔ نمونهٔ کارون", "newspaper", True),
    ("rahdari", "پایگاه خبری نمونهٔ اهواز", "site", False),
    ("rahshahr", "شبکهٔ استانی نمونه", "broadcast", True),
    ("rahshahr", "کانال محلی نمونهٔ دزفول", "channel", False),
]
JOURNALISTS = [
    # (keeper, name, outlet, beat, consent days ago or None)
    ("rahdari", "نمونه – سمیرا خبرنگار", "خبرگزاری نمونهٔ جنوب", "راه و حمل‌ونقل", 40),
    ("rahdari", "نمونه – کیوان گزارشگر", "روزنامهٔ نمونهٔ کارون", "اقتصادی", 25),
    ("rahdari", "نمونه – نازنین عکاس", "پایگاه خبری نمونهٔ اهواز", "عکس خبری", 12),
    ("rahdari", "نمونه – بهرام دبیر", "خبرگزاری نمونهٔ جنوب", "استانی", None),
    ("rahshahr", "نمونه – رویا تهیه‌کننده", "شبکهٔ استانی نمونه", "شهری و مسکن", 30),
    ("rahshahr", "نمونه – پیمان خبرنگار", "کانال محلی نمونهٔ دزفول", "شهری", 8),
]


def load_demo(councils: dict, agencies: dict, users: dict) -> None:
    council = councils["khz"]
    today = jalali.to_tehran(timezone.now()).date()
    staff = {key: users[f"{key}-staff"] for key in ("rahdari", "rahshahr")}
    outlets = {}
    for keeper, name, kind, shared in OUTLETS:
        slug = f"outlet{len(outlets) + 1}"
        outlets[name] = actions.do_save_outlet(staff[keeper], council.pk, agencies[keeper].pk, {
            "name": name, "kind": kind, "province": "خوزستان", "shared": shared,
            "site_url": f"https://{slug}.example.org/", "feed_url": f"https://{slug}.example.org/rss",
        })
    made: dict[str, list] = {"rahdari": [], "rahshahr": []}
    for n, (keeper, name, outlet, beat, days) in enumerate(JOURNALISTS, start=1):
        made[keeper].append(actions.do_save_journalist(staff[keeper], council.pk, agencies[keeper].pk, {
            "name": name, "outlet": outlets[outlet].pk, "beat": beat, "email": f"reporter{n}@example.org",
            "mobile": f"091200000{n:02d}", "bale_id": f"demo_reporter{n}" if n % 2 else "",
            "consent": days is not None,
            "consent_date": jalali.format_numeric(today - dt.timedelta(days=days)) if days is not None else "",
            "source": "نشست خبری نمونه",
        }))
    actions.do_save_list(staff["rahdari"], council.pk, agencies["rahdari"].pk, {
        "name": "خبرنگاران حوزهٔ راه", "journalists": [j.pk for j in made["rahdari"]],
        "shared_with": [agencies["rahshahr"].pk],
    })
    actions.do_save_list(staff["rahshahr"], council.pk, agencies["rahshahr"].pk, {
        "name": "رسانه‌های شهری", "journalists": [j.pk for j in made["rahshahr"]],
    })
