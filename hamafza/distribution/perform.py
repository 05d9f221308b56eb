"""What one claimed delivery does on its platform: send, edit, delete, reply.

Follow-ups (edits, deletions, notices) act on the message that stands for the item on the
channel now: the original's, or the one a later correction posted in its place (`current`).

Edits obey the limits of what they edit: a caption stays within the caption limit, a text within
the text limit. A correction that changes the kind of the post (its photo removed, a photo added,
other photos) cannot be an edit: the Bot API cannot turn a photo message into a text message.
Within the platform's delete window the old post is deleted and the corrected one posted in its
place, which is what a reader of the channel expects to see: the item as it now stands, once,
and not a photo that was taken back with a caption that no longer fits it. After the window the
old post can only be edited: its caption (or text) is replaced with the corrected text cut to
that kind's limit, and the delivery says so in its remark. Either way the record says what was
done, and a refused edit is recorded as failed, never as sent.

A delivery whose original has no message id (a person marked an `unknown` send «sent» without
the post's link) posts its correction or withdrawal notice as a new message, as they were told.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .adapters import DeliveryError, Sent, adapter_for
from .adapters.http import CannotDelete
from .formatting import Message, media_of, plain_notice
from .models import Channel, Delivery

A, St = Delivery.Action, Delivery.State


def current(original: Delivery) -> Delivery:
    """The delivery whose message stands for `original` on its channel now: the latest sent
    follow-up that replaced it, else the original itself."""
    latest = (
        Delivery.objects.filter(parent_id=original.pk, replaced_parent=True, state=St.SENT)
        .order_by("-sent_at", "-id").first()
    )
    return latest or original


def notice(d: Delivery, kind: str) -> str:
    item = d.item
    if kind == "correction":
        head = _("اصلاحیه:")
        if d.note:
            head = f"{head} {d.note}"
        return plain_notice(head, item, channel=d.channel)
    reason = f" ({d.note})" if d.note else ""
    return plain_notice(_("این خبر از انتشار خارج شد%(reason)s.") % {"reason": reason}, item, link=False)


def perform(d: Delivery) -> Sent:
    channel = d.channel
    adapter = adapter_for(channel)
    if d.action == A.CREATE:
        message = Message.from_payload(d.payload)
        if hasattr(adapter, "send_item"):  # the newsletter (or its sandbox): the item as an e-mail
            return adapter.send_item(d.item, message)
        return adapter.send(message)
    holder = current(d.parent)
    ids = list(holder.remote_ids or [])
    kind = "withdraw" if d.action in (A.DELETE, A.WITHDRAW) else "correction"
    if not ids:
        sent = adapter.send(Message(format="plain", text=notice(d, kind)))
        sent.remark = _("شناسهٔ پیام اصلی در دست نبود؛ این %(what)s به صورت پیام تازه فرستاده شد.") % {
            "what": _("اعلام لغو انتشار") if kind == "withdraw" else _("اصلاحیه")}
        return sent
    if d.action == A.EDIT and getattr(adapter, "supports_edit", False):
        return _edit(d, adapter, holder, ids)
    if d.action in (A.EDIT, A.CORRECTION):
        return adapter.reply(ids[0], notice(d, "correction"))
    return _withdraw(d, adapter, holder, ids)


def _deletable(holder: Delivery) -> bool:
    window = dt.timedelta(hours=float(conf.get("DELETE_WINDOW_HOURS")))
    return holder.sent_at is None or timezone.now() - holder.sent_at < window


def _edit(d: Delivery, adapter, holder: Delivery, ids: list) -> Sent:
    new = Message.from_payload(d.payload)
    old_photos = media_of(holder.payload)  # the photos and the video the post carries
    if media_of(d.payload) == old_photos:
        return adapter.edit(ids, _fitted(d, new, bool(old_photos)), bool(old_photos))
    if _deletable(holder) and getattr(adapter, "supports_delete", False):
        try:
            return _replace(d, adapter, ids, new)
        except CannotDelete:
            pass  # older than the platform allows: edit what can be edited, below
    edited = adapter.edit(ids, _fitted(d, new, bool(old_photos)), bool(old_photos))
    if old_photos and not (new.photos or new.video):
        edited.remark = _("تصویر از خبر برداشته شد، ولی پیام کانال دیگر پاک‌شدنی نیست: زیرنویس اصلاح شد و تصویر ماند.")
    elif (new.photos or new.video) and not old_photos:
        edited.remark = _("به خبر تصویر افزوده شد، ولی پیام کانال دیگر پاک‌شدنی نیست: متن اصلاح شد، بی‌تصویر.")
    else:
        edited.remark = _("تصویرهای خبر عوض شد، ولی پیام کانال دیگر پاک‌شدنی نیست: زیرنویس اصلاح شد و تصویرهای پیشین ماند.")
    return edited


def _fitted(d: Delivery, new: Message, caption: bool) -> Message:
    """The corrected text for a message of the given kind, within that kind's limit (the
    outbox renders both, `fit`). Refused here rather than by the platform if it cannot fit."""
    channel = d.channel
    limit = channel.caption_limit if caption else channel.text_limit
    fit = (d.payload.get("fit") or {}).get("caption" if caption else "text")
    if new.is_caption == caption and new.length <= limit:
        text = new.text
    elif fit and fit.get("length", 0) <= limit:
        text = fit["text"]
    else:
        from .adapters import Permanent

        raise Permanent(_("متن اصلاح‌شده در سقف %(what)s نمی‌گنجد؛ ویرایش فرستاده نشد.") % {
            "what": _("زیرنویس") if caption else _("متن")})
    return Message(format=new.format, text=text, photos=new.photos, video=new.video, link=new.link)


def _replace(d: Delivery, adapter, ids: list, new: Message) -> Sent:
    """Delete the old post (resuming an album where an earlier try stopped), then post the
    corrected one. The progress travels with an error, so that a retry does not repeat a step."""
    progress = dict(d.progress or {})
    if not progress.get("old_gone"):
        adapter.delete(ids, done=progress.get("deleted", []))  # CannotDelete: caller edits instead
    try:
        sent = adapter.send(new)
    except DeliveryError as exc:
        exc.progress = {"old_gone": True}
        raise
    sent.replaced_parent = True
    sent.remark = _("شکل پیام عوض شد (تصویر برداشته یا افزوده شد): پیام پیشین پاک و پیام اصلاح‌شده به جایش فرستاده شد.")
    return sent


def _withdraw(d: Delivery, adapter, holder: Delivery, ids: list) -> Sent:
    progress = dict(d.progress or {})
    if d.action == A.DELETE and getattr(adapter, "supports_delete", False):
        try:
            return adapter.delete(ids, done=progress.get("deleted", []))
        except CannotDelete as exc:  # too old: edit what is left into a notice below
            ids = [i for i in ids if i not in set(exc.progress.get("deleted", []))] or ids
    text = notice(d, "withdraw")
    if getattr(adapter, "supports_edit", False):
        was_caption = bool(media_of(holder.payload))
        return adapter.edit(ids, Message(format="plain", text=text), was_caption)
    return adapter.reply(ids[0], text)
