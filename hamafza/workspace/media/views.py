"""The media library: an agency's photos (with caption, credit, date, place, tags), and those
other agencies of its councils share. Uploads go through newsroom.media (checked by content,
re-encoded); the size is refused from Content-Length before the body is read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.agencies.registry import get_registry
from hamafza.newsroom import media
from hamafza.persian import jalali
from hamafza.persian.digits import to_persian_digits

from ..news.forms import id_list, parse_jalali_date

PAGE_SIZE = 24


def _own_agencies(user) -> list[int]:
    roles = policy.roles_of(user)
    return sorted(get_registry().agencies) if roles.superuser else sorted(roles.agencies)


def _images(user, scope: str, text: str):
    own = _own_agencies(user)
    if scope == "own":
        images = media.library_for(own)
    elif scope == "shared":
        images = media.library_for([], policy.library_agencies(user)).exclude(agency_id__in=own)
    else:
        images = media.library_for(own, policy.library_agencies(user))
    if text:
        images = images.filter(Q(caption__icontains=text) | Q(credit__icontains=text) | Q(place__icontains=text) | Q(keywords__icontains=text))
    return images.select_related("agency").order_by("-created_at", "-id")


def _meta(post, errors: dict) -> media.ImageMeta:
    taken_on = None
    if (post.get("taken_on") or "").strip():
        try:
            taken_on = parse_jalali_date(post["taken_on"], _("تاریخ عکس"))
        except Exception as exc:  # forms.ValidationError
            errors["taken_on"] = list(getattr(exc, "messages", [str(exc)]))
    return media.ImageMeta(
        caption=post.get("caption", ""), credit=post.get("credit", ""), alt=post.get("alt", ""),
        taken_on=taken_on, place=post.get("place", ""), keywords=post.get("keywords", ""),
        shared=bool(post.get("shared")),
    )


@staff_required
@require_GET
def library(request):
    if not policy.can_open_media_library(request.user):
        raise PermissionDenied(_("کتابخانهٔ رسانه برای اعضای دستگاه‌هاست."))
    own = _own_agencies(request.user)
    scope = request.GET.get("scope") if request.GET.get("scope") in ("own", "shared") else "all"
    text = " ".join((request.GET.get("q") or "").split())[:100]
    page = Paginator(_images(request.user, scope, text), PAGE_SIZE).get_page(request.GET.get("page"))
    reg = get_registry()
    return render(request, "workspace/media/library.html", {
        "page": page, "scope": scope, "q": text, "nav": "media", "reg": reg,
        "agencies": [reg.agencies[a] for a in own if a in reg.agencies], "own": set(own),
        "max_image_mb": media.MAX_IMAGE_BYTES // media.MB,
    })


@csrf_exempt
@staff_required
@require_POST
def upload(request):
    """Upload a photo to an agency's library (from the library page or the editor's dialog)."""
    if media.request_too_large(request, media.MAX_IMAGE_BYTES + media.MB):
        return _too_large(request)
    return csrf_protect(_upload)(request)


def _too_large(request) -> HttpResponse:
    message = _("حجم تصویر بیش از %(max)s مگابایت است؛ چیزی ذخیره نشد.") % {"max": to_persian_digits(media.MAX_IMAGE_BYTES // media.MB)}
    if request.headers.get("HX-Request"):
        return render(request, "workspace/media/library.html#upload-result", {"error": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def _upload(request):
    from hamafza.agencies.models import Agency

    own = _own_agencies(request.user)
    ids = id_list([request.POST.get("agency", "")])
    agency_id = ids[0] if ids else (own[0] if len(own) == 1 else None)
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id is not None else None
    errors: dict = {}
    image, status = None, 400
    if agency is None:
        errors["agency"] = [_("دستگاه را از فهرست انتخاب کنید.")]
    upload = request.FILES.get("file")
    if upload is None:
        errors["file"] = [_("پرونده‌ای انتخاب نشده است.")]
    meta = _meta(request.POST, errors)
    if not errors:
        try:
            image = media.ingest_image(request.user, agency, upload, meta)
        except PermissionDenied as exc:
            errors["agency"], status = [str(exc)], 403
        except ValidationError as exc:
            errors["file"] = exc.messages
    error = " ".join(m for msgs in errors.values() for m in msgs)
    context = {"image": image, "error": error, "target": request.POST.get("target", "")}
    if request.headers.get("HX-Request"):
        return render(request, "workspace/media/library.html#upload-result", context, status=status if error else 200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("تصویر به کتابخانه افزوده شد."))
    return redirect("workspace:media:library")


@staff_required
@require_GET
def picker(request):
    """The editor's dialog: choose a photo of the item's agency (or a shared one), or upload."""
    own = _own_agencies(request.user)
    text = " ".join((request.GET.get("q") or "").split())[:100]
    images = _images(request.user, "all", text)[:48]
    target = request.GET.get("target") if request.GET.get("target") in ("main", "gallery") else "main"
    reg = get_registry()
    agency_ids = id_list([request.GET.get("agency", "")])
    return render(request, "workspace/media/picker.html", {
        "images": images, "target": target, "q": text, "reg": reg, "own": set(own),
        "upload": bool(request.GET.get("upload")),
        "agencies": [reg.agencies[a] for a in own if a in reg.agencies],
        "agency": agency_ids[0] if agency_ids and agency_ids[0] in own else (own[0] if own else None),
        "max_image_mb": media.MAX_IMAGE_BYTES // media.MB,
    })


@staff_required
@require_http_methods(["GET", "POST"])
def image_edit(request, image_id: int):
    image = policy.access_image(request.user, image_id, for_write=request.method == "POST")
    errors: dict = {}
    if request.method == "POST":
        meta = _meta(request.POST, errors)
        if not errors:
            media.update_image(request.user, image, meta)
            messages.success(request, _("مشخصات تصویر ذخیره شد."))
            return redirect("workspace:media:image", image_id=image.pk)
    return render(request, "workspace/media/image.html", {
        "image": image, "errors": errors, "nav": "media", "reg": get_registry(),
        "can_edit": policy.can_edit_image(request.user, image),
        "taken_on_text": jalali.format_numeric(image.taken_on) if image.taken_on else "",
    }, status=400 if errors else 200)
