"""The sender of notices that leave the workspace (NoticeSend rows).

    send_due(limit)  one pass: claim due rows one by one and send them (the task worker runs it
                     after each `notify` commits, the scheduler for quiet hours, digests, retries)
    sweep_stale()    rows left `sending` by a worker that died become `failed` (never sent blind)

A row is claimed with a conditional UPDATE (pending → sending, with this pass's claim token),
committed before the gateway is called: a second worker that read the same row updates nothing
and moves on, so a notice reaches a Bale chat or a phone once. A digest row claims, in the same
UPDATE, every due digest row of its person and way: one message carries them all.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits as fa

from . import conf
from .gateways import Dead, GatewayError, Refused, Retry, bale_bot, sms_gateway
from .models import NoticeConfig, NoticeProfile, NoticeSend, Notification

logger = logging.getLogger("hamafza.notifications")
St = NoticeSend.State
SMS_TEXT = 300  # characters of an SMS (a few parts at most)


def send_due(limit: int = 200, now: dt.datetime | None = None) -> int:
    """Send what is due; returns how many rows this pass sent."""
    now = now or timezone.now()
    sent = 0
    ids = list(NoticeSend.objects.filter(state=St.PENDING, due_at__lte=now).order_by("due_at", "id")
               .values_list("id", "user_id", "via", "digest")[:limit])
    for pk, user_id, via, digest in ids:
        claim = claim_row(pk, user_id, via, digest, now)
        if claim:
            sent += _send_claimed(claim, user_id, via, digest)
    return sent


def claim_row(pk: int, user_id: int, via: str, digest: bool, now: dt.datetime) -> str | None:
    """Take a due row (a digest row: every due digest row of that person and way) for this pass:
    a conditional UPDATE, committed at once. None if another worker took it first."""
    claim = uuid.uuid4().hex
    rows = NoticeSend.objects.filter(state=St.PENDING, due_at__lte=now)
    rows = rows.filter(user_id=user_id, via=via, digest=True) if digest else rows.filter(pk=pk)
    with transaction.atomic():
        claimed = rows.update(state=St.SENDING, claim=claim, claimed_at=timezone.now())
    return claim if claimed else None


def sweep_stale() -> int:
    before = timezone.now() - dt.timedelta(minutes=float(conf.get("STALE_MINUTES")))
    return NoticeSend.objects.filter(state=St.SENDING, claimed_at__lt=before).update(
        state=St.FAILED, error=_("فرایند ارسال پیش از پایان متوقف شد؛ برای پرهیز از ارسال دوباره فرستاده نشد."))


# --- one claim ---------------------------------------------------------------------------------

def _send_claimed(claim: str, user_id: int, via: str, digest: bool) -> int:
    rows = list(NoticeSend.objects.filter(claim=claim).select_related("notification__actor", "notification__item",
                                                                       "user"))
    if not rows:
        return 0
    user = rows[0].user
    profile = NoticeProfile.objects.filter(user_id=user_id).select_related("council", "bale_council").first()
    notes = [r.notification for r in rows]
    try:
        if via == "email":
            _email(user, notes, digest, home_url(profile, user))
        elif via == "bale":
            if profile is None or not profile.bale_ready:
                return _finish(claim, St.SKIPPED, _("حساب بله پیوند ندارد."))
            config = NoticeConfig.objects.filter(council=profile.bale_council, enabled=True).first()
            bale_bot(config).send_message(profile.bale_chat_id, compose(notes, profile, user, digest))
        elif via == "sms":
            if profile is None or not profile.sms_ready:
                return _finish(claim, St.SKIPPED, _("شمارهٔ همراه تأییدشده‌ای نیست."))
            sms_gateway(sms_config(profile, user)).send(profile.sms_number,
                                                        compose(notes, profile, user, digest)[:SMS_TEXT])
    except Retry as exc:
        return _retry(claim, rows, exc)
    except Dead as exc:
        _mark_dead(user_id, via, exc.message)
        return _finish(claim, St.FAILED, exc.message)
    except (Refused, GatewayError) as exc:
        return _finish(claim, St.FAILED, exc.message)
    except Exception as exc:  # a mail server problem, or a bug: never lose the outcome
        logger.exception("notice %s to user %s failed", via, user_id)
        return _retry(claim, rows, Retry(exc.__class__.__name__))
    return _finish(claim, St.SENT, "", sent=len(rows))


def _finish(claim: str, state: str, error: str, sent: int = 0) -> int:
    NoticeSend.objects.filter(claim=claim, state=St.SENDING).update(
        state=state, error=error[:300], sent_at=timezone.now() if state == St.SENT else None)
    return 1 if sent else 0


def _retry(claim: str, rows, exc: Retry) -> int:
    attempts = max(r.attempts for r in rows) + 1
    if attempts >= int(conf.get("MAX_ATTEMPTS")):
        return _finish(claim, St.FAILED, exc.message)
    delay = max(exc.after, float(conf.get("BACKOFF")) * 2 ** (attempts - 1))
    NoticeSend.objects.filter(claim=claim, state=St.SENDING).update(
        state=St.PENDING, attempts=attempts, error=exc.message[:300], due_at=timezone.now() + dt.timedelta(seconds=delay))
    return 0


def _mark_dead(user_id: int, via: str, message: str) -> None:
    """The person's Bale chat or number does not work: say so on their settings page, and send
    nothing more there (pending rows are skipped) until they link or verify again."""
    if via == "bale":
        NoticeProfile.objects.filter(user_id=user_id).update(bale_problem=message[:300])
    elif via == "sms":
        NoticeProfile.objects.filter(user_id=user_id).update(sms_problem=message[:300], sms_verified_at=None)
    NoticeSend.objects.filter(user_id=user_id, via=via, state=St.PENDING).update(state=St.SKIPPED, error=message[:300])


# --- what a message says -----------------------------------------------------------------------

def home_url(profile: NoticeProfile | None, user) -> str:
    """The council's host for links in a person's notices (the council of their settings page)."""
    from hamafza.accounts.emails import agency_site_url
    from hamafza.core.urls import site_url

    council = (profile.council if profile else None) or (profile.bale_council if profile else None)
    if council and council.hostname:
        return site_url(council.hostname)
    agency_id = user.memberships.values_list("agency_id", flat=True).first()
    return agency_site_url(agency_id) if agency_id else site_url()


def path_of(note: Notification) -> str:
    if note.url.startswith("/") and not note.url.startswith("//"):
        return note.url
    if note.item_id:
        return reverse("workspace:item", kwargs={"item_id": note.item_id})
    return reverse("workspace:notifications:inbox")


def compose(notes: list[Notification], profile, user, digest: bool) -> str:
    """A short Persian text and a link (to the council's host); a digest lists its notices."""
    base = home_url(profile, user)
    if not digest and len(notes) == 1:
        note = notes[0]
        extra = f"\n«{note.text[:120]}»" if note.text else ""
        return f"{note.sentence}{extra}\n{base}{path_of(note)}"
    lines = [_("خلاصهٔ اعلان‌های همفزا (%(count)s مورد):") % {"count": fa(len(notes))}]
    lines += [f"• {note.sentence}" for note in notes[:10]]
    if len(notes) > 10:
        lines.append(_("و %(count)s مورد دیگر") % {"count": fa(len(notes) - 10)})
    lines.append(f"{base}{reverse('workspace:notifications:inbox')}")
    return "\n".join(lines)


def _email(user, notes: list[Notification], digest: bool, site: str) -> None:
    from hamafza.accounts.emails import send_templated_email

    if not user.is_active or not user.email:
        return
    if not digest and len(notes) == 1:
        note = notes[0]
        title = note.item.title if note.item else note.subject
        send_templated_email("notification", [user.email], {
            "user": user, "sentence": note.sentence, "text": note.text, "quoted": note.excerpt_in_full, "path": path_of(note), "title": title,
            "about_item": bool(note.item_id), "site_url": site,
        })
        return
    send_templated_email("notification", [user.email], {
        "user": user, "sentence": _("خلاصهٔ اعلان‌های امروز (%(count)s مورد)") % {"count": fa(len(notes))},
        "text": "\n".join(n.sentence for n in notes), "quoted": "\n".join(n.sentence for n in notes),
        "path": reverse("workspace:notifications:inbox"),
        "title": _("خلاصهٔ روزانه"), "about_item": False, "site_url": site,
    })


def sms_config(profile: NoticeProfile, user) -> NoticeConfig | None:
    """The council whose SMS gateway sends to this person: the council of their settings page,
    else any council of their agencies that has one."""
    configs = NoticeConfig.objects.filter(enabled=True).exclude(sms_api_key_encrypted="")
    if profile.council_id:
        found = configs.filter(council_id=profile.council_id).first()
        if found:
            return found
    agencies = user.memberships.values_list("agency_id", flat=True)
    return configs.filter(council__memberships__agency_id__in=agencies).first()
