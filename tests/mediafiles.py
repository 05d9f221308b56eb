"""Builders of real uploaded files for the media tests: made through the product's own upload
paths (the library's store and the editor's attach through tests/factories, the council forms
over HTTP) so that names,
renditions and rows are the ones people produce."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from hamafza.council.models import Campaign, ContentKitFile, ProgressUpdate, Task
from hamafza.newsroom import media
from hamafza.newsroom.models import Image, NewsItem
from tests import factories
from tests.personas import sign_in_verified

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def library_image(agency, *, shared: bool = False) -> Image:
    return factories.make_image(agency, upload(png_bytes(), "photo.png", "image/png"),
                                media.ImageMeta(caption="عکس آزمایشی", shared=shared))


def rendition_of(image: Image) -> str:
    return image.rendition(480, "webp")


def use_as_main_image(item: NewsItem, image: Image) -> None:
    NewsItem.objects.filter(pk=item.pk).update(main_image=image)


def attachment_of(item: NewsItem):
    return factories.make_attachment(item, upload(PDF, "گزارش.pdf", "application/pdf"), "گزارش")


def video_of(item: NewsItem):
    """A video row with a file and a poster on the item (bytes that only look like them: the media
    route serves by the row, it does not read the file)."""
    from hamafza.newsroom.models import Video

    existing = Video.objects.filter(item=item).first()
    if existing is not None:
        return existing
    video = Video(item=item, kind="mp4", size=12, duration=2, state=Video.State.READY)
    video.file.save("probe.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=False)
    video.poster.save("probe.poster.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=False)
    video.save()
    return video


def campaign_of(council, title: str = "پویش آزمایشی") -> Campaign:
    today = timezone.localdate()
    return Campaign.objects.create(council=council, title=title, slug=f"campaign-{council.pk}-{Campaign.objects.count()}",
                                   start_date=today, end_date=today + dt.timedelta(days=7))


def post_kit_file(client, user, campaign: Campaign, data: bytes = PDF, name: str = "banner.pdf", title: str = "بنر پویش"):
    sign_in_verified(client, user)
    return client.post(f"/workspace/council/campaigns/{campaign.pk}/",
                       {"action": "kit", "title": title, "file": upload(data, name)})


def _accepted(client, response) -> None:
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()


def kit_file(client, user, campaign: Campaign) -> ContentKitFile:
    _accepted(client, post_kit_file(client, user, campaign))
    return ContentKitFile.objects.filter(campaign=campaign).latest("id")


def task_of(council, agency, title: str = "گزارش تصویری هفته حمل و نقل") -> Task:
    return Task.objects.create(council=council, agency=agency, title=title, deadline=timezone.localdate() + dt.timedelta(days=10))


def post_evidence(client, user, task: Task, data: bytes = PDF, name: str = "گزارش.pdf", note: str = "گزارش منتشر شد."):
    sign_in_verified(client, user)
    return client.post(f"/workspace/council/tasks/{task.pk}/",
                       {"action": "progress", "note": note, "evidence_file": upload(data, name)})


def evidence_of(client, user, task: Task) -> ProgressUpdate:
    _accepted(client, post_evidence(client, user, task))
    return ProgressUpdate.objects.filter(task=task).exclude(evidence_file="").latest("id")


def council_report(council) -> str:
    from hamafza.reporting.models import ReportJob

    job = ReportJob.objects.create(council=council, start_year=1405, start_month=1, end_year=1405, end_month=6,
                                   title="گزارش تلفیقی", status=ReportJob.Status.DONE)
    job.file.save(f"report-{job.pk}.pdf", ContentFile(PDF), save=True)
    return job.file.name


def agency_logo(agency) -> str:
    agency.logo.save("logo.png", ContentFile(png_bytes((32, 32))), save=True)
    return agency.logo.name
