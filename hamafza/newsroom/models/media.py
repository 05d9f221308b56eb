from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.utils.translation import gettext_lazy as _


@lru_cache(maxsize=50_000)
def media_url(name: str) -> str:
    """The address of a stored file, remembered: the storages' url() is a pure function of the
    name (the media view's path, hamafza/core/storage.py), and a listing page prints a few
    hundred of them (every rendition of every card)."""
    from django.core.files.storage import default_storage

    return default_storage.url(name)


def _storage_changed(setting, **kwargs) -> None:
    if setting in ("MEDIA_URL", "STORAGES"):
        media_url.cache_clear()


setting_changed.connect(_storage_changed, dispatch_uid="newsroom-media-url")


class Image(models.Model):
    """A photo in an agency's media library, with its caption and credit.

    `file` is the re-encoded master (JPEG, EXIF stripped); `renditions` lists the responsive
    copies made by newsroom.media (WebP and JPEG at several widths). An agency may share a photo
    with its councils (`shared`): the other member agencies then reuse it, with its credit."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="images")
    file = models.ImageField(_("پرونده"), upload_to="images/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("زیرنویس"), max_length=300, blank=True)
    credit = models.CharField(_("عکاس / منبع"), max_length=150, blank=True)
    alt = models.CharField(_("متن جایگزین"), max_length=200, blank=True)
    taken_on = models.DateField(_("تاریخ عکس"), null=True, blank=True)
    place = models.CharField(_("مکان"), max_length=150, blank=True)
    keywords = models.CharField(_("برچسب‌ها"), max_length=300, blank=True, help_text=_("با ویرگول جدا کنید"))
    shared = models.BooleanField(_("اشتراک با شورا"), default=False)
    renditions = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "created_at"], name="image_agency_created"),
            models.Index(fields=["shared", "created_at"], name="image_shared_created"),
        ]
        verbose_name = _("تصویر")
        verbose_name_plural = _("تصاویر")

    def __str__(self) -> str:
        return self.caption or self.file.name

    @property
    def url(self) -> str:
        """The master's address (= file.url, remembered per name)."""
        return media_url(self.file.name)

    def rendition(self, width: int, fmt: str = "jpeg") -> str | None:
        """The stored name of the narrowest rendition at least `width` wide (or the widest)."""
        same = sorted((r for r in self.renditions if r.get("format") == fmt), key=lambda r: r["width"])
        for r in same:
            if r["width"] >= width:
                return r["name"]
        return same[-1]["name"] if same else None

    @property
    def thumb_url(self) -> str:
        """A small WebP rendition for grids (the master for photos made before renditions)."""
        from django.core.files.storage import default_storage

        name = self.rendition(480, "webp")
        return default_storage.url(name) if name else self.file.url

    def srcset(self, fmt: str = "jpeg") -> str:
        """The `srcset` attribute of the renditions in one format ("" for photos made before them)."""
        return ", ".join(f"{media_url(r['name'])} {r['width']}w" for r in self.renditions or () if r.get("format") == fmt)


class GalleryImage(models.Model):
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "id"]


class Attachment(models.Model):
    item = models.ForeignKey("newsroom.NewsItem", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("پرونده"), upload_to="attachments/%Y/%m/")
    title = models.CharField(_("عنوان"), max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    kind = models.CharField(_("نوع"), max_length=8, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "id"]
        verbose_name = _("پیوست")
        verbose_name_plural = _("پیوست‌ها")

    def __str__(self) -> str:
        return self.title
