"""What a journalist receives: one plain e-mail per journalist (no tracking pixel, no image, no
link that counts opens), replies going to the office's address; a release's private preview link
(signed, per journalist, revocable); an invitation's iCal attachment.

Bale: a bot can write only to a chat that has started it, and a journalist's Bale id (a
username) is not such a chat; the distribution adapters speak to channels. So releases go by
e-mail only, and the Bale id is kept as a contact detail."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamafza.agencies.hosts import council_url
from hamafza.agencies.registry import get_registry
from hamafza.council import ical
from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.sanitize import plain_text
from hamafza.persian import jalali

from .models import Recipient, Release

SALT = "hamafza.press.preview"
EMBARGO_LINE = "منتشر نشود پیش از %(when)s"


def preview_token(recipient: Recipient) -> str:
    return signing.dumps({"r": recipient.pk, "n": recipient.nonce}, salt=SALT, compress=False)


def recipient_for_token(token: str) -> Recipient | None:
    """The recipient a preview link was made for, or None when the token is not ours (tampered,
    another journalist's id with this one's secret, or of an erased contact)."""
    try:
        payload = signing.loads(str(token)[:400], salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int) or not isinstance(payload.get("n"), str):
        return None
    if not 0 < payload["r"] < 2**63:
        return None
    return (Recipient.objects.select_related("release", "release__item")
            .filter(pk=payload["r"], nonce=payload["n"]).first())


def embargo_text(when) -> str:
    return EMBARGO_LINE % {"when": jalali.format_datetime(when)}


def _portal(release: Release) -> str:
    return council_url(get_registry().councils.get(release.council_id))


def preview_url(recipient: Recipient) -> str:
    return _portal(recipient.release) + reverse("portal:press_preview", args=[preview_token(recipient)])


def _body(release: Release, recipient: Recipient) -> str:
    reg = get_registry()
    agency = reg.agencies.get(release.agency_id)
    lines = [_("%(name)s گرامی،") % {"name": recipient.name}, ""]
    if release.note:
        lines += [release.note, ""]
    if release.kind == Release.Kind.RELEASE and release.item_id:
        item: NewsItem = release.item
        if release.embargo_at:
            lines += ["*** " + embargo_text(release.embargo_at) + " ***", ""]
        if item.kicker:
            lines.append(item.kicker)
        lines += [item.title, ""]
        if item.lead:
            lines += [item.lead, ""]
        lines += [plain_text(item.body), ""]
        if release.embargo_at:
            lines += [_("پیش‌نمایش ویژهٔ شما (تا زمان انتشار؛ این پیوند را به دیگران ندهید):"), preview_url(recipient)]
        else:
            lines += [_("متن کامل و تصاویر:"), _portal(release) + f"/n/{item.pk}"]
    else:
        start = jalali.to_tehran(release.event_start)
        when = jalali.format_date(start, weekday=True) if release.event_all_day else jalali.format_datetime(start, weekday=True)
        lines += [_("از شما برای حضور در این برنامه دعوت می‌کنیم:"), release.subject,
                  _("زمان: %(when)s") % {"when": when}]
        if release.event_place:
            lines.append(_("مکان: %(place)s") % {"place": release.event_place})
        lines += ["", _("پروندهٔ پیوست را در تقویم خود بیفزایید.")]
    lines += ["", "—", agency.name if agency else "", _("برای پاسخ، همین نامه را پاسخ دهید.")]
    return "\n".join(lines)


def _subject(release: Release) -> str:
    if release.kind == Release.Kind.INVITATION:
        return _("دعوت: %(title)s") % {"title": release.subject}
    if release.embargo_at:
        return f"[{embargo_text(release.embargo_at)}] {release.subject}"
    return release.subject


def _reply_to(release: Release) -> list[str]:
    from hamafza.agencies.models import Agency

    office = Agency.objects.filter(pk=release.agency_id).values_list("email", flat=True).first()
    if office:
        return [office]
    creator = getattr(release.created_by, "email", "")
    return [creator] if creator else []


def message(release: Release, recipient: Recipient) -> EmailMessage:
    mail = EmailMessage(subject=_subject(release), body=_body(release, recipient),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email], reply_to=_reply_to(release))
    if release.kind == Release.Kind.INVITATION and release.event_start:
        start = jalali.to_tehran(release.event_start)
        mail.attach("event.ics", ical.single_event(
            f"press-{release.pk}-{release.event_uid}", release.subject, start.date(),
            None if release.event_all_day else start.time().replace(tzinfo=None), release.event_minutes,
            release.event_place, description=release.note), "text/calendar; charset=utf-8; method=PUBLISH")
    return mail


def send_release(release_id: int) -> int:
    """Send each pending recipient's e-mail once (a claim per recipient); returns how many left."""
    release = Release.objects.select_related("item", "created_by").filter(pk=release_id).first()
    if release is None:
        return 0
    sent = 0
    connection = get_connection()
    for recipient in release.recipients.filter(status=Recipient.Status.PENDING).order_by("id"):
        with transaction.atomic():
            claimed = Recipient.objects.filter(pk=recipient.pk, status=Recipient.Status.PENDING).update(
                status=Recipient.Status.SENT, sent_at=timezone.now())
        if not claimed or not recipient.email:
            continue
        try:
            connection.send_messages([message(release, recipient)])
            sent += 1
        except Exception as exc:  # a refused address must not stop the others
            Recipient.objects.filter(pk=recipient.pk).update(status=Recipient.Status.FAILED,
                                                             error=str(exc)[:200], sent_at=None)
    return sent
