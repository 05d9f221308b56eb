"""The person's notifications: the inbox, opening one (marks it read), marking all read."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.notifications import inbox as inbox_of
from hamafza.notifications.models import Notification


@staff_required
@require_GET
def inbox(request):
    notes = inbox_of.recent(request.user, limit=100)
    return render(request, "workspace/notifications/inbox.html", {"notes": notes, "nav": "notifications"})


@staff_required
@require_POST
def read_all(request):
    inbox_of.mark_all_read(request.user)
    if request.headers.get("HX-Request"):
        return render(request, "workspace/notifications/_section.html", inbox_of.section_context(request.user))
    return redirect("workspace:notifications:inbox")


@staff_required
@require_POST
def open_notification(request, notification_id: int):
    note = Notification.objects.filter(pk=notification_id, user=request.user).select_related("item").first()
    if note is None:
        raise Http404
    inbox_of.mark_read(request.user, [note.pk])
    # The item may since have become invisible to the person: go to it only if they may see it.
    if note.item is not None and policy.can_view_item(request.user, note.item):
        return redirect(reverse("workspace:item", kwargs={"item_id": note.item_id}))
    if note.item is None and note.url.startswith("/") and not note.url.startswith("//"):
        return redirect(note.url)  # a workspace page; it checks the person's access itself
    return redirect("workspace:notifications:inbox")
