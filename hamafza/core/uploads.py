"""The one validator of uploaded files: every upload site (newsroom photos and attachments,
campaign kit files, task evidence, indicator spreadsheets, agency logos) goes through here.

A file is judged by its bytes, never by its name or the type the browser declared:
- a size limit (and an empty file is refused);
- markup (HTML, SVG, XML, scripts) is refused whatever it is called;
- an allow-list of kinds recognised by their magic bytes: PDF, Office files (DOCX, XLSX, told
  apart by the parts inside the zip), MP4, MP3, and images (JPEG, PNG, WebP, GIF, which must also
  decode whole in Pillow: a truncated file or a decompression bomb is refused);
- the stored name is generated (`generated_name`), with the extension of what was found;
- videos (`check_video`, MP4 and WebM): the container by its magic bytes and then by ffprobe,
  which must find a video stream and a duration within the limit (core/ffmpeg.py).

Uploads are served by the media view (hamafza/portal/views/media.py), which sends everything
but images as a download with `X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import contextlib
import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageFile

from hamafza.persian.digits import format_number, to_persian_digits

MB = 1024 * 1024
MAX_IMAGE_BYTES = 15 * MB
MAX_FILE_BYTES = 50 * MB  # attachments, kit files, evidence
MAX_PIXELS = 40_000_000

IMAGE_KINDS = frozenset({"jpg", "png", "webp", "gif"})
VIDEO_KINDS = frozenset({"mp4", "webm"})
DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "mp4", "mp3"})
FILE_KINDS = IMAGE_KINDS | DOCUMENT_KINDS
LABELS = {
    "pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "mp4": "MP4", "mp3": "MP3",
    "jpg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF", "webm": "WebM",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg",
    "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif",
}
_PIL_KINDS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


class UploadError(ValidationError):
    """An upload refused, with a Persian message saying why."""


def megabytes(n: int) -> str:
    return format_number(n // MB)


def size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return size


def head_of(upload, n: int = 512) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") or b"<svg" in text or b"<script" in text or b"<html" in text


def generated_name(kind: str) -> str:
    """The stored name of an accepted upload: random, with the extension of its content."""
    return f"{uuid.uuid4().hex[:16]}.{kind}"


def request_too_large(request, limit: int) -> bool:
    """Whether the request announces a body larger than `limit` (check before touching FILES)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit


# --- Any allowed kind ----------------------------------------------------------------------------

def accept(upload, *, kinds: frozenset[str] = FILE_KINDS, max_bytes: int = MAX_FILE_BYTES, what: str | None = None):
    """The upload, checked (`check_file`) and renamed to a generated name: ready to be assigned to
    a FileField, which stores it under its upload_to. UploadError when refused."""
    upload.name = generated_name(check_file(upload, kinds=kinds, max_bytes=max_bytes, what=what))
    upload.seek(0)
    return upload


def check_file(upload, *, kinds: frozenset[str], max_bytes: int, what: str | None = None) -> str:
    """The kind of the upload (a key of LABELS), or UploadError with a Persian message.
    `what` names the file in messages («پیوست», «پرونده مستند», …)."""
    what = what or _("پرونده")
    size = size_of(upload)
    if size > max_bytes:
        raise UploadError(
            _("حجم %(what)s بیش از %(max)s مگابایت است.") % {"what": what, "max": megabytes(max_bytes)}, code="too_big",
        )
    if size == 0:
        raise UploadError(_("پرونده خالی است."), code="empty")
    head = head_of(upload, 512)
    kind = None if looks_like_markup(head) else _sniff(upload, head)
    if kind not in kinds:
        labels = [LABELS[k] for k in LABELS if k in kinds]
        allowed = labels[0] if len(labels) == 1 else _("%(some)s یا %(last)s") % {"some": "، ".join(labels[:-1]), "last": labels[-1]}
        raise UploadError(
            _("این نوع پرونده پذیرفته نمی‌شود؛ %(what)s فقط %(allowed)s می‌تواند باشد.") % {"what": what, "allowed": allowed},
            code="kind",
        )
    if kind in IMAGE_KINDS:
        check_image(upload, max_bytes)
    return kind


