"""What belongs to a council: the ids an action receives (agencies, news items, people, a
resolution) are looked up here and refused with a Persian CouncilError when they are not of the
council the action works in — a tampered id never reaches another council's data."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from hamafza.agencies.models import Agency
from hamafza.agencies.registry import get_registry
from hamafza.persian.digits import to_ascii_digits

from .errors import CouncilError

MAX_ID = 2**63 - 1


def _id(value, message: str, field: str) -> int:
    """An id from an object with a pk, an int or a string of Persian or Latin digits."""
    value = getattr(value, "pk", value)
    try:
        pk = int(to_ascii_digits(str(value).strip()))
    except (TypeError, ValueError):
        raise CouncilError(message, field) from None
    if not 0 < pk <= MAX_ID:
        raise CouncilError(message, field)
    return pk


def member_ids(council_id: int) -> frozenset[int]:
    info = get_registry().councils.get(council_id)
    return frozenset(info.member_ids) if info else frozenset()


def agencies(council_id: int, values: Iterable, field: str = "agencies") -> list[Agency]:
    """The agencies (objects or ids), each one a member of the council, without repeats, in order."""
    members = member_ids(council_id)
    ids: list[int] = []
    for value in values or ():
        pk = _id(value, _("دستگاه انتخاب‌شده نامعتبر است."), field)
        if pk not in members:
            raise CouncilError(_("دستگاه انتخاب‌شده عضو این شورا نیست."), field)
        if pk not in ids:
            ids.append(pk)
    found = Agency.objects.in_bulk(ids)
    if len(found) != len(ids):
        raise CouncilError(_("دستگاه انتخاب‌شده عضو این شورا نیست."), field)
    return [found[pk] for pk in ids]


def agency(council_id: int, value, field: str = "agency", required: bool = True) -> Agency | None:
    if value in (None, ""):
        if required:
            raise CouncilError(_("دستگاه را انتخاب کنید."), field)
        return None
    return agencies(council_id, [value], field)[0]


def published_item(council_id: int, value, field: str):
    """A published news item of an agency of the council (lead, supporting or republishing): what a
    campaign may show and what a task may cite as evidence. None when nothing was given."""
    from hamafza.newsroom.models import ItemAgency, NewsItem

    if value in (None, ""):
        return None
    message = _("خبر انتخاب‌شده منتشر نشده یا از دستگاه‌های این شورا نیست.")
    pk = _id(value, message, field)
    item = NewsItem.objects.filter(pk=pk).first()
    ours = item is not None and ItemAgency.objects.filter(item_id=pk, agency_id__in=list(member_ids(council_id))).exists()
    if not ours or not item.is_public:
        raise CouncilError(message, field)
    return item


def agency_person(agency_obj: Agency, value, field: str):
    """A person (object or id) who works in the agency; None when nobody was given."""
    from hamafza.accounts.models import Membership, User

    if value in (None, ""):
        return None
    pk = _id(value, _("شخص انتخاب‌شده نامعتبر است."), field)
    if not Membership.objects.filter(user_id=pk, agency=agency_obj).exists():
        raise CouncilError(_("شخص انتخاب‌شده عضو «%(agency)s» نیست.") % {"agency": agency_obj.name}, field)
    return User.objects.get(pk=pk)


def resolution(council_id: int, value, field: str = "resolution"):
    from .models import Resolution

    if value in (None, ""):
        return None
    pk = _id(value, _("مصوبه انتخاب‌شده نامعتبر است."), field)
    found = Resolution.objects.select_related("meeting").filter(pk=pk, meeting__council_id=council_id).first()
    if found is None:
        raise CouncilError(_("مصوبه انتخاب‌شده از نشست‌های این شورا نیست."), field)
    return found
