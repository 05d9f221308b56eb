"""Uploads into the newsroom: checked by content, never by name, and re-encoded.

Images: Pillow must recognise the bytes as JPEG, PNG, WebP or GIF, the header must declare at
most MAX_PIXELS (checked before any pixel is decoded: a decompression bomb is refused without
being expanded), and the whole image must decode (a truncated file is refused). Accepted images
are re-encoded: EXIF (and with it GPS position) is dropped, orientation applied, and a master JPEG
plus responsive renditions (WebP and JPEG at RENDITION_WIDTHS) are written. The original bytes
are never stored, so nothing smuggled inside them is served.

Attachments: PDF, DOCX, XLSX, MP4 and MP3, recognised by their magic bytes (and, for the Office
formats, by the parts inside the zip); the stored name takes the extension of what was found.
Both checks are the shared upload validator (hamafza/core/uploads.py).

Size limits are checked twice: against the request's Content-Length before the body is read
(workspace views, `request_too_large`) and against the file itself here.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps

from hamafza import audit, policy
from hamafza.core import uploads
from hamafza.core.uploads import MAX_IMAGE_BYTES, MAX_PIXELS, MB, check_image, size_of  # noqa: F401 (used by views)

from .models import Attachment, Image, NewsItem

MAX_ATTACHMENT_BYTES = uploads.MAX_FILE_BYTES
# The most a single upload request may carry (an attachment plus the form around it).
MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + MB
MASTER_WIDTH = 2400
RENDITION_WIDTHS = (480, 960, 1600)
ATTACHMENT_KINDS = uploads.DOCUMENT_KINDS

MediaError = uploads.UploadError


def _flatten(image: PILImage.Image) -> PILImage.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = PILImage.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: PILImage.Image, width: int, fmt: str) -> bytes:
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    else:
        image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()


@dataclass(frozen=True)
class ImageMeta:
    caption: str = ""
    credit: str = ""
    alt: str = ""
    taken_on: object = None  # datetime.date
    place: str = ""
    keywords: str = ""
    shared: bool = False


def _clip(value: str, field: str) -> str:
    limit = Image._meta.get_field(field).max_length
    return " ".join((value or "").split())[:limit]


def ingest_image(user, agency, upload, meta: ImageMeta = ImageMeta()) -> Image:
    """Check, re-encode and store an uploaded photo in the agency's library (policy.can_add_image),
    and record "image.added"."""
    if not policy.can_add_image(user, agency.pk):
        raise PermissionDenied(_("شما اجازهٔ افزودن تصویر به کتابخانهٔ این دستگاه را ندارید."))

    def recorded(image: Image) -> None:
        audit.record(user, "image.added", image, agency_id=image.agency_id, agency_only=_LIBRARY_ONLY,
                     after={"caption": image.caption, "shared": image.shared})

    return _store_image(agency, upload, meta, uploaded_by=user, then=recorded)


def _store_image(agency, upload, meta: ImageMeta = ImageMeta(), *, uploaded_by=None, then=None) -> Image:
    """The unchecked store behind ingest_image (newsroom.unchecked.store_image for loaders):
    written files are removed again when the row (or `then`, run in its transaction) fails."""
    source = _flatten(check_image(upload))
    key = f"{uuid.uuid4().hex[:16]}"
    folder = timezone.now().strftime("images/%Y/%m/")
    master = _encode(source, MASTER_WIDTH, "jpeg")
    renditions = []
    written: list[str] = []
    try:
        for width in RENDITION_WIDTHS:
            w = min(width, source.width)
            for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
                name = default_storage.save(f"{folder}{key}.w{w}.{ext}", ContentFile(_encode(source, w, fmt)))
                written.append(name)
                renditions.append({"width": w, "format": fmt, "name": name})
            if width >= source.width:
                break  # no rendition wider than the photo itself
        with transaction.atomic():
            image = Image(agency=agency, renditions=renditions, uploaded_by=uploaded_by)
            _describe(image, meta)
            image.file.save(f"{key}.jpg", ContentFile(master), save=False)
            written.append(image.file.name)
            image.width = min(source.width, MASTER_WIDTH)
            image.height = round(source.height * image.width / source.width)
            image.save()
            if then is not None:
                then(image)
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return image


# A library photo is its agency's: the council's overseers do not read about it in the audit log
# (they have no library; an agency sharing a photo shares it with the council's agencies).
_LIBRARY_ONLY = True
_DESCRIBED = ["caption", "credit", "alt", "place", "keywords", "taken_on", "shared"]


def _describe(image: Image, meta: ImageMeta) -> None:
    image.caption, image.credit = _clip(meta.caption, "caption"), _clip(meta.credit, "credit")
    image.alt = _clip(meta.alt, "alt")  # what the photo shows; the caption says something else
    image.place, image.keywords = _clip(meta.place, "place"), _clip(meta.keywords, "keywords")
    image.taken_on, image.shared = meta.taken_on, meta.shared


@transaction.atomic
def update_image(user, image: Image, meta: ImageMeta) -> Image:
    """Change a library photo's details (policy.can_edit_image); records "image.changed"."""
    if not policy.can_edit_image(user, image):
        raise PermissionDenied(_("شما اجازهٔ ویرایش این تصویر را ندارید."))
    before = {field: getattr(image, field) for field in _DESCRIBED}
    _describe(image, meta)
    image.save(update_fields=_DESCRIBED)
    after = {field: getattr(image, field) for field in _DESCRIBED}
    changed = [field for field in _DESCRIBED if before[field] != after[field]]
    audit.record(user, "image.changed", image, agency_id=image.agency_id, agency_only=_LIBRARY_ONLY,
                 before={f: before[f] for f in changed}, after={f: after[f] for f in changed})
    return image


