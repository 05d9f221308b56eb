"""Demo channels: every agency that has people, and every council, gets one sandbox channel per
platform (Bale, Eitaa, Rubika, Telegram, the e-mail newsletter), so that «pick channels», the
deliveries page and the previews work out of the box without the internet. The domestic ones
(Bale, Eitaa, Rubika) are the agencies' defaults. The latest items of each agency are queued to
its channels, so the sender (`make run`) fills the previews within seconds of starting.

Called by hamafza/demo/loader.py: `load_demo(councils, agencies, users)`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hamafza.accounts.models import Membership
from hamafza.agencies.messengers import default_platforms
from hamafza.newsroom.models import NewsItem

from . import platforms
from .actions import _store_channel
from .models import Channel
from .outbox import write_publish

ORDER = ("bale", "eitaa", "rubika", "telegram", "email")
DEFAULTS = {"bale", "eitaa", "rubika"}
LATEST_PER_AGENCY = 2


def _sandbox(*, agency=None, council=None, platform: str, owner_name: str) -> Channel:
    channel = Channel(agency=agency, council=council, kind=Channel.Kind.SANDBOX, sandbox_platform=platform,
                      name=_("%(platform)s آزمایشی %(owner)s") % {"platform": platforms.PLATFORMS[platform].label,
                                                                   "owner": owner_name})
    return _store_channel(channel, default_for_agency=(platform in DEFAULTS) if agency else None)


DEMO_NOTE = ("نسخهٔ نمایشی: تلگرام فقط برای مجرای آزمایشی و مقایسهٔ پیش‌نمایش‌ها مجاز شده است؛ "
             "در شورای واقعی، سکوی خارجی با دلیل رسمی مجاز می‌شود.")


def load_demo(councils: dict, agencies: dict, users: dict) -> int:
    # The demo councils allow Telegram too (for the Telegram-like sandbox), with the note a real
    # council would have to write; WhatsApp and X stay off, as for any new council.
    for council in councils.values():
        council.platforms = [*default_platforms(), "telegram"]
        council.platforms_note = DEMO_NOTE
        council.save(update_fields=["platforms", "platforms_note"])
    staffed = set(Membership.objects.filter(agency__in=list(agencies.values())).values_list("agency_id", flat=True))
    made = 0
    for agency in agencies.values():
        if agency.pk not in staffed:
            continue
        for platform in ORDER:
            _sandbox(agency=agency, platform=platform, owner_name=agency.short_name)
            made += 1
    for council in councils.values():
        for platform in ORDER:
            _sandbox(council=council, platform=platform, owner_name=council.short_name)
            made += 1
    # A few recent items waiting for the sender, so the previews are not empty on first look.
    for agency_id in staffed:
        items = NewsItem.objects.filter(lead_agency_id=agency_id, status=NewsItem.Status.PUBLISHED).order_by(
            "-published_at")[:LATEST_PER_AGENCY]
        for item in items:
            write_publish(item)
    return made
