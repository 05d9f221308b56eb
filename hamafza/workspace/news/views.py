"""The newsroom in the workspace: the news list, the editor (autosave, conflicts, locks), the
workflow buttons, revisions, comments and the preview.

Every view: staff_required → policy.access_* (404 for an item the person may not see, 403 for one
they may only read) → one newsroom action → a page or an htmx fragment of the same template."""

from __future__ import annotations

import datetime as dt
import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.newsroom import actions, media, video, workflow
from hamafza.newsroom.models import Attachment, Comment, Image, NewsItem, Revision
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits
from hamafza.reach import selectors as reach_selectors

from . import forms

S = NewsItem.Status
PAGE_SIZE = 30


# --- The list ------------------------------------------------------------------------------------

@staff_required
@require_GET
def news_list(request):
    filters = forms.parse_filters(request.GET)
    items = policy.visible_items(request.user).select_related("lead_agency", "created_by")
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.agency:
        items = items.filter(item_agencies__agency_id=filters.agency)
    if filters.sector:
        items = items.filter(item_sectors__sector_id=filters.sector)
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time.min, tzinfo=jalali.TEHRAN)
        items = items.filter(Q(published_at__gte=start) | Q(published_at__isnull=True, created_at__gte=start))
    if filters.until:
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=jalali.TEHRAN)
        items = items.filter(Q(published_at__lt=end) | Q(published_at__isnull=True, created_at__lt=end))
    if filters.text:
        items = items.filter(Q(title__icontains=filters.text) | Q(lead__icontains=filters.text) | Q(kicker__icontains=filters.text))
    items = items.distinct().order_by("-updated_at", "-id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    reg = get_registry()
    roles = policy.roles_of(request.user)
    agencies = sorted(reg.agencies.values(), key=lambda a: a.short_name) if roles.superuser else [
        reg.agencies[a] for a in sorted(set(roles.agencies) | set(roles.overseen_agencies())) if a in reg.agencies
    ]
    context = {
        "page": page, "filters": filters, "statuses": S.choices, "agencies": agencies,
        "sectors": list(reg.sectors.values()), "nav": "news",
        "can_create": bool(roles.agencies) or roles.superuser,
        "query": _query_without_page(request),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "news-results":
        return render(request, "workspace/news/list.html#results", context)
    return render(request, "workspace/news/list.html", context)


def _query_without_page(request) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()


# --- A new draft ---------------------------------------------------------------------------------

@staff_required
@require_http_methods(["GET", "POST"])
def news_new(request):
    roles = policy.roles_of(request.user)
    reg = get_registry()
    agency_ids = sorted(reg.agencies) if roles.superuser else sorted(roles.agencies)
    agencies = [reg.agencies[a] for a in agency_ids if a in reg.agencies]
    if not agencies:
        raise PermissionDenied(_("شما عضو هیچ دستگاهی نیستید و نمی‌توانید خبر بنویسید."))
    errors: dict = {}
    values = {"title": "", "agency": str(agencies[0].id)}
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""), "agency": request.POST.get("agency", "")}
        ids = forms.id_list([values["agency"]])
        from hamafza.agencies.models import Agency

        agency = Agency.objects.filter(pk=ids[0]).first() if ids else None
        if agency is None or agency.pk not in agency_ids:
            errors["agency"] = [_("دستگاه را از فهرست انتخاب کنید.")]
        else:
            try:
                item = actions.do_create_draft(request.user, agency, {"title": values["title"]})
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                return redirect("workspace:news:edit", item_id=item.pk)
    return render(request, "workspace/news/new.html", {
        "agencies": agencies, "values": values, "errors": errors, "nav": "news",
    }, status=400 if errors else 200)


# --- The editor ----------------------------------------------------------------------------------

