"""Every write of the press office, on behalf of a person: each checks hamafza.policy, reads its
input (Persian messages through PressError), writes an audit entry with its council and defers
its e-mails to the commit.

    do_save_outlet(user, council_id, agency_id, data, outlet=None) -> Outlet
    do_save_journalist(user, council_id, agency_id, data, journalist=None) -> Journalist
    do_erase_journalist(user, journalist) -> None                 (erase on request)
    do_save_list(user, council_id, agency_id, data, press_list=None) -> PressList
    do_import_journalists(user, council_id, agency_id, data, filename) -> ImportResult
    export_journalists(user, council_id, agency_id, fmt) -> bytes   (audited: personal data leaves)
    do_send_release(user, council_id, agency_id, item, data) -> Release
    do_send_invitation(user, council_id, agency_id, data) -> Release
    do_revoke_preview(user, recipient) -> Recipient

Audit entries name a journalist at most (never an address or a number) and are the agency's own
(agency_only: the council's secretariat sees nothing of an agency's press list)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.agencies.registry import get_registry
from hamafza.core import limits, tabular
from hamafza.council import calendar
from hamafza.council.inputs import parse_date, parse_time, read_text, tehran_datetime
from hamafza.newsroom import actions as newsroom_actions
from hamafza.newsroom.models import NewsItem
from hamafza.persian import jalali
from hamafza.persian.digits import read_int, to_ascii_digits, to_persian_digits

from .errors import CouncilError, PressError
from .models import Journalist, Outlet, PressList, Recipient, Release

S = NewsItem.Status
MAX_SHARED = 50
MAX_LIST_MEMBERS = 2000
INVITATION_KINDS = ("meeting", "program")
INVITATION_DAYS = 90
_MOBILE = re.compile(r"^(?:\+98|0098|0)?(9\d{9})$")
_HANDLE = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{2,63})$")
YES = {"1", "on", "true", "yes", "بله", "آری", "دارد", "✓"}
NO = {"", "0", "off", "false", "no", "خیر", "نه", "ندارد"}


def _limit(model, name: str) -> int:
    return limits.limit_of(model, name) or 200


def _require_press(user, council_id: int, agency_id: int) -> None:
    if not policy.can_work_on_press(user, council_id, agency_id):
        raise Http404


def _ids(raw) -> list[int]:
    values = raw if isinstance(raw, (list, tuple, set, frozenset)) else ([raw] if raw not in (None, "") else [])
    out = []
    for value in values:
        pk = read_int(value)
        if pk is None:
            raise PressError(_("شناسهٔ نامعتبر."), "")
        out.append(pk)
    return list(dict.fromkeys(out))


def _shared_agencies(council_id: int, agency_id: int, raw, field_name: str = "shared_with") -> list[int]:
    ids = _ids(raw)
    members = set(get_registry().councils[council_id].member_ids)
    if len(ids) > MAX_SHARED or any(a not in members or a == agency_id for a in ids):
        raise PressError(_("دستگاهی که برای هم‌رسانی برگزیده‌اید در این شورا پیدا نشد."), field_name)
    return ids


def _bool(value, label: str, field_name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise PressError(_("«%(label)s» باید «بله» یا «خیر» باشد.") % {"label": label}, field_name)


# --- Outlets -------------------------------------------------------------------------------------

def _url(value, label: str, field_name: str, limit: int) -> str:
    text = read_text(value, label, field_name, limit, one_line=True, error=PressError)
    if not text:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise PressError(_("«%(label)s» نشانی وب درستی نیست (با http:// یا https:// آغاز شود).") % {"label": label},
                         field_name) from None
    return text


def do_save_outlet(user, council_id: int, agency_id: int, data: dict, outlet: Outlet | None = None) -> Outlet:
    _require_press(user, council_id, agency_id)
    if outlet is not None and (outlet.council_id, outlet.agency_id) != (council_id, agency_id):
        raise Http404
    values = {
        "name": read_text(data.get("name"), _("نام رسانه"), "name", _limit(Outlet, "name"), required=True,
                          one_line=True, error=PressError),
        "province": read_text(data.get("province"), _("استان"), "province", _limit(Outlet, "province"),
                              one_line=True, error=PressError),
        "site_url": _url(data.get("site_url"), _("نشانی وب‌گاه"), "site_url", _limit(Outlet, "site_url")),
        "feed_url": _url(data.get("feed_url"), _("نشانی خوراک"), "feed_url", _limit(Outlet, "feed_url")),
        "sitemap_url": _url(data.get("sitemap_url"), _("نشانی نقشهٔ سایت"), "sitemap_url", _limit(Outlet, "sitemap_url")),
        "shared": _bool(data.get("shared"), _("هم‌رسانی با شورا"), "shared"),
    }
    kind = str(data.get("kind") or Outlet.Kind.SITE)
    if kind not in Outlet.Kind.values:
        raise PressError(_("نوع رسانه را از فهرست برگزینید."), "kind")
    values["kind"] = kind
    clash = Outlet.objects.filter(council_id=council_id, agency_id=agency_id, name=values["name"])
    if outlet is not None:
        clash = clash.exclude(pk=outlet.pk)
    if clash.exists():
        raise PressError(_("رسانه‌ای با همین نام در فهرست شما هست."), "name")
    with transaction.atomic():
        before = {}
        if outlet is None:
            outlet = Outlet.objects.create(council_id=council_id, agency_id=agency_id, **values)
            action = "press.outlet_added"
        else:
            before = {k: getattr(outlet, k) for k in values}
            for key, value in values.items():
                setattr(outlet, key, value)
            outlet.save()
            action = "press.outlet_changed"
        audit.record(user, action, outlet, agency_id=agency_id, council_id=council_id, before=before,
                     after={k: v for k, v in values.items() if before.get(k, None) != v}, agency_only=True)
    return outlet


# --- Journalists ---------------------------------------------------------------------------------

def _email(value, field_name: str = "email") -> str:
    text = read_text(value, _("رایانامه"), field_name, _limit(Journalist, "email"), one_line=True, error=PressError)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise PressError(_("«%(text)s» نشانی رایانامهٔ درستی نیست.") % {"text": text[:80]}, field_name) from None
    return text.lower()


def _mobile(value) -> str:
    text = to_ascii_digits(str(value or "")).replace(" ", "").replace("-", "")
    if "\x00" in text:
        raise PressError(_("«تلفن همراه» نویسهٔ نامعتبر دارد."), "mobile")
    if not text:
        return ""
    match = _MOBILE.match(text)
    if not match:
        raise PressError(_("شمارهٔ همراه باید مانند ۰۹۱۲۱۲۳۴۵۶۷ باشد."), "mobile")
    return "0" + match[1]


def _handle(value, label: str, field_name: str) -> str:
    text = str(value or "").strip()
    if "\x00" in text:
        raise PressError(_("«%(label)s» نویسهٔ نامعتبر دارد.") % {"label": label}, field_name)
    if not text:
        return ""
    match = _HANDLE.match(text)
    if not match:
        raise PressError(_("«%(label)s» باید با حرف لاتین آغاز شود و فقط حرف و رقم لاتین و «_» داشته باشد.")
                         % {"label": label}, field_name)
    return match[1]


def _outlet_by_id(user, council_id: int, agency_id: int, raw) -> Outlet | None:
    if raw in (None, ""):
        return None
    pk = read_int(raw)
    outlet = policy.visible_outlets(user, council_id, agency_id).filter(pk=pk).first() if pk else None
    if outlet is None:
        raise PressError(_("رسانهٔ برگزیده پیدا نشد."), "outlet")
    return outlet


def clean_journalist(user, council_id: int, agency_id: int, data: dict, outlet: Outlet | None) -> dict:
    """The fields of a journalist from a form or an imported row (PressError on the first bad one)."""
    values = {
        "name": read_text(data.get("name"), _("نام"), "name", _limit(Journalist, "name"), required=True,
                          one_line=True, error=PressError),
        "outlet": outlet,
        "beat": read_text(data.get("beat"), _("حوزهٔ کاری"), "beat", _limit(Journalist, "beat"), one_line=True,
                          error=PressError),
        "email": _email(data.get("email")),
        "mobile": _mobile(data.get("mobile")),
        "bale_id": _handle(data.get("bale_id"), _("شناسهٔ بله"), "bale_id"),
        "eitaa_id": _handle(data.get("eitaa_id"), _("شناسهٔ ایتا"), "eitaa_id"),
        "consent": _bool(data.get("consent"), _("رضایت دریافت"), "consent"),
        "source": read_text(data.get("source"), _("منبع نشانی"), "source", _limit(Journalist, "source"),
                            one_line=True, error=PressError),
    }
    raw_date = str(data.get("consent_date") or "").strip()
    if values["consent"]:
        day = parse_date(raw_date, _("تاریخ رضایت"), "consent_date")
        if day > jalali.to_tehran(timezone.now()).date():
            raise PressError(_("تاریخ رضایت نمی‌تواند در آینده باشد."), "consent_date")
        values["consent_date"] = day
    else:
        values["consent_date"] = None
    if not (values["email"] or values["mobile"] or values["bale_id"] or values["eitaa_id"]):
        raise PressError(_("دست‌کم یکی از رایانامه، تلفن همراه، شناسهٔ بله یا ایتا را بنویسید."), "email")
    return values


def _summary(journalist: Journalist) -> dict:
    """What an audit entry may keep of a journalist: which fields are filled, never their values."""
    return {"outlet": journalist.outlet_id, "consent": journalist.consent,
            "filled": sorted(k for k in ("email", "mobile", "bale_id", "eitaa_id", "beat", "source")
                             if getattr(journalist, k))}


def do_save_journalist(user, council_id: int, agency_id: int, data: dict,
                       journalist: Journalist | None = None) -> Journalist:
    _require_press(user, council_id, agency_id)
    if journalist is not None and (journalist.council_id, journalist.agency_id) != (council_id, agency_id):
        raise Http404
    outlet = _outlet_by_id(user, council_id, agency_id, data.get("outlet"))
    values = clean_journalist(user, council_id, agency_id, data, outlet)
    shared = _shared_agencies(council_id, agency_id, data.get("shared_with"))
    with transaction.atomic():
        if journalist is None:
            journalist = Journalist.objects.create(council_id=council_id, agency_id=agency_id, **values)
            action, before = "press.journalist_added", {}
        else:
            before = _summary(journalist) | {"shared_with": sorted(journalist.shared_with.values_list("pk", flat=True))}
            for key, value in values.items():
                setattr(journalist, key, value)
            journalist.save()
            action = "press.journalist_changed"
        journalist.shared_with.set(shared)
        audit.record(user, action, journalist, agency_id=agency_id, council_id=council_id, before=before,
                     after=_summary(journalist) | {"shared_with": sorted(shared)}, agency_only=True)
    return journalist


def do_erase_journalist(user, journalist: Journalist) -> None:
    """Erase on request: the contact and every copy of its address on past releases go; the audit
    log keeps that it happened, with the name only."""
    if not policy.can_work_on_press(user, journalist.council_id, journalist.agency_id):
        raise Http404
    with transaction.atomic():
        locked = Journalist.objects.select_for_update().filter(pk=journalist.pk).first()
        if locked is None:
            raise Http404
        receipts = Recipient.objects.filter(journalist=locked)
        count = receipts.count()
        receipts.update(email="", name=_("پاک‌شده"), status=Recipient.Status.ERASED, journalist=None,
                        revoked_at=timezone.now())
        audit.record(user, "press.journalist_erased", locked, agency_id=locked.agency_id,
                     council_id=locked.council_id, after={"receipts_cleared": count}, agency_only=True)
        locked.delete()


# --- Lists ---------------------------------------------------------------------------------------

def do_save_list(user, council_id: int, agency_id: int, data: dict, press_list: PressList | None = None) -> PressList:
    _require_press(user, council_id, agency_id)
    if press_list is not None and (press_list.council_id, press_list.agency_id) != (council_id, agency_id):
        raise Http404
    name = read_text(data.get("name"), _("نام فهرست"), "name", _limit(PressList, "name"), required=True,
                     one_line=True, error=PressError)
    wanted = _ids(data.get("journalists"))
    if len(wanted) > MAX_LIST_MEMBERS:
        raise PressError(_("یک فهرست حداکثر %(n)s خبرنگار دارد.") % {"n": to_persian_digits(MAX_LIST_MEMBERS)},
                         "journalists")
    visible = set(policy.visible_journalists(user, council_id, agency_id).filter(pk__in=wanted).values_list("pk", flat=True))
    if set(wanted) - visible:
        raise PressError(_("خبرنگاری که برگزیده‌اید پیدا نشد."), "journalists")
    shared = _shared_agencies(council_id, agency_id, data.get("shared_with"))
    clash = PressList.objects.filter(council_id=council_id, agency_id=agency_id, name=name)
    if press_list is not None:
        clash = clash.exclude(pk=press_list.pk)
    if clash.exists():
        raise PressError(_("فهرستی با همین نام دارید."), "name")
    with transaction.atomic():
        if press_list is None:
            press_list = PressList.objects.create(council_id=council_id, agency_id=agency_id, name=name)
            action, before = "press.list_added", {}
        else:
            before = {"name": press_list.name, "members": press_list.journalists.count(),
                      "shared_with": sorted(press_list.shared_with.values_list("pk", flat=True))}
            press_list.name = name
            press_list.save()
            action = "press.list_changed"
        press_list.journalists.set(wanted)
        press_list.shared_with.set(shared)
        audit.record(user, action, press_list, agency_id=agency_id, council_id=council_id, before=before,
                     after={"name": name, "members": len(wanted), "shared_with": sorted(shared)}, agency_only=True)
    return press_list


# --- Import and export ---------------------------------------------------------------------------

# Column heading → field. The export writes these headings; the import finds columns by them.
COLUMNS = [
    ("name", "نام"), ("outlet", "رسانه"), ("beat", "حوزهٔ کاری"), ("email", "رایانامه"), ("mobile", "تلفن همراه"),
    ("bale_id", "شناسهٔ بله"), ("eitaa_id", "شناسهٔ ایتا"), ("consent", "رضایت"), ("consent_date", "تاریخ رضایت"),
    ("source", "منبع نشانی"),
]


@dataclass
class ImportResult:
    added: int = 0
    changed: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _heading(text: str) -> str:
    return " ".join(str(text).replace("\u200c", " ").split())


def do_import_journalists(user, council_id: int, agency_id: int, data: bytes, filename: str = "") -> ImportResult:
    """Rows of a CSV/XLSX file (headings as in the export) added to the agency's journalists; a row
    whose e-mail matches one of its journalists updates that one. Any error saves nothing."""
    _require_press(user, council_id, agency_id)
    result = ImportResult()
    try:
        rows = tabular.read_table(data, filename)
    except tabular.TableError as error:
        result.errors.append((0, "", str(error)))
        return result
    labels = {_heading(label): key for key, label in COLUMNS}
    head = [labels.get(_heading(h)) for h in rows[0]]
    if "name" not in head:
        result.errors.append((1, "", _("سطر نخست باید سرستون‌های الگو باشد؛ ستون «نام» پیدا نشد.")))
        return result
    column_label = dict(COLUMNS)
    outlets = {o.name: o for o in policy.visible_outlets(user, council_id, agency_id)}
    own = {j.email: j for j in Journalist.objects.filter(council_id=council_id, agency_id=agency_id).exclude(email="")}
    planned: list[tuple[Journalist | None, dict]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        raw = {key: (row[i] if i < len(row) else "") for i, key in enumerate(head) if key}
        outlet = None
        if raw.get("outlet"):
            outlet = outlets.get(" ".join(raw["outlet"].split()))
            if outlet is None:
                result.errors.append((number, column_label["outlet"],
                                      _("رسانهٔ «%(name)s» در فهرست رسانه‌ها نیست؛ نخست آن را بیفزایید.") % {"name": raw["outlet"][:80]}))
                continue
        try:
            values = clean_journalist(user, council_id, agency_id, raw, outlet)
        except CouncilError as error:
            result.errors.append((number, column_label.get(error.field, ""), error.message))
            continue
        if values["email"]:
            if values["email"] in seen:
                result.errors.append((number, column_label["email"], _("این رایانامه در سطر %(row)s هم آمده است.")
                                      % {"row": to_persian_digits(seen[values["email"]])}))
                continue
            seen[values["email"]] = number
        planned.append((own.get(values["email"]) if values["email"] else None, values))
    if result.errors:
        return result
    with transaction.atomic():
        for existing, values in planned:
            if existing is None:
                Journalist.objects.create(council_id=council_id, agency_id=agency_id, **values)
                result.added += 1
            else:
                for key, value in values.items():
                    setattr(existing, key, value)
                existing.save()
                result.changed += 1
        audit.record(user, "press.journalists_imported", None, agency_id=agency_id, council_id=council_id,
                     object_type=Journalist._meta.label_lower, object_repr=_("درون‌بری فهرست خبرنگاران"),
                     after={"added": result.added, "changed": result.changed}, agency_only=True)
    return result


def export_journalists(user, council_id: int, agency_id: int, fmt: str) -> bytes:
    """The agency's own journalists as CSV or XLSX. Personal data leaves the system: audited."""
    _require_press(user, council_id, agency_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    journalists = Journalist.objects.filter(council_id=council_id, agency_id=agency_id).select_related("outlet")
    rows = [[j.name, j.outlet.name if j.outlet else "", j.beat, j.email, j.mobile, j.bale_id, j.eitaa_id,
             _("بله") if j.consent else _("خیر"), jalali.format_numeric(j.consent_date) if j.consent_date else "",
             j.source] for j in journalists]
    headings = [label for _key, label in COLUMNS]
    body = tabular.write_csv(headings, rows) if fmt == "csv" else tabular.write_xlsx(_("خبرنگاران"), headings, rows)
    audit.record(user, "press.journalists_exported", None, agency_id=agency_id, council_id=council_id,
                 object_type=Journalist._meta.label_lower, object_repr=_("برون‌بری فهرست خبرنگاران"),
                 after={"format": fmt, "rows": len(rows)}, agency_only=True)
    return body


# --- Releases and invitations --------------------------------------------------------------------

def _recipients_of(user, council_id: int, agency_id: int, list_ids) -> tuple[list[PressList], list[Journalist]]:
    ids = _ids(list_ids)
    if not ids:
        raise PressError(_("دست‌کم یک فهرست خبرنگاران برگزینید."), "lists")
    lists = list(policy.usable_press_lists(user, council_id, agency_id).filter(pk__in=ids))
    if len(lists) != len(ids):
        raise PressError(_("فهرستی که برگزیده‌اید پیدا نشد."), "lists")
    journalists = list(Journalist.objects.filter(lists__in=lists, council_id=council_id, consent=True)
                       .distinct().order_by("name", "id"))
    if not journalists:
        raise PressError(_("در فهرست‌های برگزیده خبرنگاری با رضایت دریافت نیست."), "lists")
    return lists, journalists


def _embargo(data: dict) -> dt.datetime | None:
    day_text = str(data.get("embargo_date") or "").strip()
    time_text = str(data.get("embargo_time") or "").strip()
    if not day_text and not time_text:
        return None
    day = parse_date(day_text, _("تاریخ انتشار"), "embargo_date")
    when = tehran_datetime(day, parse_time(time_text, _("ساعت انتشار"), "embargo_time", required=True))
    if when <= timezone.now():
        raise PressError(_("زمان انتشار باید در آینده باشد."), "embargo_time")
    if when > timezone.now() + dt.timedelta(days=365):
        raise PressError(_("زمان انتشار بیش از یک سال دیگر است."), "embargo_date")
    return when


def _create(user, council_id: int, agency_id: int, lists, journalists, **fields) -> Release:
    release = Release.objects.create(council_id=council_id, agency_id=agency_id, created_by=user, **fields)
    release.lists.set(lists)
    Recipient.objects.bulk_create([
        Recipient(release=release, journalist=j, name=j.name, email=j.email, nonce=secrets.token_urlsafe(18),
                  status=Recipient.Status.PENDING if j.email else Recipient.Status.SKIPPED)
        for j in journalists
    ])
    return release


def _enqueue(release_id: int) -> None:
    from .tasks import send_release

    send_release.enqueue(release_id)


def do_send_release(user, council_id: int, agency_id: int, item: NewsItem, data: dict) -> Release:
    """A press release of `item` to the chosen lists. With an embargo the item is scheduled for
    that moment (newsroom's do_schedule: the scheduler publishes it on the portal and channels);
    without one the item must be published already."""
    _require_press(user, council_id, agency_id)
    if item.lead_agency_id != agency_id or agency_id not in get_registry().councils[council_id].member_ids:
        raise Http404
    if not policy.can_release_item(user, item):
        raise PermissionDenied(_("خبرنامهٔ مطبوعاتی فقط از خبر منتشرشده یا خبری که زمان انتشار دارد ساخته می‌شود."))
    subject = read_text(data.get("subject") or item.title, _("موضوع"), "subject", _limit(Release, "subject"),
                        required=True, one_line=True, error=PressError)
    note = read_text(data.get("note"), _("یادداشت"), "note", 2000, error=PressError)
    embargo = _embargo(data)
    lists, journalists = _recipients_of(user, council_id, agency_id, data.get("lists"))
    if embargo is None and item.status != S.PUBLISHED:
        raise PressError(_("این خبر هنوز منتشر نشده است: زمان انتشار (منتشر نشود پیش از …) را بگذارید."), "embargo_date")
    if embargo is not None:
        if item.status == S.PUBLISHED:
            raise PressError(_("این خبر منتشر شده است؛ خبرنامهٔ آن زمان انتشار نمی‌خواهد."), "embargo_date")
        if not policy.can_embargo_release(user, item):
            raise PermissionDenied(_("فقط کسی که اجازهٔ زمان‌بندی انتشار این خبر را دارد می‌تواند زمان انتشار بگذارد."))
    with transaction.atomic():
        if embargo is not None:
            item = newsroom_actions.do_schedule(user, item, embargo)
        release = _create(user, council_id, agency_id, lists, journalists, kind=Release.Kind.RELEASE, item=item,
                          subject=subject, note=note, embargo_at=embargo)
        audit.record(user, "press.release_sent", release, agency_id=agency_id, council_id=council_id,
                     after={"item": item.pk, "lists": [p.pk for p in lists], "recipients": len(journalists),
                            **({"embargo": embargo.isoformat()} if embargo else {})}, agency_only=True)
        transaction.on_commit(lambda: _enqueue(release.pk))
    return release


def invitation_events(user, council_id: int, today: dt.date | None = None) -> list[calendar.Event]:
    """Events of the shared calendar a press invitation may be sent for: this council's meetings
    and approved campaign programmes of the next months that this person sees."""
    from hamafza.council.models import Meeting, ProgramProposal

    today = today or jalali.to_tehran(timezone.now()).date()
    events = calendar.collect(user, today, today + dt.timedelta(days=INVITATION_DAYS), kinds=INVITATION_KINDS)

    def ids(kind: str) -> list[int]:
        return [int(e.uid.split("-", 1)[1]) for e in events if e.kind == kind and e.uid.split("-", 1)[1].isdigit()]

    ours = {f"meeting-{pk}" for pk in Meeting.objects.filter(pk__in=ids("meeting"), council_id=council_id)
            .values_list("pk", flat=True)}
    ours |= {f"program-{pk}" for pk in ProgramProposal.objects.filter(
        pk__in=ids("program"), campaign__council_id=council_id, status=ProgramProposal.Status.APPROVED,
    ).values_list("pk", flat=True)}
    return [e for e in events if e.uid in ours]


def do_send_invitation(user, council_id: int, agency_id: int, data: dict) -> Release:
    """An invitation to a calendar event, with its iCal file attached, to the chosen lists."""
    _require_press(user, council_id, agency_id)
    uid = str(data.get("event") or "")[:80]
    event = next((e for e in invitation_events(user, council_id) if e.uid == uid), None)
    if event is None:
        raise PressError(_("رویداد برگزیده در تقویم شورا پیدا نشد."), "event")
    note = read_text(data.get("note"), _("یادداشت"), "note", 2000, error=PressError)
    lists, journalists = _recipients_of(user, council_id, agency_id, data.get("lists"))
    start = tehran_datetime(event.day, event.time or dt.time(0, 0))
    with transaction.atomic():
        release = _create(user, council_id, agency_id, lists, journalists, kind=Release.Kind.INVITATION,
                          subject=read_text(event.title, _("موضوع"), "subject", _limit(Release, "subject"),
                                            one_line=True, error=PressError)[:250] or _("دعوت"),
                          note=note, event_uid=event.uid, event_start=start, event_all_day=event.time is None,
                          event_minutes=event.minutes or 60, event_place=event.place[:200])
        audit.record(user, "press.invitation_sent", release, agency_id=agency_id, council_id=council_id,
                     after={"event": event.uid, "lists": [p.pk for p in lists], "recipients": len(journalists)}, agency_only=True)
        transaction.on_commit(lambda: _enqueue(release.pk))
    return release


def do_revoke_preview(user, recipient: Recipient) -> Recipient:
    release = recipient.release
    if not policy.can_work_on_press(user, release.council_id, release.agency_id):
        raise Http404
    with transaction.atomic():
        updated = Recipient.objects.filter(pk=recipient.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if updated:
            audit.record(user, "press.preview_revoked", release, agency_id=release.agency_id,
                         council_id=release.council_id, after={"recipient": recipient.name}, agency_only=True)
    recipient.refresh_from_db()
    return recipient
