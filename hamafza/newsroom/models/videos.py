from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Video(models.Model):
    """An item's uploaded video (MP4 or WebM), checked by newsroom.video, with its poster frame.

    The file and its poster live under «videos/» (one media rule: whoever may see the item). The
    poster is made by ffmpeg in the background (`state` processing → ready, or failed: the video
    still plays, without a poster)."""

    class State(models.TextChoices):
        PROCESSING = "processing", _("در حال ساخت تصویر پوستر")
        READY = "ready", _("آماده")
        FAILED = "failed", _("پوستر ساخته نشد")

    item = models.OneToOneField("newsroom.NewsItem", on_delete=models.CASCADE, related_name="video")
    file = models.FileField(_("پرونده"), upload_to="videos/%Y/%m/")
    poster = models.FileField(_("پوستر"), upload_to="videos/%Y/%m/", blank=True)
    kind = models.CharField(_("قالب"), max_length=5)  # mp4 | webm
    size = models.PositiveBigIntegerField(default=0)
    duration = models.FloatField(_("مدت (ثانیه)"), default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROCESSING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ویدیو")
        verbose_name_plural = _("ویدیوها")

    def __str__(self) -> str:
        return self.file.name

    @property
    def content_type(self) -> str:
        return "video/webm" if self.kind == "webm" else "video/mp4"

    @property
    def minutes(self) -> str:
        """«m:ss» of the duration."""
        seconds = int(round(self.duration))
        return f"{seconds // 60}:{seconds % 60:02d}"