def _sniff(upload, head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: Matroska, of which WebM is the web profile
        return "webm" if b"webm" in head[:64] else None
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


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


# --- Videos ----------------------------------------------------------------------------------------

# ffprobe's container names of each accepted kind, and the codecs browsers play in them.
_VIDEO_FORMATS = {"mp4": {"mp4", "mov"}, "webm": {"webm", "matroska"}}
_VIDEO_CODECS = {"mp4": {"h264", "hevc", "av1", "mpeg4"}, "webm": {"vp8", "vp9", "av1"}}


@dataclass(frozen=True)
class VideoFacts:
    kind: str  # mp4 | webm
    size: int
    duration: float
    width: int
    height: int


def check_video(upload, *, max_bytes: int, max_seconds: int, what: str | None = None) -> VideoFacts:
    """An MP4 or WebM video within the size and duration limits, or UploadError with a Persian
    message. The container is judged by its bytes (not the name) and then by ffprobe, which must
    read it as that container and find a video stream of a codec browsers play."""
    from . import ffmpeg

    what = what or _("ویدیو")
    kind = check_file(upload, kinds=VIDEO_KINDS, max_bytes=max_bytes, what=what)
    with ffmpeg.local_path(upload) as path:
        try:
            found = ffmpeg.probe(path)
        except ffmpeg.ProbeError:
            found = None
    broken = UploadError(
        _("این پرونده ویدیوی سالم MP4 یا WebM نیست (خوانده نشد)؛ آن را دوباره از دوربین یا نرم‌افزار تدوین بگیرید."),
        code="broken",
    )
    if found is None or not _VIDEO_FORMATS[kind] & set(found.format_names) or not found.duration:
        raise broken
    if found.video_codec not in _VIDEO_CODECS[kind]:
        raise UploadError(
            _("این پرونده تصویر متحرکی ندارد یا رمزگذاری آن (%(codec)s) در مرورگرها پخش نمی‌شود؛ MP4 با H.264 یا WebM با VP9 بفرستید.")
            % {"codec": found.video_codec or "—"}, code="codec",
        )
    if found.duration > max_seconds:
        raise UploadError(
            _("مدت %(what)s %(has)s است و بیش از %(max)s دقیقه مجاز است؛ ویدیو را کوتاه کنید یا پیوند آپارات آن را بگذارید.")
            % {"what": what, "has": _clock(found.duration), "max": format_number(max_seconds // 60)},
            code="too_long",
        )
    upload.seek(0)
    return VideoFacts(kind=kind, size=size_of(upload), duration=found.duration, width=found.width, height=found.height)


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    return to_persian_digits(f"{whole // 60}:{whole % 60:02d}")


# --- Images --------------------------------------------------------------------------------------

def image_kind(image: PILImage.Image) -> str:
    return _PIL_KINDS[image.format]


def check_image(upload, max_bytes: int = MAX_IMAGE_BYTES) -> PILImage.Image:
    """The decoded image (JPEG, PNG, WebP or GIF), or UploadError with a Persian message."""
    size = size_of(upload)
    if size > max_bytes:
        raise UploadError(_("حجم تصویر بیش از %(max)s مگابایت است.") % {"max": megabytes(max_bytes)}, code="too_big")
    if size == 0:
        raise UploadError(_("پرونده خالی است."), code="empty")
    if looks_like_markup(head_of(upload)):
        raise UploadError(
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
            raise UploadError(
                _("این پرونده تصویر نیست (محتوای آن با هیچ قالب تصویری جور نیست)؛ فقط JPEG، PNG، WebP و GIF پذیرفته می‌شود."),
                code="not_image",
            ) from None
        if image.format not in _PIL_KINDS:
            raise UploadError(_("قالب این تصویر پذیرفته نمی‌شود؛ فقط JPEG، PNG، WebP و GIF."), code="format")
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
            raise UploadError(
                _("تصویر ناقص یا خراب است و باز نمی‌شود؛ پرونده را دوباره از دوربین یا رایانه بگیرید."),
                code="broken",
            ) from None
    upload.seek(0)
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


def _too_many_pixels(width: int | None = None, height: int | None = None) -> UploadError:
    message = _("ابعاد تصویر بیش از اندازه است (حداکثر %(max)s مگاپیکسل).") % {"max": format_number(MAX_PIXELS // 1_000_000)}
    if width and height:
        message += " " + _("این تصویر %(w)s×%(h)s پیکسل است.") % {"w": format_number(width), "h": format_number(height)}
    return UploadError(message, code="too_many_pixels")
