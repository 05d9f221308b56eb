"""UNCHECKED writes to channels: no policy, no audit entry. Only the demo loader, the benchmark
loaders (bench/) and the test factories may import this module; everything else saves a channel
through hamafza.distribution.actions.save_channel, which takes the acting person.

Seeding a channel of a foreign platform (Telegram, say) also allows that platform on the
councils its owner sits on, with a note saying so — as the data migration did for councils that
already had such channels (0005) — so that seeded channels send; an agency on no council keeps
the channel as 0006 kept such channels (Channel.kept_without_council; the policy:
policy/distribution.py)."""

from django.db import transaction

from hamafza.agencies.messengers import FOREIGN
from hamafza.agencies.models import Council

from .actions import _store_channel

SEEDED_NOTE = "مجاز شده هنگام ساختن داده‌های آزمایشی (کانال این سکو از پیش وجود داشت)."


@transaction.atomic
def store_channel(channel, *, token: str = "", default_for_agency: bool | None = None, allow_platform: bool = True):
    saved = _store_channel(channel, token=token, default_for_agency=default_for_agency)
    from hamafza import policy

    code = policy.channel_platform(saved)
    if allow_platform and code in FOREIGN:
        councils = Council.objects.filter(pk=saved.council_id) if saved.council_id else Council.objects.filter(
            agencies=saved.agency_id)
        if saved.agency_id and not councils.exists() and not saved.kept_without_council:
            saved.kept_without_council = True
            saved.save(update_fields=["kept_without_council"])
        for council in councils.distinct():
            if code not in (council.platforms or []):
                council.platforms = [*(council.platforms or []), code]
                council.platforms_note = council.platforms_note or SEEDED_NOTE
                council.save(update_fields=["platforms", "platforms_note"])
    return saved
