"""Reading a person's notifications (the desk section, the inbox page, the unread count)."""

from django.utils import timezone

from .models import Notification

SECTION_SIZE = 8


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def recent(user, limit: int = SECTION_SIZE) -> list[Notification]:
    return list(Notification.objects.filter(user=user).select_related("actor", "item")[:limit])


def unread_of_kinds(user, kinds, limit: int = SECTION_SIZE) -> list[Notification]:
    """The person's unread notices of these kinds (reading them marks nothing: opening one does)."""
    return list(Notification.objects.filter(user=user, read_at__isnull=True, kind__in=list(kinds))
                .select_related("actor", "item")[:limit])


def mark_read(user, ids) -> int:
    return Notification.objects.filter(user=user, pk__in=list(ids), read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def section_context(user) -> dict:
    return {"notes": recent(user), "unread": unread_count(user)}
