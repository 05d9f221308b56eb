"""The e-mails of notifications: `notify` enqueues them when the transaction that made the notices
commits, and the task worker sends them (one message per person, so that nobody sees the others'
addresses)."""

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from hamafza.accounts.emails import send_templated_email

from .excerpts import excerpt

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
        "coop_request": _("«%(actor)s» برای «%(title)s» از دستگاه شما همکاری خواست."),
        "coop_answer": _("«%(actor)s» به درخواست همکاری «%(title)s» پاسخ داد."),
        "coop_expired": _("مهلت درخواست همکاری «%(title)s» به پایان رسید."),
        "coop_withdrawn": _("«%(actor)s» درخواست همکاری «%(title)s» را پس گرفت."),
        "help_request": _("«%(actor)s» درخواست کمک «%(title)s» را ثبت کرد."),
        "help_offer": _("«%(actor)s» برای درخواست «%(title)s» پیشنهاد کمک داد."),
        "help_accepted": _("«%(actor)s» پیشنهاد کمک شما برای «%(title)s» را پذیرفت."),
        "help_closed": _("پیشنهادهای درخواست کمک «%(title)s» بسته شد."),
        "help_withdrawn": _("«%(actor)s» پیشنهاد کمک برای «%(title)s» را پس گرفت."),
        "booking": _("«%(actor)s» دربارهٔ رزرو منبع «%(title)s» خبر داد."),  # a booking made or cancelled: the text says which
        "task_due": _("مهلت وظیفه «%(title)s» نزدیک است."),
        "task_overdue": _("مهلت وظیفه «%(title)s» گذشته است."),
        "figure_approve": _("«%(actor)s» %(title)s را برای تأیید شما فرستاد."),
        "mentioned": _("«%(actor)s» در نظری دربارهٔ «%(title)s» از شما نام برد."),
        "coverage_alert": _("مطلب تازه برای هشدار «%(title)s»."),
        "coverage_digest": _("%(title)s آماده است."),
    }
    return templates.get(kind, _("رویداد تازه در خبر «%(title)s»")) % {"actor": actor, "title": title}


def send_emails(user_ids, kind, item_id, title, actor_id, text, url: str = "") -> None:
    from django.urls import reverse

    User = get_user_model()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    line = sentence(kind, actor.display_name if actor else "", title)
    if not url:
        url = reverse("workspace:item", kwargs={"item_id": item_id}) if item_id else reverse("workspace:desk")
    for user in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        try:
            send_templated_email("notification", [user.email], {
                "user": user, "sentence": line, "text": text, "quoted": excerpt(kind, text, limit=None), "path": url, "title": title, "about_item": bool(item_id),
            })
        except Exception:  # a mail server problem must not break the workflow that already committed
            logger.exception("notification e-mail to user %s failed", user.pk)
