"""The newsroom's editorial machinery that is not a status change: revisions (snapshot, diff),
edit conflicts and edit locks. The status changes themselves are in newsroom.actions.

Stable interface (used by the workspace editor and the staff API):

    EditConflict(ValidationError)     .theirs: Revision — the revision saved since the editor loaded
    PartialSave(ValidationError)      .revision: Revision | None, .message_dict — some fields rejected
    LockHeld(PermissionDenied)        .lock: EditLock — somebody else holds the item
    snapshot(item) -> dict            the editable content of an item as stored in Revision.data
    diff_revisions(a, b) -> list[DiffRow]
    lock_of(item) -> EditLock | None  a live lock (an expired one counts as none)
    acquire_lock(user, item) -> EditLock            raises LockHeld
    heartbeat(user, item) -> EditLock               raises LockHeld (lost it: taken over / expired and taken)
    release(user, item) -> None
    take_over(user, item) -> EditLock               a head of the lead agency (or an admin); PermissionDenied otherwise
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy

from .models import EditLock, ItemAgency, NewsItem, Revision
from .sanitize import plain_text

LOCK_TTL = dt.timedelta(minutes=2)

# The fields of Revision.data, in the order a diff shows them, with their Persian labels.
TEXT_FIELDS = ("kicker", "title", "lead", "body", "city")
LIST_FIELDS = ("supporting", "sectors", "tags")


def field_labels() -> dict[str, str]:
    return {
        "kicker": _("روتیتر"), "title": _("تیتر"), "lead": _("لید"), "body": _("متن"), "city": _("شهر"),
        "main_image": _("تصویر اصلی"), "supporting": _("دستگاه‌های همکار"), "sectors": _("بخش‌ها"),
        "tags": _("برچسب‌ها"), "kind": _("نوع خبر"), "aparat": _("ویدیوی آپارات"),
    }


class EditConflict(ValidationError):
    """Somebody saved the item after the editor loaded it. `theirs` is that newer revision, so the
    editor can show both versions side by side; nothing was saved."""

    def __init__(self, theirs: Revision | None, base_revision: int | None = None):
        self.theirs = theirs
        self.base_revision = base_revision
        who = theirs.author.display_name if theirs is not None and theirs.author else _("کاربر دیگری")
        super().__init__(
            _("«%(who)s» این خبر را پس از بازکردن شما ذخیره کرده است؛ تغییرات شما ذخیره نشد. دو نسخه را مقایسه کنید.")
            % {"who": who},
            code="conflict",
        )


class PartialSave(ValidationError):
    """Some fields were rejected; the valid ones were saved in `revision` (None when nothing
    changed). `message_dict` maps each rejected field to its Persian messages."""

    def __init__(self, errors: dict[str, list[str]], revision: Revision | None):
        self.revision = revision
        super().__init__(errors)


class LockHeld(PermissionDenied):
    def __init__(self, lock: EditLock):
        self.lock = lock
        super().__init__(
            _("«%(who)s» از %(since)s در حال ویرایش این خبر است.")
            % {"who": lock.user.display_name, "since": _format(lock.acquired_at)}
        )


def _format(value: dt.datetime) -> str:
    from hamafza.persian.jalali import format_datetime

    return format_datetime(value)


# --- Snapshots and diffs -------------------------------------------------------------------------

def snapshot(item: NewsItem) -> dict:
    """Everything a revision keeps: text fields, main image, supporting agencies, sectors, tags."""
    links = ItemAgency.objects.filter(item=item).order_by("order", "id").values_list("agency_id", "role")
    return {
        "kicker": item.kicker,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "city": item.city,
        "kind": item.kind,
        "aparat": item.aparat,
        "main_image": item.main_image_id,
        "supporting": [agency_id for agency_id, role in links if role == ItemAgency.Role.SUPPORTING],
        "sectors": sorted(item.item_sectors.values_list("sector_id", flat=True)),
        "tags": sorted(item.item_tags.values_list("tag__name", flat=True)),
    }


@dataclass(frozen=True)
class Segment:
    text: str
    op: str  # "same", "removed" (only in the left column), "added" (only in the right column)


@dataclass(frozen=True)
class DiffRow:
    """One field of a side-by-side diff: the left (older) and right (newer) columns as segments."""

    field: str
    label: str
    changed: bool
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]


_WORD = re.compile(r"\S+|\s+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def _diff_text(a: str, b: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    wa, wb = _words(a), _words(b)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Segment("".join(wa[i1:i2]), "same"))
            right.append(Segment("".join(wb[j1:j2]), "same"))
            continue
        if i2 > i1:
            left.append(Segment("".join(wa[i1:i2]), "removed"))
        if j2 > j1:
            right.append(Segment("".join(wb[j1:j2]), "added"))
    return tuple(left), tuple(right)


def _list_text(field: str, values) -> str:
    from hamafza.agencies.registry import get_registry

    values = values or []
    if field == "supporting":
        agencies = get_registry().agencies
        return "، ".join(agencies[v].short_name if v in agencies else str(v) for v in values)
    if field == "sectors":
        sectors = get_registry().sectors
        return "، ".join(sectors[v].name if v in sectors else str(v) for v in values)
    return "، ".join(str(v) for v in values)


def diff_revisions(a: Revision | dict, b: Revision | dict) -> list[DiffRow]:
    """A word-level side-by-side diff of two revisions (or snapshots), older first. The body is
    compared as plain text; every field appears once, `changed` tells whether it differs."""
    da = a.data if isinstance(a, Revision) else a
    db = b.data if isinstance(b, Revision) else b
    labels = field_labels()
    rows = []
    for field in ("kicker", "title", "lead", "body", "city", "main_image", *LIST_FIELDS):
        va, vb = da.get(field), db.get(field)
        if field == "body":
            ta, tb = plain_text(va or ""), plain_text(vb or "")
        elif field in LIST_FIELDS:
            ta, tb = _list_text(field, va), _list_text(field, vb)
        elif field == "main_image":
            ta, tb = ("" if va is None else f"#{va}"), ("" if vb is None else f"#{vb}")
        else:
            ta, tb = va or "", vb or ""
        left, right = _diff_text(ta, tb)
        rows.append(DiffRow(field, labels[field], va != vb, left, right))
    return rows


# --- Edit locks ----------------------------------------------------------------------------------

def _live(lock: EditLock | None, now: dt.datetime) -> EditLock | None:
    if lock is None or lock.heartbeat_at + LOCK_TTL <= now:
        return None
    return lock


def lock_of(item: NewsItem) -> EditLock | None:
    """The live lock on the item, if somebody holds one."""
    return _live(EditLock.objects.select_related("user").filter(item=item).first(), timezone.now())


def _check_can_lock(user, item: NewsItem) -> None:
    if not policy.can_edit_item(user, item):
        raise PermissionDenied(_("شما اجازهٔ ویرایش این خبر را ندارید."))


def acquire_lock(user, item: NewsItem) -> EditLock:
    """Take the lock for `user`, or renew it if they hold it already. Raises LockHeld when a
    live lock belongs to somebody else."""
    _check_can_lock(user, item)
    now = timezone.now()
    with transaction.atomic():
        lock = EditLock.objects.select_for_update().select_related("user").filter(item=item).first()
        if lock is None:
            try:
                with transaction.atomic():
                    return EditLock.objects.create(item=item, user=user, acquired_at=now, heartbeat_at=now)
            except IntegrityError:  # somebody took it at the same moment
                lock = EditLock.objects.select_related("user").get(item=item)
                raise LockHeld(lock) from None
        if lock.user_id == user.pk:
            lock.heartbeat_at = now
            lock.save(update_fields=["heartbeat_at"])
            return lock
        if _live(lock, now) is not None:
            raise LockHeld(lock)
        lock.user, lock.acquired_at, lock.heartbeat_at = user, now, now
        lock.save(update_fields=["user", "acquired_at", "heartbeat_at"])
        return lock


def heartbeat(user, item: NewsItem) -> EditLock:
    """The editor is still open. Renews the holder's lock; re-takes an expired lock nobody else
    took; raises LockHeld when somebody else holds it now."""
    return acquire_lock(user, item)


def release(user, item: NewsItem) -> None:
    EditLock.objects.filter(item=item, user=user).delete()


def can_take_over(user, item: NewsItem) -> bool:
    roles = policy.roles_of(user)
    return roles.superuser or roles.head_of(item.lead_agency_id)


def take_over(user, item: NewsItem) -> EditLock:
    """A head of the lead agency takes the lock from whoever holds it."""
    if not can_take_over(user, item) or not policy.can_edit_item(user, item):
        raise PermissionDenied(_("فقط مدیر روابط عمومی دستگاه اصلی می‌تواند ویرایش را در دست بگیرد."))
    now = timezone.now()
    with transaction.atomic():
        previous = EditLock.objects.select_for_update().filter(item=item).first()
        previous_user = previous.user_id if previous is not None else None
        lock, _created = EditLock.objects.update_or_create(
            item=item, defaults={"user": user, "acquired_at": now, "heartbeat_at": now}
        )
        if previous_user and previous_user != user.pk:
            from hamafza.notifications import notify

            audit.record(user, "item.lock_taken_over", item, agency_id=item.lead_agency_id,
                         before={"holder": previous_user}, after={"holder": user.pk})
            notify([previous_user], "lock_taken", item=item, actor=user)
    return lock


def revision_of(item: NewsItem, number: int) -> Revision | None:
    return Revision.objects.select_related("author").filter(item=item, number=number).first()


# --- The audit log's view of an item ------------------------------------------------------------

def audit_subject(item: NewsItem, before: dict) -> audit.Subject:
    """Registered with hamafza.audit for NewsItem (apps.py): an entry about an item is its
    agencies' own when the council saw the item neither before nor after the change — every
    event of a draft (saves, comments, a supporting agency's answer, whatever kind comes next).
    An item belongs to its agency on every council the agency sits on: no council of its own."""
    seen = policy.council_sees_status(item.status) or policy.council_sees_status(str(before.get("status", "")))
    return audit.Subject(agency_only=not seen)


# --- Public reads of the workflow's traces (the portal) ------------------------------------------

def unpublished_item(council, item_id: int) -> NewsItem | None:
    """An unpublished item that this council's portal showed (its lead or a supporting agency
    sits on the council), for the withdrawal notice or the 410 at its old URL. An item that was
    never public (a scheduled one taken back: no mode, no publication time) has no trace: 404."""
    item = NewsItem.objects.filter(
        pk=item_id, status=NewsItem.Status.UNPUBLISHED, published_at__isnull=False
    ).exclude(unpublish_mode="").first()
    if item is None:
        return None
    members = set(council.member_ids)
    agency_ids = ItemAgency.objects.filter(item=item).values_list("agency_id", flat=True)
    return item if any(a in members for a in agency_ids) else None

