from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditLock(models.Model):
    """Who is editing an item now. It lapses when its holder sends no heartbeat for
    newsroom.workflow.LOCK_TTL; a head of the lead agency may take it over."""

    item = models.OneToOneField("newsroom.NewsItem", on_delete=models.CASCADE, related_name="edit_lock")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acquired_at = models.DateTimeField(_("زمان گرفتن"))
    heartbeat_at = models.DateTimeField(_("آخرین نشانهٔ حضور"))

    class Meta:
        verbose_name = _("قفل ویرایش")
        verbose_name_plural = _("قفل‌های ویرایش")
