from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A transport mode or field of work (شقوق حمل و نقل): road, rail, maritime, air, …"""

    code = models.SlugField(_("کد"), max_length=32, unique=True)  # road, rail, maritime, air, urban, meteorology
    name = models.CharField(_("نام"), max_length=100)
    slug = models.SlugField(_("نامک"), max_length=100, unique=True, allow_unicode=True)
    color = models.CharField(_("رنگ"), max_length=7, default="#0f766e")
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("بخش")
        verbose_name_plural = _("بخش‌ها")

    def __str__(self) -> str:
        return self.name
