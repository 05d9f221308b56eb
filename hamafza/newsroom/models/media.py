from django.db import models
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    """A photo in an agency's media library, with its caption and credit."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="images")
    file = models.ImageField(_("پرونده"), upload_to="images/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("زیرنویس"), max_length=300, blank=True)
    credit = models.CharField(_("عکاس / منبع"), max_length=150, blank=True)
    alt = models.CharField(_("متن جایگزین"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("تصویر")
        verbose_name_plural = _("تصاویر")

    def __str__(self) -> str:
        return self.caption or self.file.name


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
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "id"]
        verbose_name = _("پیوست")
        verbose_name_plural = _("پیوست‌ها")

    def __str__(self) -> str:
        return self.title
