"""The person's notice settings: link/unlink Bale, add/verify/remove an SMS number, what goes where
per kind of notice, quiet hours, the daily digest. Every change is an action of
hamafza.notifications.actions on the signed-in person's own settings (no person id is taken)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.notifications import actions, reach
from hamafza.notifications.models import NoticeCode, NoticeConfig, NoticeProfile
from hamafza.persian.digits import to_persian_digits

LINK_KEY = "notices.bale_link"


def _council_id(request):
    council = getattr(request, "council", None)
    return council.id if council else None


def _run(request, action, *args, done: str = ""):
    if not policy.can_keep_notice_settings(request.user):
        raise PermissionDenied
    try:
        result = action(request.user, *args)
    except actions.NoticeError as exc:
        messages.error(request, str(exc))
        return None
    except PermissionError:
        raise PermissionDenied from None
    if done:
        messages.success(request, done)
    return result


@staff_required
@require_GET
def page(request):
    if not policy.can_keep_notice_settings(request.user):
        raise PermissionDenied
    profile = NoticeProfile.objects.filter(user=request.user).select_related("bale_council").first()
    council_id = _council_id(request)
    config = NoticeConfig.objects.filter(council_id=council_id, enabled=True).first() if council_id else None
    pending_sms = NoticeCode.objects.filter(user=request.user, purpose=NoticeCode.Purpose.SMS, used_at__isnull=True,
                                            expires_at__gt=timezone.now()).order_by("-created_at").first()
    rows = []
    for name, label, _kinds in reach.GROUPS:
        chosen = reach.DEFAULT if profile is None else (profile.choices or {}).get(name, reach.DEFAULT)
        rows.append({"name": name, "label": label, "cells": [(via, via in chosen) for via in reach.VIAS]})
    return render(request, "workspace/notifications/settings.html", {
        "nav": "notifications", "profile": profile, "rows": rows,
        "bale_ready": bool(config and config.bale_token_encrypted and config.bale_username),
        "sms_ready": bool(config and config.sms_api_key_encrypted),
        "deep_link": request.session.pop(LINK_KEY, ""),
        "pending_sms": pending_sms, "pending_number": to_persian_digits(pending_sms.target) if pending_sms else "",
        "number": to_persian_digits(profile.sms_number) if profile and profile.sms_number else "",
        "quiet_from": to_persian_digits(profile.quiet_from.strftime("%H:%M")) if profile and profile.quiet_from else "",
        "quiet_to": to_persian_digits(profile.quiet_to.strftime("%H:%M")) if profile and profile.quiet_to else "",
    })


@staff_required
@require_POST
def bale_link(request):
    link = _run(request, actions.do_start_bale_link, _council_id(request))
    if link:
        request.session[LINK_KEY] = link
    return redirect("workspace:notifications:settings")


@staff_required
@require_POST
def bale_unlink(request):
    _run(request, actions.do_unlink_bale, done=_("پیوند حساب بله برداشته شد."))
    return redirect("workspace:notifications:settings")


@staff_required
@require_POST
def sms_add(request):
    _run(request, actions.do_start_sms, _council_id(request), request.POST.get("number", "")[:40],
         done=_("کد تأیید پیامک شد؛ آن را در همین صفحه بنویسید."))
    return redirect("workspace:notifications:settings")


@staff_required
@require_POST
def sms_verify(request):
    _run(request, actions.do_verify_sms, request.POST.get("code", "")[:20], done=_("شمارهٔ همراه تأیید شد."))
    return redirect("workspace:notifications:settings")


@staff_required
@require_POST
def sms_remove(request):
    _run(request, actions.do_remove_sms, done=_("شمارهٔ همراه برداشته شد."))
    return redirect("workspace:notifications:settings")


@staff_required
@require_POST
def choices(request):
    _run(request, actions.do_save_choices, _council_id(request), request.POST, done=_("تنظیمات اعلان‌ها ذخیره شد."))
    return redirect("workspace:notifications:settings")
