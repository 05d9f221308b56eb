"""The e-mails of notifications: enqueued when the transaction that made them commits, sent by
the task worker (one message per person, so that nobody sees the others' addresses)."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from hamafza.accounts.emails import send_templated_email

logger = logging.getLogger("hamafza.notifications")


def sentence(kind: str, actor: str, title: str) -> str:
    actor = actor or _("سامانه")
    templates = {
        "submitted": _("«%(actor)s» خبر «%(title)s» را برای تأیید فرستاد."),
        "returned": _("«%(actor)s» خبر «%(title)s» را برای اصلاح برگرداند."),
        "published": _("خبر «%(title)s» منتشر شد."),
        "scheduled": _("«%(actor)s» انتشار خبر «%(title)s» را زمان‌بندی کرد."),
        "commented": _("«%(actor)s» روی خبر «%(title)s» نظر نوشت."),
        "lock_taken": _("«%(actor)s» ویرایش خبر «%(title)s» را در دست گرفت."),
    }
    return templates.get(kind, _("رویداد تازه در خبر «%(title)s»")) % {"actor": actor, "title": title}


def send_after_commit(user_ids, kind, item, actor_id, text) -> None:
    item_id = getattr(item, "pk", None)
    title = getattr(item, "title", "")
    from .tasks import send_notification_emails

    transaction.on_commit(
        lambda: send_notification_emails.enqueue(list(user_ids), kind, item_id, title, actor_id, text or "")
    )


def send_emails(user_ids, kind, item_id, title, actor_id, text) -> None:
    from django.urls import reverse

    User = get_user_model()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    line = sentence(kind, actor.display_name if actor else "", title)
    url = reverse("workspace:item", kwargs={"item_id": item_id}) if item_id else reverse("workspace:desk")
    for user in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        try:
            send_templated_email("notification", [user.email], {
                "user": user, "sentence": line, "text": text, "path": url, "title": title,
            })
        except Exception:  # a mail server problem must not break the workflow that already committed
            logger.exception("notification e-mail to user %s failed", user.pk)
