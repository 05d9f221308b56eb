"""Writes to news items. Views, the API, commands and tasks all change items through these."""

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.accounts.models import Membership
from hamafza.agencies.models import Agency, Sector
from hamafza.notifications import notify
from hamafza.persian.digits import read_int, to_persian_digits
from hamafza.persian.slugs import slugify_fa

from . import workflow
from .listing import sync_listing
from .models import Comment, CorrectionNote, ItemAgency, ItemSector, ItemTag, NewsItem, Revision, Tag, Video
from .sanitize import clean_html
from .signals import item_changed, item_corrected, item_published, item_unpublished, supporting_changed


def get_or_create_tags(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        tag, _ = Tag.objects.get_or_create(name=name, defaults={"slug": slugify_fa(name)})
        tags.append(tag)
    return tags


@transaction.atomic
def set_item_agencies(item: NewsItem, lead: Agency, supporting: Sequence[Agency] = ()) -> None:
    """The lead agency first, then the supporting agencies in the order given. Agencies that
    republished the item (cooperation) keep their rows unless they become lead or supporting."""
    item.lead_agency = lead
    NewsItem.objects.filter(pk=item.pk).update(lead_agency=lead)
    wanted = [lead.pk] + [a.pk for a in supporting if a.pk != lead.pk]
    ItemAgency.objects.filter(item=item).exclude(agency_id__in=wanted).exclude(
        role=ItemAgency.Role.REPUBLISHED
    ).delete()
    existing = {link.agency_id: link for link in ItemAgency.objects.filter(item=item)}
    for order, agency_id in enumerate(wanted):
        role = ItemAgency.Role.LEAD if order == 0 else ItemAgency.Role.SUPPORTING
        link = existing.get(agency_id)
        if link is None:
            ItemAgency.objects.create(item=item, agency_id=agency_id, role=role, order=order)
        elif (link.role, link.order) != (role, order):
            ItemAgency.objects.filter(pk=link.pk).update(role=role, order=order)
    sync_listing(item)


@transaction.atomic
def set_item_sectors(item: NewsItem, sectors: Iterable[Sector]) -> None:
    _set_links(item, ItemSector, "sector_id", {s.pk for s in sectors})


@transaction.atomic
def set_item_tags(item: NewsItem, tags: Iterable[Tag]) -> None:
    _set_links(item, ItemTag, "tag_id", {t.pk for t in tags})


def _set_links(item: NewsItem, model, field: str, wanted: set[int]) -> None:
    """Make the item's rows in a listing table (ItemSector, ItemTag) exactly `wanted`."""
    model.objects.filter(item=item).exclude(**{f"{field}__in": wanted}).delete()
    have = set(model.objects.filter(item=item).values_list(field, flat=True))
    model.objects.bulk_create([model(item=item, **{field: pk}) for pk in wanted - have])
    sync_listing(item)


def do_publish_scheduled(item_id: int, now: dt.datetime | None = None) -> bool:
    """Publish a scheduled item whose time has come. Claims it with a conditional UPDATE, so a
    second worker or scheduler that gets the same item does nothing. Returns whether it published."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = NewsItem.objects.filter(
            pk=item_id, status=NewsItem.Status.SCHEDULED, published_at__lte=now
        ).update(status=NewsItem.Status.PUBLISHED, updated_at=now)
        if not claimed:
            return False
        item = NewsItem.objects.get(pk=item_id)
        ended = _end_unanswered_invitations(item)
        sync_listing(item)
        item_published.send(sender=NewsItem, item=item)
        audit.record(None, "item.published_scheduled", item, agency_id=item.lead_agency_id,
                     before={"status": NewsItem.Status.SCHEDULED},
                     after={"status": NewsItem.Status.PUBLISHED, "published_at": item.published_at,
                            **({"invitations_ended": ended} if ended else {})})
        notify(_writers(item), "published", item=item)
    item_changed.send(sender=NewsItem, item_id=item_id)
    return True


# =================================================================================================
# The editorial workflow, on behalf of a person. Each action checks hamafza.policy, changes the
# item atomically, writes an audit event and notifies the people concerned (e-mail after commit).
# Errors: PermissionDenied / ValidationError with Persian messages; see newsroom.workflow for
# EditConflict, PartialSave and LockHeld.
#
#   do_create_draft(user, agency, data) -> NewsItem
#   do_save_draft(user, item, data, base_revision) -> Revision
#   do_submit(user, item) -> NewsItem
#   do_return(user, item, comment) -> NewsItem
#   do_approve_and_publish(user, item) -> NewsItem           (= do_publish on a submitted item)
#   do_publish(user, item) -> NewsItem
#   do_schedule(user, item, when) -> NewsItem
#   do_correct(user, item, data, note, base_revision=None) -> NewsItem
#   do_unpublish(user, item, reason, mode="withdrawn") -> NewsItem
#   do_restore_revision(user, item, number, base_revision=None) -> Revision
#   do_add_comment(user, item, body) -> Comment
#   do_respond_to_support(user, item, agency, accept) -> ItemAgency | None
#   do_grant_edit(user, item, agency, can_edit) -> ItemAgency
#
# `data` is a dict with any of: title, kicker, lead, body (HTML, sanitized here), city,
# main_image (Image, id or None), gallery (image ids, in order), supporting (Agencies or ids),
# sectors (Sectors or ids), tags (names). Keys that are absent stay as they are. Ids are
# checked against the policy (photos: can_use_image; new supporting agencies:
# can_invite_supporting, who are then invited through cooperation, never added as accepted).
# =================================================================================================

S = NewsItem.Status
PHOTO_REPORT_MIN = 3
LIMITS = {"title": 250, "kicker": 200, "lead": 1200, "city": 80, "body": 200_000}
# States in which new supporting agencies may be invited (an invitation is answered before
# publication; a published or scheduled item asks agencies to republish it instead).
INVITABLE = (S.DRAFT, S.RETURNED, S.SUBMITTED)


def _deny(message: str):
    raise PermissionDenied(message)


def _label(field: str) -> str:
    return workflow.field_labels().get(field, field)


def _pk(value) -> int | None:
    """An id from a form or a payload; ValueError for anything that is not one (2**63 and up,
    zero, negatives, text, booleans)."""
    if value is None or value == "":
        return None
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, bool):
        raise ValueError(value)
    number = read_int(value)  # the one bounded reader: 1 … 2^63 − 1, any digits
    if number is None:
        raise ValueError(value)
    return number


def _supporting_of(item: NewsItem | None) -> list[int]:
    if item is None or item.pk is None:
        return []
    return list(
        ItemAgency.objects.filter(item=item, role=ItemAgency.Role.SUPPORTING).order_by("order", "id")
        .values_list("agency_id", flat=True)
    )


def _clean(user, item: NewsItem | None, lead_agency_id: int, data: dict) -> tuple[dict, dict[str, list[str]]]:
    """Validated values of the keys present in `data`, and Persian errors of the rejected ones.
    Ids must name things the person may put on an item of the lead agency (policy): photos by
    policy.can_use_image, new supporting agencies by policy.can_invite_supporting. What the item
    already has stays acceptable (an image or agency on it since before is not checked again)."""
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for field in ("title", "kicker", "lead", "city"):
        if field not in data:
            continue
        text = " ".join(str(data[field] or "").split()) if field != "lead" else str(data[field] or "").strip()
        if len(text) > LIMITS[field]:
            errors[field] = [
                _("«%(field)s» حداکثر %(limit)s نویسه است؛ این متن %(n)s نویسه دارد.")
                % {"field": _label(field), "limit": fa_num(LIMITS[field]), "n": fa_num(len(text))}
            ]
            continue
        if field == "title" and not text:
            errors[field] = [_("تیتر خبر نمی‌تواند خالی باشد.")]
            continue
        values[field] = text
    if "body" in data:
        body = str(data["body"] or "")
        if len(body) > LIMITS["body"]:
            errors["body"] = [_("متن خبر بیش از اندازه بلند است.")]
        else:
            values["body"] = clean_html(body)
    if "kind" in data:
        kind = str(data["kind"] or "")
        if kind in NewsItem.Kind.values:
            values["kind"] = kind
        else:
            errors["kind"] = [_("نوع خبر نامعتبر است؛ یکی از «خبر»، «گزارش تصویری» یا «گزارش ویدیویی» را برگزینید.")]
    if "aparat" in data:
        from .aparat import aparat_hash

        found = aparat_hash(str(data["aparat"] or "")[:300])
        if found is None:
            errors["aparat"] = [_("پیوند آپارات باید نشانی صفحهٔ ویدیو باشد، مانند https://www.aparat.com/v/abc12")]
        else:
            values["aparat"] = found
    if "main_image" in data:
        _clean_main_image(user, item, lead_agency_id, data["main_image"], values, errors)
    if "gallery" in data:
        _clean_gallery(user, item, lead_agency_id, data["gallery"], values, errors)
    for field, model in (("supporting", Agency), ("sectors", Sector)):
        if field not in data:
            continue
        try:
            ids = [_pk(v) for v in data[field] or []]
            ids = [i for i in dict.fromkeys(ids) if i is not None]
        except (TypeError, ValueError):
            ids = None
        if ids is None or model.objects.filter(pk__in=ids).count() != len(ids):
            errors[field] = [_("«%(field)s» مقدار نامعتبری دارد.") % {"field": _label(field)}]
            continue
        if field == "supporting":
            ids = [i for i in ids if i != lead_agency_id]
            refusal = _supporting_refusal(user, item, lead_agency_id, ids)
            if refusal:
                errors[field] = [refusal]
                continue
        values[field] = ids
    if "tags" in data:
        names = data["tags"]
        if isinstance(names, str):
            names = names.replace("،", ",").split(",")
        names = [" ".join(str(n).split()) for n in names or []]
        names = [n for n in dict.fromkeys(names) if n]
        if any(len(n) > 100 for n in names) or len(names) > 30:
            errors["tags"] = [_("برچسب‌ها حداکثر ۳۰ عدد و هر کدام حداکثر ۱۰۰ نویسه است.")]
        else:
            values["tags"] = names
    return values, errors


def _clean_main_image(user, item: NewsItem | None, lead_agency_id: int, raw, values: dict, errors: dict) -> None:
    from .models import Image

    try:
        image_id = _pk(raw)
    except (TypeError, ValueError):
        image_id = 0
    if image_id is not None and image_id != (item.main_image_id if item is not None else None):
        image = Image.objects.filter(pk=image_id).first() if image_id else None
        if image is None or not policy.can_use_image(user, image, lead_agency_id):
            errors["main_image"] = [_("تصویر انتخاب‌شده پیدا نشد یا در دسترس این دستگاه نیست.")]
            return
    values["main_image_id"] = image_id


def _clean_gallery(user, item: NewsItem | None, lead_agency_id: int, raw, values: dict, errors: dict) -> None:
    """The gallery's photos in order (at most 60); each new one must pass policy.can_use_image."""
    from .models import Image

    try:
        ids = [i for i in dict.fromkeys(_pk(v) for v in raw or []) if i is not None]
    except (TypeError, ValueError):
        ids = None
    current = set(item.gallery.values_list("image_id", flat=True)) if item is not None and item.pk else set()
    new = [i for i in ids or [] if i not in current]
    images = Image.objects.in_bulk(new)
    if ids is None or len(ids) > 60 or any(i not in images or not policy.can_use_image(user, images[i], lead_agency_id)
                                           for i in new):
        errors["gallery"] = [_("یکی از تصاویر گالری پیدا نشد یا در دسترس این دستگاه نیست.")]
        return
    values["gallery"] = ids


def _supporting_refusal(user, item: NewsItem | None, lead_agency_id: int, ids: list[int]) -> str:
    """Why the newly named supporting agencies may not be invited ("" when they may). Every new
    one goes through the invitation (cooperation answers it); none is ever added as accepted."""
    current = set(_supporting_of(item))
    new = [i for i in ids if i not in current]
    if not new:
        return ""
    if item is not None and item.status not in INVITABLE:
        return _("به خبر منتشرشده یا زمان‌بندی‌شده نمی‌توان دستگاه همکار تازه افزود؛ از «درخواست بازنشر» استفاده کنید.")
    if not policy.can_create_item(user, lead_agency_id):
        return _("فقط همکاران دستگاه اصلی خبر می‌توانند دستگاه همکار دعوت کنند.")
    refused = [i for i in new if not policy.can_invite_supporting(user, lead_agency_id, i)]
    if refused:
        names = "، ".join(_agency_name(i) for i in refused)
        return _("«%(names)s» با دستگاه اصلی خبر در هیچ شورایی عضو نیست؛ فقط دستگاه‌های شوراهای مشترک را می‌توان "
                 "به همکاری دعوت کرد.") % {"names": names}
    return ""


def _agency_name(agency_id: int) -> str:
    from hamafza.agencies.registry import get_registry

    info = get_registry().agencies.get(agency_id)
    return info.short_name if info else fa_num(agency_id)


def fa_num(n: int) -> str:
    return to_persian_digits(n)


def _apply(item: NewsItem, values: dict, user=None) -> list[str]:
    """Write validated values to the item; returns the names of the changed fields. Supporting
    agencies that change are announced (supporting_changed): cooperation invites the new ones."""
    changed = []
    simple = [f for f in ("title", "kicker", "lead", "body", "city", "kind", "aparat", "main_image_id") if f in values]
    for field in simple:
        if getattr(item, field) != values[field]:
            setattr(item, field, values[field])
            changed.append(field)
    if "title" in changed and item.status in (S.DRAFT, S.RETURNED):
        item.slug = slugify_fa(item.title) or "خبر"
        changed.append("slug")
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    if "supporting" in values:
        current = _supporting_of(item)
        if current != values["supporting"]:
            by_id = Agency.objects.in_bulk(values["supporting"])
            set_item_agencies(item, item.lead_agency, [by_id[a] for a in values["supporting"] if a in by_id])
            changed.append("supporting")
            supporting_changed.send(sender=NewsItem, item=item, user=user, before=current)
    if "sectors" in values:
        if set(item.item_sectors.values_list("sector_id", flat=True)) != set(values["sectors"]):
            set_item_sectors(item, Sector.objects.filter(pk__in=values["sectors"]))
            changed.append("sectors")
    if "gallery" in values:
        if list(item.gallery.order_by("order", "id").values_list("image_id", flat=True)) != values["gallery"]:
            from .media import set_gallery

            set_gallery(item, values["gallery"])
            changed.append("gallery")
    if "tags" in values:
        if set(item.item_tags.values_list("tag__name", flat=True)) != set(values["tags"]):
            set_item_tags(item, get_or_create_tags(values["tags"]))
            changed.append("tags")
    return changed


def _new_revision(user, item: NewsItem, kind: str, note: str = "") -> Revision:
    """Bump the item's revision number and store a snapshot under it."""
    number = item.revision + 1
    NewsItem.objects.filter(pk=item.pk).update(revision=number)
    item.revision = number
    return Revision.objects.create(
        item=item, number=number, kind=kind, author=_user_or_none(user), data=workflow.snapshot(item), note=note[:300]
    )


def _user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def _claim_revision(item: NewsItem, base_revision: int | None) -> None:
    """Optimistic concurrency: lock the item row and check the editor's base revision. Any newer
    revision is a conflict, also one's own from another tab (or a retried autosave): the editor
    shows both versions and the person chooses; nothing is overwritten silently."""
    current = NewsItem.objects.select_for_update().filter(pk=item.pk).values_list("revision", flat=True).first()
    if current is None:
        raise ValidationError(_("این خبر دیگر وجود ندارد."))
    item.revision = current
    if base_revision is not None and int(base_revision) != current:
        raise workflow.EditConflict(workflow.revision_of(item, current), base_revision)


def _check_lock(user, item: NewsItem) -> None:
    lock = workflow.lock_of(item)
    if lock is not None and lock.user_id != getattr(user, "pk", None):
        raise workflow.LockHeld(lock)


def do_create_draft(user, agency: Agency, data: dict) -> NewsItem:
    """A new draft of `agency` written by `user`, with its first revision."""
    if not policy.can_create_item(user, agency.pk):
        _deny(_("شما عضو این دستگاه نیستید و نمی‌توانید برای آن خبر بنویسید."))
    return draft_for_agency(user, agency, data)


def draft_for_agency(user, agency: Agency, data: dict) -> NewsItem:
    """A new draft in `agency`'s newsroom, validated, with its first revision and its audit entry,
    for an action that has checked its own rule first: do_create_draft (the person is a member of
    the agency) or another app's action (a council meeting's news is drafted by the secretariat
    into the head agency's newsroom, council.actions.draft_meeting_news)."""
    values, errors = _clean(user, None, agency.pk, {"title": "", **data} if "title" not in data else data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = _insert_item(
            lead_agency=agency,
            title=values.get("title", ""),
            kicker=values.get("kicker", ""),
            lead=values.get("lead", ""),
            body=values.get("body", ""),
            city=values.get("city", ""),
            supporting=list(Agency.objects.filter(pk__in=values.get("supporting", []))),
            sectors=list(Sector.objects.filter(pk__in=values.get("sectors", []))),
            tags=values.get("tags", []),
            created_by=_user_or_none(user),
            kind=values.get("kind", NewsItem.Kind.NEWS),
            aparat=values.get("aparat", ""),
        )
        if values.get("main_image_id"):
            NewsItem.objects.filter(pk=item.pk).update(main_image_id=values["main_image_id"])
            item.main_image_id = values["main_image_id"]
        if values.get("supporting"):
            supporting_changed.send(sender=NewsItem, item=item, user=user, before=[])
        _new_revision(user, item, Revision.Kind.CREATE)
        audit.record(user, "item.created", item, agency_id=agency.pk, after={"title": item.title})
    return item


@transaction.atomic
def _insert_item(
    *,
    lead_agency: Agency,
    title: str,
    kicker: str = "",
    lead: str = "",
    body: str = "",
    supporting: Sequence[Agency] = (),
    sectors: Iterable[Sector] = (),
    tags: Iterable[str] = (),
    city: str = "",
    main_image=None,
    created_by=None,
    kind: str = NewsItem.Kind.NEWS,
    aparat: str = "",
) -> NewsItem:
    """The rows of a new draft, unchecked: only draft_for_agency and newsroom.unchecked call it."""
    item = NewsItem.objects.create(
        lead_agency=lead_agency,
        title=title.strip(),
        slug=slugify_fa(title) or "خبر",
        kicker=kicker.strip(),
        lead=lead.strip(),
        body=clean_html(body),
        city=city.strip(),
        main_image=main_image,
        created_by=created_by,
        kind=kind,
        aparat=aparat,
    )
    set_item_agencies(item, lead_agency, supporting)
    set_item_sectors(item, sectors)
    set_item_tags(item, get_or_create_tags(tags))
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item


def do_save_draft(user, item: NewsItem, data: dict, base_revision: int | None) -> Revision:
    """Save the editor's fields as a new revision of an item the person may edit.

    `base_revision` is the item.revision the editor loaded (None: no check, for imports). When
    somebody saved since, raises EditConflict (nothing saved). When some fields are invalid, the
    valid ones are saved and PartialSave is raised with the errors and the new revision. When
    nothing changed, returns the current revision without making a new one."""
    if not policy.can_edit_item(user, item):
        _deny(_("شما اجازهٔ ویرایش این خبر را ندارید."))
    if item.status == S.PUBLISHED:
        raise ValidationError(_("این خبر منتشر شده است؛ برای تغییر آن «اصلاحیه» ثبت کنید."))
    _check_lock(user, item)
    values, errors = _clean(user, item, item.lead_agency_id, data)
    revision = None
    with transaction.atomic():
        _claim_revision(item, base_revision)
        before = {f: getattr(item, f) for f in ("title",)}
        changed = _apply(item, values, user)
        if changed or item.revision == 0:
            revision = _new_revision(user, item, Revision.Kind.SAVE)
            audit.record(user, "item.saved", item, agency_id=item.lead_agency_id, before=before,
                         after={"title": item.title, "revision": revision.number, "fields": changed})
            item_changed.send(sender=NewsItem, item_id=item.pk)
        else:
            revision = workflow.revision_of(item, item.revision)
    if errors:
        raise workflow.PartialSave(errors, revision if changed else None)
    return revision


def _check_submittable(item: NewsItem) -> None:
    errors = {}
    if not item.title.strip():
        errors["title"] = [_("برای ارسال، خبر باید تیتر داشته باشد.")]
    if not item.body.strip() and not item.lead.strip():
        errors["body"] = [_("برای ارسال، خبر باید لید یا متن داشته باشد.")]
    if item.kind == NewsItem.Kind.VIDEO_REPORT and not item.aparat and not Video.objects.filter(item=item).exists():
        errors["video"] = [_("گزارش ویدیویی باید ویدیو داشته باشد: پرونده‌ای بارگذاری کنید یا پیوند آپارات بگذارید.")]
    if item.kind == NewsItem.Kind.PHOTO_REPORT and item.gallery.count() < PHOTO_REPORT_MIN:
        errors["gallery"] = [_("گزارش تصویری دست‌کم %(n)s عکس در گالری می‌خواهد.") % {"n": fa_num(PHOTO_REPORT_MIN)}]
    if errors:
        raise ValidationError(errors)


def _transition(user, item: NewsItem, to: str, action: str, **extra) -> NewsItem:
    before = item.status
    item.status = to
    fields = ["status", "updated_at", *extra.pop("fields", [])]
    item.save(update_fields=fields)
    audit.record(user, action, item, agency_id=item.lead_agency_id, before={"status": before},
                 after={"status": to, **extra})
    return item


def do_submit(user, item: NewsItem) -> NewsItem:
    """Hand a draft (or a returned item) to the lead agency's head for approval."""
    if not policy.can_view_item(user, item) or not policy.can_submit(user, item):
        _deny(_("این خبر را نمی‌توانید برای تأیید بفرستید."))
    _check_submittable(item)
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().select_related("lead_agency").get(pk=item.pk)
        if item.status not in (S.DRAFT, S.RETURNED):
            raise ValidationError(_("این خبر پیش از این ارسال شده است."))
        _transition(user, item, S.SUBMITTED, "item.submitted")
        item_changed.send(sender=NewsItem, item_id=item.pk)
        heads = Membership.objects.filter(agency_id=item.lead_agency_id, role=Membership.Role.HEAD)
        notify(heads.values_list("user_id", flat=True), "submitted", item=item, actor=user)
    return item


def do_return(user, item: NewsItem, comment: str) -> NewsItem:
    """Send a submitted item back to its writer with a comment (required)."""
    if not policy.can_return(user, item):
        _deny(_("فقط مدیر روابط عمومی دستگاه اصلی می‌تواند این خبر را برگرداند."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("برای بازگرداندن خبر، توضیح بنویسید که چه چیزی باید اصلاح شود.")]})
    if len(comment) > 4000:
        raise ValidationError({"comment": [_("توضیح حداکثر ۴۰۰۰ نویسه است.")]})
    with transaction.atomic():
        item = NewsItem.objects.select_for_update().select_related("lead_agency").get(pk=item.pk)
        if item.status != S.SUBMITTED:
            raise ValidationError(_("این خبر در انتظار تأیید نیست."))
        Comment.objects.create(item=item, author=_user_or_none(user), body=comment, is_return_reason=True)
        _transition(user, item, S.RETURNED, "item.returned", comment=comment[:300])
        item_changed.send(sender=NewsItem, item_id=item.pk)
        notify(_writers(item), "returned", item=item, actor=user, text=comment)
    return item


def _writers(item: NewsItem) -> list[int]:
    ids = [item.created_by_id] if item.created_by_id else []
    ids += list(Revision.objects.filter(item=item, author__isnull=False).values_list("author_id", flat=True)[:20])
    return list(dict.fromkeys(ids))


def _end_unanswered_invitations(item: NewsItem) -> list[int]:
    """At publication, supporting agencies that never accepted are taken off the item: nobody is
    credited on a portal for an item they did not agree to support. Returns their ids."""
    unanswered = ItemAgency.objects.filter(item=item, role=ItemAgency.Role.SUPPORTING, accepted_at__isnull=True)
    ids = list(unanswered.values_list("agency_id", flat=True))
    if ids:
        unanswered.delete()
        item._policy_links = None
    return ids


def _publish(user, item: NewsItem, at: dt.datetime, action: str) -> NewsItem:
    before = item.status
    item.status = S.PUBLISHED
    item.published_at = at
    item.unpublish_reason, item.unpublish_mode = "", ""
    item.save(update_fields=["status", "published_at", "unpublish_reason", "unpublish_mode", "updated_at"])
    ended = _end_unanswered_invitations(item)
    sync_listing(item)
    item_published.send(sender=NewsItem, item=item)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    audit.record(user, action, item, agency_id=item.lead_agency_id, before={"status": before},
                 after={"status": S.PUBLISHED, "published_at": at.isoformat(),
                        **({"invitations_ended": ended} if ended else {})})
    notify(_writers(item), "published", item=item, actor=user)
    return item


def do_publish(user, item: NewsItem) -> NewsItem:
    """Publish now: a submitted item (approving it: a head may not approve an item they wrote
    unless the agency allows self-approval), a scheduled one ahead of time, or an unpublished one
    again."""
    if not policy.can_publish(user, item):
        if item.status == S.SUBMITTED and policy.can_return(user, item):
            _deny(_("شما نویسندهٔ این خبر هستید و دستگاه شما تأیید خبر توسط نویسنده را مجاز نکرده است."))
        _deny(_("شما اجازهٔ انتشار این خبر را ندارید."))
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().select_related("lead_agency").get(pk=item.pk)
        if locked.status != item.status:
            raise ValidationError(_("وضعیت این خبر در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید."))
        action = "item.approved_published" if locked.status == S.SUBMITTED else "item.published"
        _publish(user, locked, timezone.now(), action)
    return locked


do_approve_and_publish = do_publish


def do_schedule(user, item: NewsItem, when: dt.datetime) -> NewsItem:
    """Approve a submitted item (or re-time a scheduled one) for publication at `when`, a future
    aware datetime (the UI parses a Jalali date and time with persian.jalali). The scheduler job
    newsroom.publish_due publishes it on its first pass after `when`."""
    allowed = policy.can_approve(user, item) if item.status == S.SUBMITTED else (
        item.status == S.SCHEDULED and policy.can_unpublish(user, item)
    )
    if not allowed:
        _deny(_("شما اجازهٔ زمان‌بندی انتشار این خبر را ندارید."))
    if when is None or timezone.is_naive(when):
        raise ValidationError({"when": [_("زمان انتشار نامعتبر است.")]})
    if when <= timezone.now():
        raise ValidationError({"when": [_("زمان انتشار باید در آینده باشد.")]})
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().select_related("lead_agency").get(pk=item.pk)
        if locked.status != item.status:
            raise ValidationError(_("وضعیت این خبر در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید."))
        locked.published_at = when
        _transition(user, locked, S.SCHEDULED, "item.scheduled", fields=["published_at"], when=when.isoformat())
        sync_listing(locked)
        item_changed.send(sender=NewsItem, item_id=locked.pk)
        notify(_writers(locked), "scheduled", item=locked, actor=user)
    return locked


def do_correct(user, item: NewsItem, data: dict, note: str, base_revision: int | None = None) -> NewsItem:
    """Edit a published item; the public page shows `note` with its date (CorrectionNote)."""
    if item.status != S.PUBLISHED or not policy.can_edit_item(user, item):
        _deny(_("فقط مدیر روابط عمومی دستگاه اصلی می‌تواند خبر منتشرشده را اصلاح کند."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("متن اصلاحیه را بنویسید؛ در صفحهٔ خبر نشان داده می‌شود.")]})
    if len(note) > 2000:
        raise ValidationError({"note": [_("متن اصلاحیه حداکثر ۲۰۰۰ نویسه است.")]})
    values, errors = _clean(user, item, item.lead_agency_id, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _claim_revision(item, base_revision)
        changed = _apply(item, values, user)
        now = timezone.now()
        CorrectionNote.objects.create(item=item, note=note, at=now, author=_user_or_none(user))
        item.public_corrections = [*(item.public_corrections or []), {"at": now.isoformat(), "note": note}]
        NewsItem.objects.filter(pk=item.pk).update(public_corrections=item.public_corrections)
        revision = _new_revision(user, item, Revision.Kind.CORRECTION, note=note)
        sync_listing(item)
        item_corrected.send(sender=NewsItem, item=item, note=note)
        item_changed.send(sender=NewsItem, item_id=item.pk)
        audit.record(user, "item.corrected", item, agency_id=item.lead_agency_id,
                     after={"note": note[:300], "revision": revision.number, "fields": changed})
    return item


def do_unpublish(user, item: NewsItem, reason: str, mode: str = "withdrawn") -> NewsItem:
    """Take a published (or scheduled) item off the portal. mode "withdrawn": the URL keeps a
    notice with the reason; "gone": the URL answers 410. A scheduled item was never public: its
    schedule is cancelled and its URL stays a plain 404 (no notice, no reason shown, whatever the
    mode), `published_at` is cleared and `unpublish_mode` left empty (see workflow.unpublished_item)."""
    if not policy.can_unpublish(user, item):
        _deny(_("شما اجازهٔ لغو انتشار این خبر را ندارید."))
    reason = (reason or "").strip()
    if mode not in NewsItem.UnpublishMode.values:
        raise ValidationError({"mode": [_("نحوهٔ لغو انتشار نامعتبر است.")]})
    if not reason:
        raise ValidationError({"reason": [_("دلیل لغو انتشار را بنویسید.")]})
    if len(reason) > 2000:
        raise ValidationError({"reason": [_("دلیل لغو انتشار حداکثر ۲۰۰۰ نویسه است.")]})
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().select_related("lead_agency").get(pk=item.pk)
        if locked.status not in (S.PUBLISHED, S.SCHEDULED):
            raise ValidationError(_("این خبر منتشر نشده است."))
        was_public = locked.is_public
        if not was_public:
            mode, locked.published_at = "", None
        locked.unpublish_reason, locked.unpublish_mode = reason, mode
        _transition(user, locked, S.UNPUBLISHED, "item.unpublished",
                    fields=["unpublish_reason", "unpublish_mode", "published_at"], reason=reason[:300], mode=mode)
        sync_listing(locked)
        item_unpublished.send(sender=NewsItem, item=locked, reason=reason)
        item_changed.send(sender=NewsItem, item_id=locked.pk)
    return locked


def do_restore_revision(user, item: NewsItem, number: int, base_revision: int | None = None) -> Revision:
    """Make the content of revision `number` current again, as a new revision."""
    if not policy.can_see_revisions(user, item):
        _deny(_("شما اجازهٔ دیدن نسخه‌های این خبر را ندارید."))
    old = workflow.revision_of(item, number)
    if old is None:
        raise ValidationError(_("این نسخه پیدا نشد."))
    data = {k: v for k, v in old.data.items() if k in (*workflow.TEXT_FIELDS, *workflow.LIST_FIELDS, "main_image", "kind", "aparat")}
    if item.status == S.PUBLISHED:
        do_correct(user, item, data, _("بازگردانی نسخهٔ %(n)s") % {"n": fa_num(number)}, base_revision)
        return workflow.revision_of(item, item.revision)
    if not policy.can_edit_item(user, item):
        _deny(_("شما اجازهٔ ویرایش این خبر را ندارید."))
    _check_lock(user, item)
    values, errors = _clean(user, item, item.lead_agency_id, data)
    # A part that can no longer be restored (an image or agency since removed) is left as it is.
    with transaction.atomic():
        _claim_revision(item, base_revision)
        _apply(item, values, user)
        revision = _new_revision(user, item, Revision.Kind.RESTORE, note=_("از نسخهٔ %(n)s") % {"n": fa_num(number)})
        item_changed.send(sender=NewsItem, item_id=item.pk)
        audit.record(user, "item.restored", item, agency_id=item.lead_agency_id,
                     after={"from": number, "revision": revision.number})
    return revision


def do_add_comment(user, item: NewsItem, body: str) -> Comment:
    """A comment on an item, for whoever may see its revisions; notifies the writer and heads."""
    if not policy.can_comment(user, item):
        _deny(_("شما نمی‌توانید روی این خبر نظر بنویسید."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("متن نظر خالی است.")]})
    if len(body) > 4000:
        raise ValidationError({"body": [_("نظر حداکثر ۴۰۰۰ نویسه است.")]})
    with transaction.atomic():
        comment = Comment.objects.create(item=item, author=_user_or_none(user), body=body)
        audit.record(user, "item.commented", item, agency_id=item.lead_agency_id, after={"comment": body[:300]})
        heads = Membership.objects.filter(agency_id=item.lead_agency_id, role=Membership.Role.HEAD)
        commenters = Comment.objects.filter(item=item, author__isnull=False).values_list("author_id", flat=True)
        recipients = [*_writers(item), *heads.values_list("user_id", flat=True), *commenters[:20]]
        mentioned = _mentioned(item, body)
        notify(mentioned, "mentioned", item=item, actor=user, text=body)
        notify([pk for pk in recipients if pk not in mentioned], "commented", item=item, actor=user, text=body)
    return comment


