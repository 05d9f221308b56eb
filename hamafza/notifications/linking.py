"""Linking a person's Bale account and SMS number.

Bale: the settings page makes a one-time code and shows the deep link
`https://ble.ir/<bot>?start=<code>`; Bale opens the bot, the person presses «start», and the bot
receives `/start <code>`. Hamafza reads the bot's updates by polling `getUpdates` (the scheduler,
every few seconds; the offset is kept in NoticeConfig), so no public webhook is needed. `/stop`
in the chat unlinks. SMS: a six-digit code sent to the number, typed back on the settings page.

Codes are random, stored only as an HMAC, bound to the person and the council, expire, and work
once (claimed with a conditional UPDATE)."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import secrets as random

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza import audit
from hamafza.core import secrets
from hamafza.persian.digits import to_ascii_digits

from . import conf
from .gateways import GatewayError, bale_bot
from .models import NoticeCode, NoticeConfig, NoticeProfile

logger = logging.getLogger("hamafza.notifications")
MOBILE = re.compile(r"^09\d{9}$")


def code_hash(purpose: str, code: str) -> str:
    return secrets.keyed_hash(f"hamafza.notifications.code.{purpose}", code)


def new_code(user, council_id: int, purpose: str, *, target: str = "") -> str:
    """Make a fresh code (the person's earlier open codes of this purpose stop working)."""
    now = timezone.now()
    NoticeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    code = random.token_urlsafe(16) if purpose == NoticeCode.Purpose.BALE else f"{random.randbelow(10**6):06d}"
    minutes = float(conf.get("BALE_CODE_MINUTES" if purpose == NoticeCode.Purpose.BALE else "SMS_CODE_MINUTES"))
    NoticeCode.objects.create(user=user, council_id=council_id, purpose=purpose, code_hash=code_hash(purpose, code),
                              target=target, expires_at=now + dt.timedelta(minutes=minutes))
    return code


def deep_link(config: NoticeConfig, code: str) -> str:
    return f"{conf.get('BALE_LINK_BASE').rstrip('/')}/{config.bale_username.lstrip('@')}?start={code}"


def normalize_mobile(raw: str) -> str | None:
    """An Iranian mobile number as 09xxxxxxxxx (Persian digits, spaces, +98 and 0098 accepted)."""
    number = re.sub(r"[\s\-()]", "", to_ascii_digits(raw or ""))
    for prefix in ("+98", "0098", "98"):
        if number.startswith(prefix) and len(number) == len(prefix) + 10:
            number = "0" + number[len(prefix):]
    return number if MOBILE.match(number) else None


def profile_of(user) -> NoticeProfile:
    profile, _created = NoticeProfile.objects.get_or_create(user=user)
    return profile


# --- the bot's updates -------------------------------------------------------------------------

def take_bale_code(config: NoticeConfig, code: str):
    """The person whose open code this is, on this council's bot; the code is used up."""
    now = timezone.now()
    row = NoticeCode.objects.filter(purpose=NoticeCode.Purpose.BALE, code_hash=code_hash("bale", code)).first()
    if row is None or row.council_id != config.council_id or row.used_at or row.expires_at <= now:
        return None
    if not NoticeCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        return None  # another poller took it first
    return row.user


def handle_update(config: NoticeConfig, update: dict) -> str:
    """One update of the bot: `/start <code>` links, `/stop` unlinks; the bot answers in the chat."""
    message = update.get("message") or {}
    chat = message.get("chat") or {}
    text = str(message.get("text") or "").strip()
    chat_id = str(chat.get("id") or "")
    if not chat_id or chat.get("type", "private") != "private" or not text.startswith("/"):
        return "ignored"
    command, _sep, arg = text.partition(" ")
    command = command.split("@", 1)[0]
    if command == "/start":
        user = take_bale_code(config, arg.strip()) if arg.strip() else None
        if user is None:
            _reply(config, chat_id, _("این پیوند نامعتبر است یا زمانش گذشته است. از صفحهٔ «تنظیمات اعلان‌ها» در "
                                      "میز کار همفزا پیوند تازه بگیرید."))
            return "refused"
        link_chat(user, config, chat_id)
        _reply(config, chat_id, _("حساب بلهٔ شما به همفزا پیوند خورد (%(name)s). اعلان‌هایی که در تنظیمات برگزیده‌اید "
                                  "اینجا می‌رسد. برای قطع پیوند /stop را بفرستید.") % {"name": user.display_name})
        return "linked"
    if command == "/stop":
        count = unlink_chat(config, chat_id)
        _reply(config, chat_id, _("پیوند این گفت‌وگو با همفزا برداشته شد.") if count else
               _("این گفت‌وگو به حسابی در همفزا پیوند ندارد."))
        return "unlinked" if count else "ignored"
    return "ignored"


def link_chat(user, config: NoticeConfig, chat_id: str) -> None:
    with transaction.atomic():
        # One chat reaches one person of a council's bot: an earlier link of this chat ends.
        NoticeProfile.objects.filter(bale_chat_id=chat_id, bale_council=config.council).exclude(user=user).update(
            bale_chat_id="", bale_council=None, bale_linked_at=None, bale_problem="")
        profile = profile_of(user)
        profile.bale_chat_id, profile.bale_council = chat_id, config.council
        profile.bale_linked_at, profile.bale_problem = timezone.now(), ""
        profile.save(update_fields=["bale_chat_id", "bale_council", "bale_linked_at", "bale_problem", "updated_at"])
        audit.record(user, "notice.bale_linked", profile, council_id=config.council_id,
                     object_repr=user.display_name, after={"via": "bale"})


def unlink_chat(config: NoticeConfig, chat_id: str) -> int:
    with transaction.atomic():
        profiles = list(NoticeProfile.objects.select_for_update().filter(bale_chat_id=chat_id,
                                                                          bale_council=config.council)
                        .select_related("user"))
        for profile in profiles:
            profile.bale_chat_id, profile.bale_council, profile.bale_linked_at, profile.bale_problem = "", None, None, ""
            profile.save(update_fields=["bale_chat_id", "bale_council", "bale_linked_at", "bale_problem", "updated_at"])
            audit.record(profile.user, "notice.bale_unlinked", profile, council_id=config.council_id,
                         object_repr=profile.user.display_name, after={"from": "chat"})
    return len(profiles)


def _reply(config: NoticeConfig, chat_id: str, text: str) -> None:
    try:
        bale_bot(config).send_message(chat_id, text)
    except GatewayError as exc:  # the link stands even if the bot could not answer
        logger.warning("notice bot of council %s could not answer chat: %s", config.council_id, exc.message)


def poll_bale(config: NoticeConfig) -> int:
    """Read the bot's new updates once and handle them in order; the offset moves past each one
    with a conditional UPDATE, so two pollers never both move it (and a code works once anyway)."""
    try:
        updates = bale_bot(config).get_updates(config.bale_offset)
    except GatewayError as exc:
        NoticeConfig.objects.filter(pk=config.pk).update(bale_polled_at=timezone.now(), bale_poll_error=exc.message[:300])
        return 0
    handled, offset = 0, config.bale_offset
    for update in sorted(updates, key=lambda u: int(u.get("update_id") or 0)):
        update_id = int(update.get("update_id") or 0)
        if update_id < offset:
            continue
        if not NoticeConfig.objects.filter(pk=config.pk, bale_offset=offset).update(bale_offset=update_id + 1):
            break  # another poller is reading this bot
        offset = update_id + 1
        try:
            handle_update(config, update)
        except Exception:  # one odd update must not stop the bot
            logger.exception("notice bot update %s of council %s", update_id, config.council_id)
        handled += 1
    NoticeConfig.objects.filter(pk=config.pk).update(bale_polled_at=timezone.now(), bale_poll_error="")
    return handled


def poll_all() -> int:
    total = 0
    for config in NoticeConfig.objects.filter(enabled=True).exclude(bale_token_encrypted="").select_related("council"):
        total += poll_bale(config)
    return total


def check_sms_code(user, code: str) -> NoticeCode | None:
    """The person's open SMS code, if `code` is it. Each try counts; after SMS_CODE_TRIES wrong
    tries the code is void. A right code is used up with a conditional UPDATE (works once)."""
    now = timezone.now()
    row = (NoticeCode.objects.filter(user=user, purpose=NoticeCode.Purpose.SMS, used_at__isnull=True, expires_at__gt=now)
           .order_by("-created_at").first())
    most = int(conf.get("SMS_CODE_TRIES"))
    if row is None or not NoticeCode.objects.filter(pk=row.pk, used_at__isnull=True, tries__lt=most).update(
            tries=F("tries") + 1):
        return None
    given = re.sub(r"\s", "", to_ascii_digits(code or ""))
    if not hmac.compare_digest(code_hash("sms", given), row.code_hash):
        NoticeCode.objects.filter(pk=row.pk, tries__gte=most).update(used_at=now)
        return None
    if not NoticeCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        return None
    return row
