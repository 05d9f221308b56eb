"""newsroom.media: uploads checked by content, re-encoded without EXIF, limits on bytes and pixels."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from hamafza.newsroom import media
from hamafza.newsroom.models import Image
from tests import factories


def jpeg_bytes(width=1200, height=800, exif=True) -> bytes:
    image = PILImage.new("RGB", (width, height), (30, 120, 160))
    out = io.BytesIO()
    if exif:
        info = PILImage.Exif()
        info[0x010F] = "CameraMaker"  # Make
        info[0x8825] = {2: (31.0, 18.0, 0.0)}  # GPS latitude
        image.save(out, "JPEG", exif=info.tobytes())
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def huge_png_header(width=20000, height=20000) -> bytes:
    """A small PNG file that declares 20000×20000 pixels (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * 3)
    idat = zlib.compress(row * 4, 9)  # a few rows: the file is tiny, the image would be 1.2 GB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_photo_is_reencoded_into_renditions_without_exif(world):
    image = factories.make_image(world["A"], upload(jpeg_bytes()), media.ImageMeta(caption="بازدید", credit="روابط عمومی"))
    assert (image.width, image.height) == (1200, 800)
    formats = {(r["format"], r["width"]) for r in image.renditions}
    assert formats == {("webp", 480), ("jpeg", 480), ("webp", 960), ("jpeg", 960), ("webp", 1200), ("jpeg", 1200)}
    for name in [image.file.name] + [r["name"] for r in image.renditions]:
        with default_storage.open(name) as f:
            stored = PILImage.open(f)
            assert not stored.getexif(), name
            assert b"CameraMaker" not in (f.seek(0) or f.read())
    assert image.rendition(900, "webp").endswith(".w960.webp")


def test_a_truncated_jpeg_is_refused(world):
    data = jpeg_bytes(exif=False)
    with pytest.raises(media.MediaError) as exc:
        factories.make_image(world["A"], upload(data[: len(data) // 2]))
    assert "ناقص" in exc.value.messages[0]
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_before_decoding(world):
    with pytest.raises(media.MediaError) as exc:
        media.check_image(upload(huge_png_header(), "big.png", "image/png"))
    assert "مگاپیکسل" in exc.value.messages[0]


def test_an_svg_with_a_script_is_refused(world):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(media.MediaError) as exc:
        media.check_image(upload(svg, "logo.svg", "image/svg+xml"))
    assert "SVG" in exc.value.messages[0]


def test_an_exe_renamed_jpg_is_refused(world):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 400
    with pytest.raises(media.MediaError) as exc:
        media.check_image(upload(exe, "photo.jpg"))
    assert "تصویر نیست" in exc.value.messages[0]


def test_an_image_over_the_byte_limit_is_refused(world, settings):
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\x00" * (media.MAX_IMAGE_BYTES + 1))
    with pytest.raises(media.MediaError) as exc:
        media.check_image(big)
    assert "مگابایت" in exc.value.messages[0]


def office_file(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (office_file("word/document.xml"), "docx"),
    (office_file("xl/workbook.xml"), "xlsx"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "mp4"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "mp3"),
])
def test_attachments_are_recognised_by_their_bytes(data, kind):
    assert media.attachment_kind(upload(data, "whatever.bin")) == kind


@pytest.mark.parametrize("data", [
    b"MZ\x90\x00" + b"\x00" * 100,  # a Windows program
    b"<html><script>alert(1)</script></html>",
    office_file("ppt/presentation.xml"),  # a zip, but not an allowed Office file
])
def test_other_attachments_are_refused(data):
    with pytest.raises(media.MediaError) as exc:
        media.attachment_kind(upload(data, "report.pdf"))
    assert "PDF" in exc.value.messages[0]


def test_an_attachment_is_stored_under_the_extension_of_its_content(world):
    item = factories.make_item(world["A"], published=False)
    attachment = factories.make_attachment(item, upload(b"%PDF-1.4 x", "گزارش.exe"), "")
    assert attachment.file.name.endswith(".pdf")
    assert attachment.kind == "pdf"
    assert attachment.title == "گزارش"


def test_a_truncated_jpeg_is_refused_after_weasyprint_was_imported(world, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does
    data = jpeg_bytes(exif=False)
    with pytest.raises(media.MediaError) as exc:
        factories.make_image(world["A"], upload(data[: len(data) // 2]))
    assert "ناقص" in exc.value.messages[0]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the flag is restored for WeasyPrint
