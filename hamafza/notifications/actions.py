"""Every write of a person's notice settings (the settings page calls these). Each takes the acting
person, asks hamafza.policy, checks its input, writes an audit entry with its council, and acts
only on the acting person's own settings: no action takes another person's id.

    do_start_bale_link(person, council_id)   → a one-time code and the deep link to the council's bot
    do_unlink_bale(person)
    do_start_sms(person, council_id, number) → a code sent by SMS (the gateway is called after commit)
    do_verify_sms(person, code)
    do_remove_sms(person)
    do_save_choices(person, council_id, data) → per-group ways, quiet hours, digest
    do_configure(person, council_id, ...)      → the council's notice bot and SMS gateway (back office)
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from hamafza import audit, policy
from hamafza.persian.digits import to_ascii_digits

from . import linking, reach
from .gateways import GatewayError, sms_gateway
from .models import NoticeCode, NoticeConfig, NoticeProfile


class NoticeError(ValueError):
    """Bad input or a refusal, with a Persian message for the person."""


def _may_keep(person) -> None:
    if not policy.can_keep_notice_settings(person):
        raise PermissionError


def _council_config(person, council_id, *, need: str) -> NoticeConfig:
    if not policy.can_reach_through_council(person, council_id):
        raise NoticeError(_("شما در این شورا کار نمی‌کنید."))
    config = NoticeConfig.objects.filter(council_id=council_id, enabled=True).select_related("council").first()
    if config is None or (need == "bale" and not (config.bale_token_encrypted and config.bale_username)) or (
            need == "sms" and not config.sms_api_key_encrypted):
        raise NoticeError(_("ربات بلهٔ اعلان‌های این شورا هنوز تنظیم نشده است.") if need == "bale" else
                          _("درگاه پیامک این شورا هنوز تنظیم نشده است."))
    return config


def do_start_bale_link(person, council_id) -> str:
    _may_keep(person)
    config = _council_config(person, council_id, need="bale")
    with transaction.atomic():
        code = linking.new_code(person, config.council_id, NoticeCode.Purpose.BALE)
        audit.record(person, "notice.bale_link_started", linking.profile_of(person), council_id=config.council_id,
                     object_repr=person.display_name)
    return linking.deep_link(config, code)


def do_unlink_bale(person) -> bool:
    _may_keep(person)
    with transaction.atomic():
        profile = NoticeProfile.objects.select_for_update().filter(user=person).first()
        if profile is None or not profile.bale_chat_id:
            return False
        council_id = profile.bale_council_id
        profile.bale_chat_id, profile.bale_council, profile.bale_linked_at, profile.bale_problem = "", None, None, ""
        profile.save(update_fields=["bale_chat_id", "bale_council", "bale_linked_at", "bale_problem", "updated_at"])
        audit.record(person, "notice.bale_unlinked", profile, council_id=council_id, object_repr=person.display_name,
                     after={"from": "settings"})
    return True


def do_start_sms(person, council_id, number: str) -> str:
    """Send a verification code to the number; returns the number as it will be kept."""
    _may_keep(person)
    clean = linking.normalize_mobile(number)
    if clean is None:
        raise NoticeError(_("شمارهٔ همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ بنویسید."))
    config = _council_config(person, council_id, need="sms")
    with transaction.atomic():
        code = linking.new_code(person, config.council_id, NoticeCode.Purpose.SMS, target=clean)
        audit.record(person, "notice.sms_code_sent", linking.profile_of(person), council_id=config.council_id,
                     object_repr=person.display_name, after={"number": clean[:4] + "…" + clean[-2:]})
    text = _("کد تأیید همفزا: %(code)s") % {"code": code}
    try:
        sms_gateway(config).send(clean, text)
    except GatewayError as exc:
        NoticeCode.objects.filter(user=person, purpose=NoticeCode.Purpose.SMS, used_at__isnull=True).delete()
        raise NoticeError(exc.message) from None
    return clean


def do_verify_sms(person, code: str) -> str:
    _may_keep(person)
    row = linking.check_sms_code(person, code)
    if row is None:
        raise NoticeError(_("کد درست نیست یا زمانش گذشته است؛ کد تازه بخواهید."))
    if not policy.can_reach_through_council(person, row.council_id):
        raise NoticeError(_("شما در این شورا کار نمی‌کنید."))
    from django.utils import timezone

    with transaction.atomic():
        profile = linking.profile_of(person)
        profile.sms_number, profile.sms_verified_at, profile.sms_problem = row.target, timezone.now(), ""
        if profile.council_id is None:
            profile.council_id = row.council_id
        profile.save(update_fields=["sms_number", "sms_verified_at", "sms_problem", "council", "updated_at"])
        audit.record(person, "notice.sms_verified", profile, council_id=row.council_id, object_repr=person.display_name)
    return row.target


def do_remove_sms(person) -> bool:
    _may_keep(person)
    with transaction.atomic():
        profile = NoticeProfile.objects.select_for_update().filter(user=person).first()
        if profile is None or not profile.sms_number:
            return False
        profile.sms_number, profile.sms_verified_at, profile.sms_problem = "", None, ""
        profile.save(update_fields=["sms_number", "sms_verified_at", "sms_problem", "updated_at"])
        audit.record(person, "notice.sms_removed", profile, council_id=profile.council_id, object_repr=person.display_name)
    return True


def _read_time(raw) -> dt.time | None:
    raw = to_ascii_digits(str(raw or "")[:10]).strip()
    if not raw:
        return None
    found = re.fullmatch(r"(\d{1,2})(?:[:٫.](\d{2}))?", raw)
    if not found or int(found.group(1)) > 23 or int(found.group(2) or 0) > 59:
        raise NoticeError(_("ساعت را به شکل ۲۲:۰۰ بنویسید."))
    return dt.time(int(found.group(1)), int(found.group(2) or 0))


def read_choices(data) -> dict:
    """The matrix: a checkbox `way-<group>-<via>` per cell; no box = the workspace only."""
    return {group: [via for via in reach.VIAS if data.get(f"way-{group}-{via}")] for group in reach.GROUP_NAMES}


def do_save_choices(person, council_id, data) -> NoticeProfile:
    _may_keep(person)
    if council_id is not None and not policy.can_reach_through_council(person, council_id):
        council_id = None  # links then point to the person's own agency's council
    choices = read_choices(data)
    quiet_from, quiet_to = _read_time(data.get("quiet_from")), _read_time(data.get("quiet_to"))
    if (quiet_from is None) != (quiet_to is None):
        raise NoticeError(_("برای ساعت‌های بی‌صدا هم آغاز و هم پایان را بنویسید."))
    with transaction.atomic():
        profile = NoticeProfile.objects.select_for_update().filter(user=person).first() or linking.profile_of(person)
        before = {"choices": profile.choices, "digest": profile.digest,
                  "quiet": [str(profile.quiet_from or ""), str(profile.quiet_to or "")]}
        profile.choices, profile.quiet_from, profile.quiet_to = choices, quiet_from, quiet_to
        profile.digest = bool(data.get("digest"))
        if council_id is not None:
            profile.council_id = council_id
        profile.save()
        audit.record(person, "notice.settings_changed", profile, council_id=profile.council_id,
                     object_repr=person.display_name, before=before,
                     after={"choices": choices, "digest": profile.digest,
                            "quiet": [str(quiet_from or ""), str(quiet_to or "")]})
    return profile


def do_configure(person, council_id, *, bale_username: str = "", bale_token: str | None = None,
                 sms_api_key: str | None = None, sms_sender: str = "", enabled: bool = True) -> NoticeConfig:
    """The back office's form: a blank token or key keeps the one stored."""
    if not policy.can_configure_notices(person, council_id):
        raise PermissionError
    with transaction.atomic():
        config, _created = NoticeConfig.objects.select_for_update().get_or_create(council_id=council_id)
        config.bale_username = (bale_username or "").strip().lstrip("@")[:64]
        config.sms_sender = to_ascii_digits(sms_sender or "").strip()[:20]
        config.enabled = enabled
        if bale_token:
            config.set_bale_token(bale_token)
            config.bale_offset = 0
        if sms_api_key:
            config.set_sms_api_key(sms_api_key)
        config.save()
        audit.record(person, "notice.config_changed", config, council_id=council_id,
                     after={"bale_username": config.bale_username, "bale_token": bool(bale_token),
                            "sms_key": bool(sms_api_key), "enabled": enabled})
    return config
