"""A council's allowed platforms (policy: hamafza/policy/distribution.py, allowed_platforms).

One action: the secretariat sets the list. Turning a foreign platform on needs a note of why
(at least a sentence); the change — before, after and the note — is an audit entry of the
council. Channels of a platform the council turns off stop receiving new items (the outbox and
the editor follow the policy); what is already queued or sent is left as it is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.messengers import ALL, FOREIGN, LABELS
from hamafza.agencies.models import Council
from hamafza.agencies.registry import get_registry

from .actions import DistributionError

NOTE_MIN = 10
NOTE_MAX = 1000


@transaction.atomic
def do_set_platforms(user, council_id, platforms, note: str = "") -> Council:
    try:
        council_id = int(council_id)
    except (TypeError, ValueError):
        raise PermissionDenied from None
    if council_id not in get_registry().councils or not policy.can_set_platforms(user, council_id):
        raise PermissionDenied
    chosen = [p for p in ALL if p in set(platforms or [])]
    unknown = set(platforms or []) - set(ALL)
    if unknown:
        raise DistributionError(_("سکوها را از فهرست برگزینید."))
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise DistributionError(_("دلیل حداکثر ۱۰۰۰ نویسه است؛ کوتاهش کنید. چیزی ذخیره نشد."))
    council = Council.objects.select_for_update().get(pk=council_id)
    before = list(council.platforms or [])
    foreign_on = [p for p in chosen if p in FOREIGN]
    newly_foreign = [p for p in foreign_on if p not in before]
    if foreign_on and len(note) < NOTE_MIN:
        raise DistributionError(
            _("برای مجاز کردن %(names)s بنویسید چرا (دست‌کم یک جمله)؛ این دلیل در گزارش رویدادها می‌ماند. چیزی ذخیره نشد.")
            % {"names": "، ".join(str(LABELS[p]) for p in foreign_on)})
    council.platforms = chosen
    council.platforms_note = note if foreign_on else ""
    council.save(update_fields=["platforms", "platforms_note"])
    audit.record(user, "council.platforms_changed", council, council_id=council.pk,
                 before={"platforms": before}, after={"platforms": chosen, "foreign_added": newly_foreign, "reason": note})
    return council


__all__ = ["NOTE_MAX", "NOTE_MIN", "do_set_platforms"]