MENTION = re.compile(r"(?<![\w@])@([\w.\-]{2,150})")


def _mentioned(item: NewsItem, body: str) -> list[int]:
    """People named as «@username» in a comment who may read the item's comments (at most 10)."""
    from django.contrib.auth import get_user_model

    names = list(dict.fromkeys(MENTION.findall(body)))[:10]
    if not names:
        return []
    people = get_user_model().objects.filter(username__in=names, is_active=True)
    return [person.pk for person in people if policy.can_comment(person, item)]


def do_respond_to_support(user, item: NewsItem, agency: Agency, accept: bool) -> ItemAgency | None:
    """A supporting agency's head accepts the invitation to support an item (the agency then
    sees it before publication) or declines it (the agency is removed from the item)."""
    if not policy.can_respond_to_support(user, item, agency.pk):
        _deny(_("فقط مدیر روابط عمومی دستگاه همکار می‌تواند به این دعوت پاسخ دهد."))
    with transaction.atomic():
        link = ItemAgency.objects.select_for_update().get(item=item, agency=agency, role=ItemAgency.Role.SUPPORTING)
        if accept:
            if link.accepted_at is None:
                link.accepted_at = timezone.now()
                link.save(update_fields=["accepted_at"])
            audit.record(user, "item.support_accepted", item, agency_id=agency.pk, after={"agency_id": agency.pk})
            return link
        link.delete()
        sync_listing(item)
        _revision_from_outside(user, item, _("«%(agency)s» همکاری در این خبر را نپذیرفت.") % {"agency": agency.short_name})
        item_changed.send(sender=NewsItem, item_id=item.pk)
        audit.record(user, "item.support_declined", item, agency_id=agency.pk, before={"agency_id": agency.pk})
        return None


