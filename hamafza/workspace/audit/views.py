"""The audit log, for the council secretariat, observers and site admins: filter by agency,
action, person, object and a Jalali date range."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.persian import jalali

PAGE_SIZE = 50


def action_labels() -> dict[str, str]:
    return {
        "item.created": _("ایجاد خبر"), "item.saved": _("ذخیرهٔ خبر"), "item.submitted": _("ارسال برای تأیید"),
        "item.returned": _("بازگرداندن برای اصلاح"), "item.approved_published": _("تأیید و انتشار"),
        "item.published": _("انتشار"), "item.published_scheduled": _("انتشار زمان‌بندی‌شده"),
        "item.scheduled": _("زمان‌بندی انتشار"), "item.corrected": _("اصلاحیه"),
        "item.unpublished": _("لغو انتشار"), "item.restored": _("بازگردانی نسخه"),
        "item.commented": _("نظر"), "item.lock_taken_over": _("در دست گرفتن ویرایش"),
        "item.support_accepted": _("پذیرش همکاری در خبر"), "item.support_declined": _("رد همکاری در خبر"),
        "item.edit_granted": _("اجازهٔ ویرایش به دستگاه همکار"), "item.edit_revoked": _("لغو اجازهٔ ویرایش دستگاه همکار"),
        "membership.created": _("افزودن عضو دستگاه"), "membership.changed": _("تغییر نقش عضو"),
        "membership.deleted": _("حذف عضو دستگاه"), "councilrole.created": _("افزودن نقش شورا"),
        "councilrole.changed": _("تغییر نقش شورا"), "councilrole.deleted": _("حذف نقش شورا"),
        "agency.created": _("ایجاد دستگاه"), "agency.changed": _("تغییر تنظیمات دستگاه"),
        "agency.deleted": _("حذف دستگاه"), "council.created": _("ایجاد شورا"),
        "council.changed": _("تغییر تنظیمات شورا"), "council.deleted": _("حذف شورا"),
        "councilmembership.created": _("پیوستن دستگاه به شورا"),
        "councilmembership.changed": _("تغییر عضویت دستگاه در شورا"),
        "councilmembership.deleted": _("خروج دستگاه از شورا"),
        "apitoken.created": _("ساخت کلید API"), "apitoken.revoked": _("ابطال کلید API"),
        "user.created": _("ایجاد مدیر سامانه"), "user.changed": _("تغییر نقش سراسری کاربر"), "user.deleted": _("حذف کاربر"),
        "item.channels_chosen": _("انتخاب مجراهای انتشار خبر"),
        "item.attached": _("افزودن پیوست به خبر"), "item.detached": _("حذف پیوست خبر"),
        "item.video_added": _("بارگذاری ویدیوی خبر"), "item.video_removed": _("برداشتن ویدیوی خبر"),
        "image.added": _("افزودن تصویر به کتابخانه"), "image.changed": _("ویرایش مشخصات تصویر"),
        "invitation.sent": _("ارسال دعوت‌نامه"),
        # Staff notices outside the workspace (Bale, SMS)
        "notice.bale_link_started": _("ساختن پیوند بله"), "notice.bale_linked": _("پیوند حساب بله"),
        "notice.bale_unlinked": _("برداشتن پیوند بله"), "notice.sms_code_sent": _("فرستادن کد تأیید پیامکی"),
        "notice.sms_verified": _("تأیید شمارهٔ همراه"), "notice.sms_removed": _("برداشتن شمارهٔ همراه"),
        "notice.settings_changed": _("تغییر تنظیمات اعلان‌ها"),
        "scorecard.weights_changed": _("تغییر معیارها و وزن‌های کارنامهٔ روابط عمومی"),
        "notice.config_changed": _("تغییر ربات و درگاه پیامک اعلان‌های شورا"),
        # Cooperation
        "amplification.requested": _("درخواست بازنشر"), "amplification.accepted": _("پذیرش درخواست بازنشر"),
        "amplification.declined": _("رد درخواست بازنشر"), "amplification.withdrawn": _("پس گرفتن درخواست بازنشر"),
        "amplification.expired": _("پایان مهلت درخواست بازنشر"),
        "help.asked": _("درخواست کمک"), "help.offered": _("پیشنهاد کمک"), "help.offer_edited": _("ویرایش پیشنهاد کمک"),
        "help.offer_withdrawn": _("پس گرفتن پیشنهاد کمک"), "help.offer_accepted": _("پذیرش پیشنهاد کمک"),
        "help.offers_closed": _("بستن پیشنهادهای کمک"), "help.delivery_recorded": _("ثبت کار انجام‌شده"),
        "help.delivered": _("انجام درخواست کمک"), "help.cancelled": _("لغو درخواست کمک"),
        "help.expired": _("پایان مهلت درخواست کمک"), "help.item_linked": _("پیوند خبر به درخواست کمک"),
        "help.item_unlinked": _("برداشتن پیوند خبر از درخواست کمک"),
        "resource.added": _("افزودن امکان اشتراکی"), "resource.changed": _("ویرایش امکان اشتراکی"),
        "resource.retired": _("کنار گذاشتن امکان اشتراکی"), "resource.deleted": _("حذف امکان اشتراکی"),
        "booking.created": _("رزرو امکان اشتراکی"), "booking.cancelled": _("لغو رزرو"),
        # Coverage monitoring
        "coverage.feed_set": _("ثبت خوراک رسانه برای پایش"), "coverage.confirmed": _("تأیید بازتاب خبر"),
        "coverage.rejected": _("رد بازتاب خبر"), "coverage.alert_added": _("افزودن هشدار کلیدواژه"),
        "coverage.alert_deleted": _("حذف هشدار کلیدواژه"),
        # Council
        "press.outlet_added": _("افزودن رسانه به فهرست مطبوعاتی"), "press.outlet_changed": _("ویرایش رسانه"),
        "press.journalist_added": _("افزودن خبرنگار"), "press.journalist_changed": _("ویرایش خبرنگار"),
        "press.journalist_erased": _("پاک کردن اطلاعات خبرنگار به درخواست او"),
        "press.list_added": _("ساختن فهرست خبرنگاران"), "press.list_changed": _("ویرایش فهرست خبرنگاران"),
        "press.journalists_imported": _("درون‌بری خبرنگاران"), "press.journalists_exported": _("برون‌بری خبرنگاران"),
        "press.release_sent": _("فرستادن خبرنامهٔ مطبوعاتی"), "press.invitation_sent": _("فرستادن دعوت‌نامه به خبرنگاران"),
        "press.preview_revoked": _("ابطال پیوند پیش‌نمایش خبرنگار"),
        "live.event_opened": _("گشودن رویداد زنده"), "live.event_changed": _("ویرایش رویداد زنده"),
        "live.summary_pinned": _("خلاصهٔ سنجاق‌شدهٔ رویداد زنده"),
        "live.direct_publishing_set": _("تنظیم انتشار مستقیم کارکنان در رویداد زنده"),
        "live.update_posted": _("ثبت به‌روزرسانی زنده"), "live.update_published": _("انتشار به‌روزرسانی زنده"),
        "live.update_corrected": _("اصلاح به‌روزرسانی زنده"), "live.update_withdrawn": _("پس‌گرفتن به‌روزرسانی زنده"),
        "live.status_changed": _("تغییر وضعیت در تابلوی وضعیت"), "live.entity_added": _("افزودن به تابلوی وضعیت"),
        "campaign.created": _("ایجاد پویش"), "campaign.changed": _("ویرایش پویش"),
        "campaign.kit_added": _("افزودن پرونده به بسته محتوایی"), "campaign.item_tagged": _("پیوستن خبر به پویش"),
        "campaign.item_untagged": _("برداشتن خبر از پویش"),
        "proposal.created": _("ثبت برنامهٔ پیشنهادی"), "proposal.changed": _("ویرایش برنامهٔ پیشنهادی"),
        "proposal.reviewed": _("بررسی برنامهٔ پیشنهادی"),
        "meeting.created": _("ایجاد نشست"), "meeting.agenda_added": _("افزودن دستور جلسه"),
        "meeting.attendee_added": _("ثبت حاضر در نشست"), "meeting.minutes_saved": _("ذخیرهٔ صورت‌جلسه"),
        "meeting.resolution_added": _("ثبت مصوبه"), "meeting.news_drafted": _("پیش‌نویس خبر نشست"),
        "report.drafted": _("پیش‌نویس گزارش عملکرد"), "report.saved": _("ذخیرهٔ گزارش عملکرد"),
        "task.created": _("ایجاد وظیفه"), "task.progress": _("گزارش پیشرفت وظیفه"), "task.closed": _("بستن وظیفه"),
        "task.reopened": _("بازگشایی وظیفه"), "task.cancelled": _("لغو وظیفه"),
        "calendar_feed.created": _("ساخت نشانی تقویم"), "calendar_feed.revoked": _("ابطال نشانی تقویم"),
        # Distribution
        "channel.created": _("افزودن مجرا"), "channel.saved": _("ویرایش مجرا"), "channel.tested": _("بررسی ربات مجرا"),
        "channel.resumed": _("ازسرگیری مجرای متوقف"),
        "channel.views_indicator_created": _("ساخت شاخص بازدید کانال"), "delivery.retried": _("ارسال دوباره"),
        "delivery.marked_sent": _("ثبت «ارسال شد»"), "delivery.marked_not_sent": _("ثبت «ارسال نشد؛ دوباره بفرست»"),
        "delivery.marked_not_sent_drop": _("ثبت «ارسال نشد؛ نفرست»"),
        "council.platforms_changed": _("تغییر سکوهای مجاز شورا"),
    }


def field_labels() -> dict[str, str]:
    return {
        "status": _("وضعیت"), "title": _("تیتر"), "revision": _("نسخه"), "fields": _("بخش‌ها"), "comment": _("توضیح"),
        "note": _("اصلاحیه"), "reason": _("دلیل"), "mode": _("نحوه"), "when": _("زمان"), "published_at": _("زمان انتشار"),
        "role": _("نقش"), "user_id": _("کاربر"), "agency_id": _("دستگاه"), "council_id": _("شورا"), "name": _("نام"),
        "short_name": _("نام کوتاه"), "allow_self_approval": _("تأیید خبر توسط نویسنده"), "holder": _("ویرایشگر"), "can_edit": _("اجازهٔ ویرایش"),
        "is_superuser": _("مدیر سامانه"), "is_staff": _("دسترسی به پیشخوان مدیریت"), "is_active": _("فعال"),
        "from": _("از نسخهٔ"), "prefix": _("پیشوند"), "kicker": _("روتیتر"), "lead": _("لید"), "body": _("متن"),
        "city": _("شهر"), "main_image": _("تصویر اصلی"), "supporting": _("دستگاه‌های همکار"), "sectors": _("بخش‌ها"),
        "tags": _("برچسب‌ها"), "slug": _("نامک"), "gallery": _("گالری"),
        "platforms": _("سکوهای مجاز"), "foreign_added": _("سکوهای خارجیِ تازه مجاز"),
        "invitations_ended": _("دعوت‌های بی‌پاسخ که با انتشار پایان یافت"),
    }


SUMMARY_ITEMS = 6


def _short(key: str, value) -> str:
    import datetime as dt

    from hamafza.newsroom.models import NewsItem
    from hamafza.persian.digits import to_persian_digits

    if key == "status" and value in NewsItem.Status.values:
        return str(NewsItem.Status(value).label)
    if key == "mode" and value in NewsItem.UnpublishMode.values:
        return str(NewsItem.UnpublishMode(value).label)
    if key == "role":
        from hamafza.accounts.models import CouncilRole, Membership

        for choices in (Membership.Role, CouncilRole.Role):
            if value in choices.values:
                return str(choices(value).label)
    if key in ("when", "published_at") and isinstance(value, str):
        try:
            return jalali.format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    if key == "fields" and isinstance(value, list):
        labels = field_labels()
        value = [labels.get(v.removesuffix("_id"), v) for v in value] or ["—"]
    if isinstance(value, bool):
        return _("بله") if value else _("خیر")
    if isinstance(value, list):
        value = "، ".join(str(v) for v in value)
    text = str(value if value is not None else "—")
    if len(text) > 80:
        text = text[:79] + "…"
    return to_persian_digits(text)


def changes(event) -> list[dict]:
    """A few readable chips of what changed: «field: before» struck out, «field: after» added."""
    labels = field_labels()
    out = []
    keys = list(dict.fromkeys([*event.before, *event.after]))[:SUMMARY_ITEMS]
    for key in keys:
        label = labels.get(key, key)
        if key in event.before and event.action.endswith((".changed", "submitted", "returned", "published",
                                                          "scheduled", "unpublished", "approved_published",
                                                          "published_scheduled", "lock_taken_over")):
            out.append({"kind": "before", "text": f"{label}: {_short(key, event.before[key])}"})
        if key in event.after:
            out.append({"kind": "after", "text": f"{label}: {_short(key, event.after[key])}"})
        elif not event.after and key in event.before:
            out.append({"kind": "before", "text": f"{label}: {_short(key, event.before[key])}"})
    return out


def _date(request, name: str, errors: list[str]):
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        return jalali.parse_date(raw)
    except jalali.JalaliDateError:
        errors.append(_("«%(value)s» تاریخ شمسی معتبری نیست؛ نمونهٔ درست: ۱۴۰۵/۰۹/۰۵") % {"value": raw})
        return None


@staff_required
@require_GET
def audit_log(request):
    if not policy.can_view_audit(request.user):
        raise PermissionDenied(_("گزارش رویدادها فقط برای دبیرخانهٔ شورا و ناظران است."))
    events = policy.visible_audit_events(request.user).select_related("actor")
    reg = get_registry()
    roles = policy.roles_of(request.user)
    agency_ids = sorted(reg.agencies) if roles.superuser else sorted(roles.overseen_agencies())
    agencies = [reg.agencies[a] for a in agency_ids if a in reg.agencies]
    labels = action_labels()
    errors: list[str] = []
    council_ids = sorted(reg.councils) if roles.superuser else sorted(roles.overseen_councils)
    councils = [reg.councils[c] for c in council_ids if c in reg.councils]
    f = {k: (request.GET.get(k) or "").strip()[:100] for k in ("council", "agency", "action", "actor", "q", "from", "to")}
    if f["council"]:
        if not f["council"].isdigit() or int(f["council"]) not in council_ids:
            raise Http404
        events = events.filter(policy.audit_councils_scope([int(f["council"])]))
    if f["agency"]:
        if not f["agency"].isdigit() or int(f["agency"]) not in agency_ids:
            raise Http404
        events = events.filter(agency_id=int(f["agency"]))
    if f["action"]:
        events = events.filter(action__startswith=f["action"])
    if f["actor"]:
        events = events.filter(actor_name__icontains=f["actor"])
    if f["q"]:
        events = events.filter(object_repr__icontains=f["q"])
    start, end = _date(request, "from", errors), _date(request, "to", errors)
    if start:
        events = events.filter(at__gte=jalali.day_bounds(start)[0])
    if end:
        events = events.filter(at__lt=jalali.day_bounds(end)[1])
    page = Paginator(events.order_by("-at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{
        "event": e, "label": labels.get(e.action, e.action),
        "agency": reg.agencies[e.agency_id].short_name if e.agency_id in reg.agencies else "",
        "council": reg.councils[e.council_id].short_name if e.council_id in reg.councils else "",
        "changes": changes(e),
    } for e in page.object_list]
    context = {
        "page": page, "rows": rows, "filters": f, "agencies": agencies, "councils": councils, "errors": errors, "nav": "audit",
        "labels": labels,
    }
    template = "workspace/audit/log.html#results" if request.headers.get("HX-Request") else "workspace/audit/log.html"
    return render(request, template, context)