def _editor_context(request, item: NewsItem, lock=None, lock_error=None) -> dict:
    reg = get_registry()
    user = request.user
    links = list(item.item_agencies.all())
    supporting = [link.agency_id for link in links if link.role == "supporting"]
    can_edit = policy.can_edit_item(user, item)
    holder = lock_error.lock if lock_error is not None else None
    # Agencies that share a council with the lead agency (their heads answer the invitation in
    # the cooperation inbox), and any already on the item.
    partners = {a for c in reg.councils.values() if item.lead_agency_id in c.member_ids for a in c.member_ids}
    council_members = [
        a for a in reg.agencies.values() if a.id != item.lead_agency_id and (a.id in partners or a.id in supporting)
    ]
    comments = list(Comment.objects.filter(item=item).select_related("author"))
    return {
        "item": item,
        "body_form": forms.BodyForm(initial={"body": item.body}),
        "can_edit": can_edit,
        "editable_now": can_edit and holder is None and item.status != S.PUBLISHED,
        "correcting": can_edit and holder is None and item.status == S.PUBLISHED,
        # Nothing on the page can change the item: no toolbar, no media buttons, no save chip.
        "read_only": not (can_edit and holder is None),
        "holder": holder,
        "can_take_over": holder is not None and workflow.can_take_over(user, item),
        "supporting": supporting,
        "agency_choices": sorted(council_members, key=lambda a: a.short_name),
        "sector_choices": list(reg.sectors.values()),
        "item_sectors": set(item.item_sectors.values_list("sector_id", flat=True)),
        "tags": "، ".join(item.item_tags.values_list("tag__name", flat=True)),
        "gallery": [g.image for g in item.gallery.select_related("image")],
        "attachments": list(item.attachments.all()),
        "comments": comments,
        "return_reason": _return_reason(item, comments),
        "buttons": _buttons(user, item),
        "can_comment": policy.can_comment(user, item),
        "can_see_revisions": policy.can_see_revisions(user, item),
        "lead_name": reg.agencies[item.lead_agency_id].short_name if item.lead_agency_id in reg.agencies else "",
        "saved_at": _clock(item.updated_at),
        "nav": "news",
        "reach": reach_selectors.item_summary(item.pk) if item.published_at else None,
        "max_image_mb": media.MAX_IMAGE_BYTES // media.MB,
        "max_attachment_mb": media.MAX_ATTACHMENT_BYTES // media.MB,
        **_video_context(request.user, item),
    }


def _return_reason(item: NewsItem, comments: list[Comment]) -> Comment | None:
    """The head's latest reason for returning the item, while it is returned."""
    if item.status != S.RETURNED:
        return None
    return next((c for c in reversed(comments) if c.is_return_reason), None)


def _clock(value: dt.datetime | None) -> str:
    return to_persian_digits(jalali.to_tehran(value).strftime("%H:%M")) if value else ""


def _buttons(user, item: NewsItem) -> dict:
    return {
        "submit": policy.can_submit(user, item),
        "return": policy.can_return(user, item),
        "publish": policy.can_publish(user, item),
        "schedule": policy.can_approve(user, item) or (item.status == S.SCHEDULED and policy.can_unpublish(user, item)),
        "unpublish": policy.can_unpublish(user, item),
    }


