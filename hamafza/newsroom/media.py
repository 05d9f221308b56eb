"""Uploads into the newsroom: checked by content, never by name, and re-encoded.

Images: Pillow must recognise the bytes as JPEG, PNG, WebP or GIF, the header must declare at
most MAX_PIXELS (checked before any pixel is decoded: a decompression bomb is refused without
being expanded), and the whole image must decode (a truncated file is refused). Accepted images
are re-encoded: EXIF (and with it GPS position) is dropped, orientation applied, and a master JPEG
plus responsive renditions (WebP and JPEG at RENDITION_WIDTHS) are written. The original bytes
are never stored, so nothing smuggled inside them is served.

Attachments: PDF, DOCX, XLSX, MP4 and MP3, recognised by their magic bytes (and, for the Office
formats, by the parts inside the zip); the stored name takes the extension of what was found.

Size limits are checked twice: against the request's Content-Length before the body is read
(workspace views, `request_too_large`) and against the file itself here.
"""

from __future__ import annotations

import contextlib
import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageFile, ImageOps

from hamafza.persian.digits import format_number

from .models import Attachment, Image, NewsItem

MB = 1024 * 1024
MAX_IMAGE_BYTES = 15 * MB
MAX_ATTACHMENT_BYTES = 50 * MB
# The most a single upload request may carry (an attachment plus the form around it).
MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + MB
MAX_PIXELS = 40_000_000
MASTER_WIDTH = 2400
RENDITION_WIDTHS = (480, 960, 1600)
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
ATTACHMENT_KINDS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "mp4": "MP4", "mp3": "MP3"}


class MediaError(ValidationError):
    """An upload refused, with a Persian message saying why."""


def _mb(n: int) -> str:
    return format_number(n // MB)


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return size


def _head(upload, n: int = 512) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") or b"<svg" in text or b"<script" in text


# --- Images --------------------------------------------------------------------------------------

def check_image(upload) -> PILImage.Image:
    """The decoded image, or MediaError with a Persian message."""
    size = _size_of(upload)
    if size > MAX_IMAGE_BYTES:
        raise MediaError(_("حجم تصویر بیش از %(max)s مگابایت است.") % {"max": _mb(MAX_IMAGE_BYTES)}, code="too_big")
    if size == 0:
        raise MediaError(_("پرونده خالی است."), code="empty")
    head = _head(upload)
    if _looks_like_markup(head):
        raise MediaError(
            _("تصویر SVG یا پرونده‌های متنی پذیرفته نمی‌شود؛ لطفاً JPEG، PNG یا WebP بفرستید."), code="svg",
        )
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(upload)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except Exception:
            raise MediaError(
                _("این پرونده تصویر نیست (محتوای آن با هیچ قالب تصویری جور نیست)؛ فقط JPEG، PNG، WebP و GIF پذیرفته می‌شود."),
                code="not_image",
            ) from None
        if image.format not in IMAGE_FORMATS:
            raise MediaError(_("قالب این تصویر پذیرفته نمی‌شود؛ فقط JPEG، PNG، WebP و GIF."), code="format")
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(width, height)
        try:
            with _strict_decoding():
                image.verify()
                upload.seek(0)
                image = PILImage.open(upload)
                image.load()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except Exception:
            raise MediaError(
                _("تصویر ناقص یا خراب است و باز نمی‌شود؛ پرونده را دوباره از دوربین یا رایانه بگیرید."),
                code="broken",
            ) from None
    return image


@contextlib.contextmanager
def _strict_decoding():
    """Refuse truncated images whatever the process-wide Pillow flag says: WeasyPrint (the PDF
    reports) sets ImageFile.LOAD_TRUNCATED_IMAGES = True when it is imported, which would
    otherwise let a half-uploaded JPEG through in any process that has made a PDF."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _too_many_pixels(width: int | None = None, height: int | None = None) -> MediaError:
    message = _("ابعاد تصویر بیش از اندازه است (حداکثر %(max)s مگاپیکسل).") % {"max": format_number(MAX_PIXELS // 1_000_000)}
    if width and height:
        message += " " + _("این تصویر %(w)s×%(h)s پیکسل است.") % {"w": format_number(width), "h": format_number(height)}
    return MediaError(message, code="too_many_pixels")


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


def ingest_image(*, agency, upload, meta: ImageMeta = ImageMeta(), user=None) -> Image:
    """Check, re-encode and store an uploaded photo in the agency's library."""
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
            image = Image(
                agency=agency,
                caption=_clip(meta.caption, "caption"), credit=_clip(meta.credit, "credit"),
                alt=_clip(meta.alt or meta.caption, "alt"), place=_clip(meta.place, "place"),
                keywords=_clip(meta.keywords, "keywords"), taken_on=meta.taken_on, shared=meta.shared,
                renditions=renditions, uploaded_by=user,
            )
            image.file.save(f"{key}.jpg", ContentFile(master), save=False)
            written.append(image.file.name)
            image.width = min(source.width, MASTER_WIDTH)
            image.height = round(source.height * image.width / source.width)
            image.save()
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return image


@transaction.atomic
def update_image(image: Image, meta: ImageMeta) -> Image:
    image.caption, image.credit = _clip(meta.caption, "caption"), _clip(meta.credit, "credit")
    image.alt = _clip(meta.alt or meta.caption, "alt")
    image.place, image.keywords = _clip(meta.place, "place"), _clip(meta.keywords, "keywords")
    image.taken_on, image.shared = meta.taken_on, meta.shared
    image.save(update_fields=["caption", "credit", "alt", "place", "keywords", "taken_on", "shared"])
    return image


# --- Attachments ---------------------------------------------------------------------------------

def _zip_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def attachment_kind(upload) -> str:
    """What the bytes are (pdf, docx, xlsx, mp4, mp3), or MediaError."""
    size = _size_of(upload)
    if size > MAX_ATTACHMENT_BYTES:
        raise MediaError(_("حجم پیوست بیش از %(max)s مگابایت است.") % {"max": _mb(MAX_ATTACHMENT_BYTES)}, code="too_big")
    if size == 0:
        raise MediaError(_("پرونده خالی است."), code="empty")
    head = _head(upload, 16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        if kind:
            return kind
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    raise MediaError(
        _("این نوع پرونده پذیرفته نمی‌شود؛ پیوست فقط PDF، Word (DOCX)، Excel (XLSX)، MP4 یا MP3 می‌تواند باشد."),
        code="kind",
    )


@transaction.atomic
def attach_file(item: NewsItem, upload, title: str = "") -> Attachment:
    kind = attachment_kind(upload)
    name = getattr(upload, "name", "") or ""
    title = " ".join((title or name.rsplit(".", 1)[0] or _("پیوست")).split())[:200]
    order = item.attachments.count()
    attachment = Attachment(item=item, title=title, size=_size_of(upload), kind=kind, order=order)
    upload.seek(0)
    attachment.file.save(f"{uuid.uuid4().hex[:16]}.{kind}", ContentFile(upload.read()), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment) -> None:
    name = attachment.file.name
    attachment.delete()
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
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit


@transaction.atomic
def set_gallery(item: NewsItem, image_ids: list[int], user=None) -> None:
    """The item's gallery in the order given: photos of its lead agency or shared with a council."""
    from hamafza import policy

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