# --- Attachments ---------------------------------------------------------------------------------

def attachment_kind(upload) -> str:
    """What the bytes are (pdf, docx, xlsx, mp4, mp3), or MediaError."""
    return uploads.check_file(upload, kinds=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES, what=_("پیوست"))


def _may_edit(user, item: NewsItem) -> None:
    if not policy.can_edit_item(user, item):
        raise PermissionDenied(_("شما اجازهٔ ویرایش این خبر را ندارید."))


@transaction.atomic
def attach_file(user, item: NewsItem, upload, title: str = "") -> Attachment:
    """Attach a checked document to the item (policy.can_edit_item); records "item.attached"."""
    _may_edit(user, item)
    attachment = _store_attachment(item, upload, title)
    audit.record(user, "item.attached", item, agency_id=item.lead_agency_id,
                 after={"attachment": attachment.title, "kind": attachment.kind})
    return attachment


@transaction.atomic
def _store_attachment(item: NewsItem, upload, title: str = "") -> Attachment:
    """The unchecked store behind attach_file (newsroom.unchecked.store_attachment for loaders)."""
    kind = attachment_kind(upload)
    name = getattr(upload, "name", "") or ""
    title = " ".join((title or name.rsplit(".", 1)[0] or _("پیوست")).split())[:200]
    order = item.attachments.count()
    attachment = Attachment(item=item, title=title, size=size_of(upload), kind=kind, order=order)
    upload.seek(0)
    attachment.file.save(uploads.generated_name(kind), ContentFile(upload.read()), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(user, attachment: Attachment) -> None:
    """Take an attachment off its item (policy.can_edit_item); the file goes after commit;
    records "item.detached"."""
    item = attachment.item
    _may_edit(user, item)
    name = attachment.file.name
    attachment.delete()
    audit.record(user, "item.detached", item, agency_id=item.lead_agency_id, before={"attachment": attachment.title})
    transaction.on_commit(lambda: default_storage.delete(name))


# --- Libraries -----------------------------------------------------------------------------------

def library_for(agency_ids, council_member_ids=()):
    """Images of the person's agencies plus those other agencies of their councils share."""
    from django.db.models import Q

    rule = Q(agency_id__in=list(agency_ids))
    if council_member_ids:
        rule |= Q(shared=True, agency_id__in=list(council_member_ids))
    return Image.objects.filter(rule)


def request_too_large(request, limit: int = MAX_REQUEST_BYTES) -> bool:
    """Whether the request announces a body larger than `limit` (check before touching FILES)."""
    return uploads.request_too_large(request, limit)


@transaction.atomic
def set_gallery(item: NewsItem, image_ids: list[int], user=None) -> None:
    """The item's gallery in the order given: photos of its lead agency or shared with a council."""
    from .models import GalleryImage

    if user is not None and not policy.can_edit_item(user, item):
        raise MediaError(_("شما اجازهٔ ویرایش این خبر را ندارید."))
    image_ids = list(dict.fromkeys(image_ids))[:60]
    current = list(item.gallery.order_by("order", "id").values_list("image_id", flat=True))
    if current == image_ids:
        return
    if item.status == NewsItem.Status.PUBLISHED and user is not None:
        raise MediaError(_("گالری خبر منتشرشده تغییر نکرد؛ خبر منتشرشده فقط با «اصلاحیه» تغییر می‌کند."))
    # Photos already in the gallery stay; each new one must pass the one rule of policy.
    new = [pk for pk in image_ids if pk not in current]
    images = {i.pk: i for i in Image.objects.filter(pk__in=new)}
    for pk in new:
        image = images.get(pk)
        if image is None or not policy.can_use_image(user, image, item.lead_agency_id):
            raise MediaError(_("یکی از تصاویر گالری پیدا نشد یا در دسترس این دستگاه نیست."))
    item.gallery.all().delete()
    GalleryImage.objects.bulk_create([GalleryImage(item=item, image_id=pk, order=n) for n, pk in enumerate(image_ids)])