@staff_required
@require_GET
def news_edit(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    lock_error = None
    if policy.can_edit_item(request.user, item):
        try:
            workflow.acquire_lock(request.user, item)
        except workflow.LockHeld as exc:
            lock_error = exc
    response = render(request, "workspace/news/editor.html", _editor_context(request, item, lock_error=lock_error))
    response.headers["Cache-Control"] = "no-store"
    return response


def _editor_data(post) -> dict:
    data = {field: post.get(field, "") for field in ("kicker", "title", "lead", "city") if field in post}
    if "body" in post:
        data["body"] = post.get("body", "")
    if "main_image" in post:
        ids = forms.id_list([post.get("main_image", "")])
        data["main_image"] = ids[0] if ids else None
    if "supporting_present" in post:
        data["supporting"] = forms.id_list(post.getlist("supporting"))
    if "sectors_present" in post:
        data["sectors"] = forms.id_list(post.getlist("sectors"))
    if "tags" in post:
        data["tags"] = post.get("tags", "")
    for field in ("kind", "aparat"):
        if field in post:
            data[field] = post.get(field, "")
    if "gallery_present" in post:
        data["gallery"] = forms.id_list(post.getlist("gallery"))
    return data


def _base_revision(post) -> int | None:
    ids = forms.id_list([post.get("base_revision", "")])
    return ids[0] if ids else (0 if post.get("base_revision") == "0" else None)


@staff_required
@require_POST
def news_save(request, item_id: int):
    """The autosave (and the «ذخیره» button): one do_save_draft; answers the save-state fragment."""
    started = time.perf_counter()
    item = policy.access_item(request.user, item_id, for_write=True)
    data = _editor_data(request.POST)
    base = _base_revision(request.POST)
    state = {"item": item, "errors": {}, "conflict": None, "locked": None, "base": base}
    try:
        revision = actions.do_save_draft(request.user, item, data, base)
        state["base"] = revision.number if revision else item.revision
    except workflow.EditConflict as exc:
        state["conflict"] = _conflict(request, item, exc, data)
    except workflow.PartialSave as exc:
        state["errors"] = exc.message_dict
        state["base"] = NewsItem.objects.filter(pk=item.pk).values_list("revision", flat=True).first()
    except workflow.LockHeld as exc:
        state["locked"] = exc.lock
    except ValidationError as exc:
        state["errors"] = {"__all__": exc.messages}
    item.refresh_from_db(fields=["updated_at", "revision", "title", "status"])
    state["saved_at"] = _clock(item.updated_at)
    response = render(request, "workspace/news/editor.html#save-state", state)
    response.headers["Server-Timing"] = f"save;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def _conflict(request, item: NewsItem, exc: workflow.EditConflict, mine: dict) -> dict:
    theirs = workflow.snapshot(item)
    my_version = {**theirs, **{k: v for k, v in mine.items() if k in theirs}}
    if "tags" in mine and isinstance(mine["tags"], str):
        my_version["tags"] = sorted(t.strip() for t in mine["tags"].replace("،", ",").split(",") if t.strip())
    return {
        "theirs": exc.theirs,
        "current": item.revision if exc.theirs is None else exc.theirs.number,
        "rows": [row for row in workflow.diff_revisions(theirs, my_version) if row.changed],
        "message": exc.messages[0] if exc.messages else "",
    }


@staff_required
@require_POST
def news_lock(request, item_id: int):
    """Heartbeat of an open editor (every 30 s), or «take over» by a head."""
    item = policy.access_item(request.user, item_id, for_write=True)
    holder = None
    try:
        if request.POST.get("take_over"):
            workflow.take_over(request.user, item)
        else:
            workflow.heartbeat(request.user, item)
    except workflow.LockHeld as exc:
        holder = exc.lock
    if request.POST.get("take_over") and not request.headers.get("HX-Request"):
        messages.success(request, _("ویرایش این خبر اکنون در دست شماست."))
        return redirect("workspace:news:edit", item_id=item.pk)
    return render(request, "workspace/news/editor.html#lock-banner", {
        "item": item, "holder": holder, "can_take_over": holder is not None and workflow.can_take_over(request.user, item),
        "lost": holder is not None, "editable_now": holder is None,
    })


@staff_required
@require_POST
def news_release(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    workflow.release(request.user, item)
    return HttpResponse(status=204)


# --- Workflow ------------------------------------------------------------------------------------

TRANSITIONS = {
    "submit": _("خبر برای تأیید مدیر فرستاده شد."),
    "return": _("خبر با توضیح شما به نویسنده برگشت."),
    "publish": _("خبر منتشر شد و در درگاه دیده می‌شود."),
    "schedule": _("انتشار خبر زمان‌بندی شد."),
    "unpublish": _("انتشار خبر لغو شد."),
    "correct": _("اصلاحیه ثبت شد و در صفحهٔ خبر نشان داده می‌شود."),
}


@staff_required
@require_POST
def news_transition(request, item_id: int, action: str):
    """One workflow button. Done: back to the editor with a message. Refused (a Persian message):
    the editor is shown again with everything the person typed — the reason, the comment, the
    date, and for a correction the whole edited text — never a redirect that loses it."""
    if action not in TRANSITIONS:
        raise Http404
    item = policy.access_item(request.user, item_id)
    user, post = request.user, request.POST
    started = time.perf_counter()
    refused, status = None, 400
    try:
        if action == "submit":
            actions.do_submit(user, item)
        elif action == "return":
            actions.do_return(user, item, post.get("comment", ""))
        elif action == "publish":
            actions.do_publish(user, item)
        elif action == "schedule":
            try:
                when = forms.parse_schedule(post.get("date", ""), post.get("time", ""))
            except forms.forms.ValidationError as exc:
                raise ValidationError({"when": exc.messages}) from None
            actions.do_schedule(user, item, when)
        elif action == "unpublish":
            actions.do_unpublish(user, item, post.get("reason", ""), post.get("mode", "withdrawn"))
        elif action == "correct":
            actions.do_correct(user, item, _editor_data(post), post.get("note", ""), _base_revision(post))
    except workflow.EditConflict as exc:
        refused, status = exc, 409
    except ValidationError as exc:
        refused = exc
    if refused is not None:
        response = _refused(request, item, action, refused, status)
    else:
        messages.success(request, TRANSITIONS[action])
        response = redirect("workspace:news:edit", item_id=item.pk)
    response.headers["Server-Timing"] = f"{action};dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def _refused(request, item: NewsItem, action: str, exc: ValidationError, status: int):
    """The editor again, with the refused button's form open, its message and what was typed."""
    post = request.POST
    item = NewsItem.objects.select_related("lead_agency", "main_image").get(pk=item.pk)
    typed = {name: post.get(name, "") for name in ("comment", "date", "time", "reason", "mode", "note")}
    context = _editor_context(request, item)
    context["refused"] = {"action": action, "messages": exc.messages, "typed": typed}
    if action == "correct":
        if isinstance(exc, workflow.EditConflict):
            # Somebody saved in between: show what they changed; sending again (knowingly)
            # applies this correction on top of the revision now current.
            context["refused"]["conflict"] = _conflict(request, item, exc, _editor_data(post))
            context["base"] = item.revision
        else:
            context["base"] = _base_revision(post)
        _show_typed(request, item, context, post)
    response = render(request, "workspace/news/editor.html", context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _show_typed(request, item: NewsItem, context: dict, post) -> None:
    """Put the edited fields of a refused correction into the editor (on the unsaved item object:
    nothing is written). Photos are shown only if they are the item's or the person may use them."""
    data = _editor_data(post)
    for field in ("kicker", "title", "lead", "city", "body"):
        if field in data:
            setattr(item, field, data[field])
    context["body_form"] = forms.BodyForm(initial={"body": item.body})
    if "main_image" in data:
        image = Image.objects.filter(pk=data["main_image"]).first() if data["main_image"] else None
        if image is None or image.pk == item.main_image_id or policy.can_use_image(request.user, image, item.lead_agency_id):
            item.main_image = image
    if "tags" in data:
        context["tags"] = data["tags"]
    if "supporting" in data:
        context["supporting"] = data["supporting"]
    if "sectors" in data:
        context["item_sectors"] = set(data["sectors"])
    if "gallery" in data:
        images = Image.objects.in_bulk(data["gallery"])
        current = set(item.gallery.values_list("image_id", flat=True))
        context["gallery"] = [images[i] for i in data["gallery"] if i in images and (
            i in current or policy.can_use_image(request.user, images[i], item.lead_agency_id))]
    context["unsaved"] = True


# --- Revisions, comments, preview ----------------------------------------------------------------

def _revision_number(value, default: int | None) -> int | None:
    ids = forms.id_list([value or ""])
    return ids[0] if ids else default


@staff_required
@require_GET
def news_revisions(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    if not policy.can_see_revisions(request.user, item):
        raise Http404
    revisions = list(Revision.objects.filter(item=item).select_related("author").order_by("-number"))
    right_no = _revision_number(request.GET.get("b"), revisions[0].number if revisions else None)
    left_no = _revision_number(request.GET.get("a"), revisions[1].number if len(revisions) > 1 else right_no)
    by_number = {r.number: r for r in revisions}
    left, right = by_number.get(left_no), by_number.get(right_no)
    rows = workflow.diff_revisions(left, right) if left and right else []
    return render(request, "workspace/news/revisions.html", {
        "item": item, "revisions": revisions, "left": left, "right": right, "rows": rows,
        "can_restore": policy.can_edit_item(request.user, item), "nav": "news",
    })


@staff_required
@require_POST
def news_restore(request, item_id: int, number: int):
    item = policy.access_item(request.user, item_id, for_write=True)
    try:
        actions.do_restore_revision(request.user, item, number, _base_revision(request.POST))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("workspace:news:revisions", item_id=item.pk)
    messages.success(request, _("نسخهٔ %(n)s بازگردانده شد (به‌صورت نسخه‌ای تازه).") % {"n": to_persian_digits(number)})
    return redirect("workspace:news:edit", item_id=item.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def news_comments(request, item_id: int):
    item = policy.access_item(request.user, item_id)
    if not policy.can_comment(request.user, item):
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            actions.do_add_comment(request.user, item, request.POST.get("body", ""))
        except ValidationError as exc:
            error = exc.messages[0]
    context = {"item": item, "comments": list(Comment.objects.filter(item=item).select_related("author")),
               "can_comment": True, "comment_error": error}
    if not request.headers.get("HX-Request"):
        return redirect(reverse("workspace:news:edit", kwargs={"item_id": item.pk}) + "#comments")
    return render(request, "workspace/news/editor.html#comments", context, status=400 if error else 200)


@staff_required
@require_GET
def news_preview(request, item_id: int):
    from hamafza.newsroom import preview

    item = policy.access_item(request.user, item_id)
    return preview.render(request, item)


# --- Media inside the editor ---------------------------------------------------------------------

def _too_large(limit: int) -> HttpResponse:
    return HttpResponse(
        _("پرونده بیش از اندازه بزرگ است (حداکثر %(max)s مگابایت); چیزی ذخیره نشد و پیش‌نویس شما سر جایش است.")
        % {"max": to_persian_digits(limit // media.MB)},
        status=413, content_type="text/plain; charset=utf-8",
    )


@csrf_exempt
@staff_required
@require_POST
def news_attach(request, item_id: int):
    """Upload an attachment. The size is checked from Content-Length before the body is read;
    CSRF is checked after that (csrf_protect below), so a huge body is never parsed."""
    if media.request_too_large(request, media.MAX_REQUEST_BYTES):
        return _too_large(media.MAX_ATTACHMENT_BYTES)
    return csrf_protect(_attach)(request, item_id)


def _attach(request, item_id: int):
    item = policy.access_item(request.user, item_id, for_write=True)
    upload = request.FILES.get("file")
    error = ""
    if upload is None:
        error = _("پرونده‌ای انتخاب نشده است.")
    else:
        try:
            media.attach_file(request.user, item, upload, request.POST.get("title", ""))
        except ValidationError as exc:
            error = exc.messages[0]
    return render(request, "workspace/news/editor.html#attachments", {
        "item": item, "attachments": list(item.attachments.all()), "attach_error": error, "editable_now": True,
    }, status=400 if error else 200)


@staff_required
@require_POST
def news_detach(request, item_id: int, attachment_id: int):
    item = policy.access_item(request.user, item_id, for_write=True)
    attachment = Attachment.objects.filter(item=item, pk=attachment_id).first()
    if attachment is None:
        raise Http404
    media.remove_attachment(request.user, attachment)
    return render(request, "workspace/news/editor.html#attachments", {
        "item": item, "attachments": list(item.attachments.all()), "editable_now": True,
    })


# --- The item's video ----------------------------------------------------------------------------

def _video_context(user, item: NewsItem, error: str = "") -> dict:
    max_bytes, max_seconds = video.limits_for(item)
    return {
        "item": item, "video": video.video_of(item), "video_error": error,
        "can_set_video": policy.can_set_video(user, item),
        "video_max_mb": max_bytes // media.MB, "video_max_minutes": max_seconds // 60,
        "aparat_page": video.aparat_page(item.aparat), "kinds": NewsItem.Kind.choices,
    }


def _video_fragment(request, item: NewsItem, error: str = "", status: int = 200):
    response = render(request, "workspace/news/editor.html#video", _video_context(request.user, item, error), status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@staff_required
@require_POST
def news_video(request, item_id: int):
    """Upload the item's video. The size is checked from Content-Length (the limit of the item's
    councils) before the body is read; CSRF after that, so a huge body is never parsed. A refused
    file leaves the item as it was: the editor's text is another form and stays on the page."""
    item = policy.access_item(request.user, item_id, for_write=True)
    if media.request_too_large(request, video.request_limit(item)):
        max_mb = video.limits_for(item)[0] // media.MB
        return _video_fragment(request, item, _(
            "حجم ویدیو بیش از %(max)s مگابایت است؛ چیزی ذخیره نشد و متن خبر سر جایش است. ویدیو را فشرده کنید یا پیوند آپارات آن را بگذارید."
        ) % {"max": to_persian_digits(max_mb)}, status=413)
    return csrf_protect(_upload_video)(request, item)


def _upload_video(request, item: NewsItem):
    upload = request.FILES.get("file")
    if upload is None:
        return _video_fragment(request, item, _("پرونده‌ای انتخاب نشده است."), status=400)
    try:
        video.attach_video(request.user, item, upload)
    except ValidationError as exc:
        return _video_fragment(request, item, exc.messages[0], status=400)
    return _video_fragment(request, item)


@staff_required
@require_POST
def news_video_remove(request, item_id: int):
    item = policy.access_item(request.user, item_id, for_write=True)
    try:
        video.remove_video(request.user, item)
    except ValidationError as exc:
        return _video_fragment(request, item, exc.messages[0], status=400)
    return _video_fragment(request, item)