def do_grant_edit(user, item: NewsItem, agency: Agency, can_edit: bool) -> ItemAgency:
    """The lead agency lets an accepted supporting agency edit the draft (or stops it)."""
    roles = policy.roles_of(user)
    if not (roles.superuser or roles.member_of(item.lead_agency_id)) or not policy.can_edit_item(user, item):
        _deny(_("فقط دستگاه اصلی می‌تواند اجازهٔ ویرایش بدهد."))
    with transaction.atomic():
        link = ItemAgency.objects.select_for_update().filter(
            item=item, agency=agency, role=ItemAgency.Role.SUPPORTING
        ).first()
        if link is None or link.accepted_at is None:
            raise ValidationError(_("این دستگاه هنوز همکاری در این خبر را نپذیرفته است."))
        if link.can_edit != can_edit:
            link.can_edit = can_edit
            link.save(update_fields=["can_edit"])
            audit.record(user, "item.edit_granted" if can_edit else "item.edit_revoked", item,
                         agency_id=item.lead_agency_id, after={"agency_id": agency.pk, "can_edit": can_edit})
        item._policy_links = None
    return link


@transaction.atomic
def add_republisher(item: NewsItem, agency: Agency) -> ItemAgency | None:
    """List the item on another agency's portal page as republished «به نقل از» the lead agency
    (the cooperation app calls this when that agency accepts a co-publication request). An agency
    already lead or supporting keeps its row; returns the new row or None."""
    if ItemAgency.objects.filter(item=item, agency=agency).exists():
        return None
    link = ItemAgency.objects.create(item=item, agency=agency, role=ItemAgency.Role.REPUBLISHED, order=1000)
    sync_listing(item)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return link


def _revision_from_outside(user, item: NewsItem, note: str) -> None:
    """The item's agencies changed outside the editor: a new revision, so that an editor still
    open on the old one gets an edit conflict on its next save instead of silently undoing it."""
    _claim_revision(item, None)
    _new_revision(user, item, Revision.Kind.SAVE, note=note)


@transaction.atomic
def change_supporting(user, item: NewsItem, agency_ids: Sequence[int], note: str) -> None:
    """Set the supporting agencies from outside the editor (a co-publication request invites
    agencies, or its invitations end unanswered); the change is a revision of its own."""
    by_id = Agency.objects.in_bulk(list(agency_ids))
    set_item_agencies(item, item.lead_agency, [by_id[a] for a in agency_ids if a in by_id])
    _revision_from_outside(user, item, note)
