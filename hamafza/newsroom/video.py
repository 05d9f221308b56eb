"""An item's video: an uploaded MP4/WebM file with its poster frame, or an Aparat link.

Uploads are checked by the one validator (core/uploads.check_video: the container by its bytes
and by ffprobe, the size and the duration) within the limits of the councils the item's lead
agency sits on (the strictest of them; Council.video_max_mb and video_max_minutes). The poster
is a frame made by ffmpeg in a background task after the upload commits (`make_poster`); until
then the video plays without one.

A refused upload stores nothing and changes nothing: the item keeps its text and its previous
video. Aparat links are item fields, saved with the editor's other fields (newsroom.actions).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _
from django_tasks import task

from hamafza import audit, policy
from hamafza.core import ffmpeg, uploads
from hamafza.core.uploads import MB

from .aparat import APARAT_ORIGIN, aparat_embed, aparat_hash, aparat_page  # noqa: F401 (the item's Aparat link)
from .models import NewsItem, Video

DEFAULT_MAX_MB = 200
DEFAULT_MAX_MINUTES = 10


# --- Limits --------------------------------------------------------------------------------------

def limits_for(item: NewsItem) -> tuple[int, int]:
    """(bytes, seconds) an upload on this item may have: the strictest of the councils its lead
    agency sits on, else the defaults."""
    from hamafza.agencies.models import Council

    found = Council.objects.filter(memberships__agency_id=item.lead_agency_id).aggregate(
        mb=Min("video_max_mb"), minutes=Min("video_max_minutes"),
    )
    mb = found["mb"] or DEFAULT_MAX_MB
    minutes = found["minutes"] or DEFAULT_MAX_MINUTES
    return max(1, mb) * MB, max(1, minutes) * 60


def request_limit(item: NewsItem) -> int:
    """The most an upload request for this item may carry (the file plus the form around it)."""
    return limits_for(item)[0] + MB


# --- Actions -------------------------------------------------------------------------------------

def _may_set(user, item: NewsItem) -> None:
    if item.status == NewsItem.Status.PUBLISHED and policy.can_edit_item(user, item):
        raise uploads.UploadError(_("ویدیوی خبر منتشرشده عوض نمی‌شود؛ برای تغییر، نخست انتشار خبر را لغو کنید."))
    if not policy.can_set_video(user, item):
        raise PermissionDenied(_("شما اجازهٔ ویرایش این خبر را ندارید."))


def attach_video(user, item: NewsItem, upload) -> Video:
    """Put a checked video on the item (policy.can_set_video), replacing the one it had; records
    "item.video_added" and makes the poster after commit. UploadError (Persian) when refused:
    then nothing is stored and the item is unchanged."""
    _may_set(user, item)
    max_bytes, max_seconds = limits_for(item)
    facts = uploads.check_video(upload, max_bytes=max_bytes, max_seconds=max_seconds)
    return _store_video(item, upload, facts, user=user)


def _store_checked_video(item: NewsItem, upload) -> Video:
    """The unchecked store behind attach_video (newsroom.unchecked.store_video for loaders and
    tests): the file is checked like an upload, no person, no policy; the poster is made at once."""
    max_bytes, max_seconds = limits_for(item)
    facts = uploads.check_video(upload, max_bytes=max_bytes, max_seconds=max_seconds)
    with transaction.atomic():
        video = Video(item=item, kind=facts.kind, size=facts.size, duration=facts.duration,
                      width=facts.width, height=facts.height)
        upload.seek(0)
        video.file.save(uploads.generated_name(facts.kind), File(upload), save=False)
        video.save()
    make_poster(video.pk)
    video.refresh_from_db()
    return video


def _store_video(item: NewsItem, upload, facts: uploads.VideoFacts, *, user=None) -> Video:
    written: list[str] = []
    try:
        with transaction.atomic():
            old = Video.objects.select_for_update().filter(item=item).first()
            stale = [n for n in ((old.file.name, old.poster.name) if old else ()) if n]
            if old is not None:
                old.delete()
            video = Video(item=item, kind=facts.kind, size=facts.size, duration=facts.duration,
                          width=facts.width, height=facts.height, uploaded_by=user if getattr(user, "pk", None) else None)
            upload.seek(0)
            video.file.save(uploads.generated_name(facts.kind), File(upload), save=False)
            written.append(video.file.name)
            video.save()
            audit.record(user, "item.video_added", item, agency_id=item.lead_agency_id,
                         after={"video": video.file.name, "kind": facts.kind, "seconds": round(facts.duration),
                                "megabytes": round(facts.size / MB, 1)})
            transaction.on_commit(lambda: [default_storage.delete(n) for n in stale])
            transaction.on_commit(lambda: _enqueue_poster(video.pk))
    except Exception:
        for name in written:
            default_storage.delete(name)
        raise
    return video


@transaction.atomic
def remove_video(user, item: NewsItem) -> None:
    """Take the uploaded video off the item (policy.can_set_video); files go after commit;
    records "item.video_removed"."""
    _may_set(user, item)
    video = Video.objects.select_for_update().filter(item=item).first()
    if video is None:
        return
    names = [n for n in (video.file.name, video.poster.name) if n]
    video.delete()
    audit.record(user, "item.video_removed", item, agency_id=item.lead_agency_id, before={"video": names[0]})
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


# --- The poster ----------------------------------------------------------------------------------

def _enqueue_poster(video_id: int) -> None:
    make_video_poster.enqueue(video_id)


def make_poster(video_id: int) -> str:
    """Make and store the poster of a video (the background task); its state afterwards."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None or video.state == Video.State.READY:
        return video.state if video else ""
    try:
        with ffmpeg.stored_path(default_storage, video.file.name) as path:
            frame = ffmpeg.poster_frame(path, video.duration)
    except (ffmpeg.ProbeError, OSError):
        Video.objects.filter(pk=video.pk).update(state=Video.State.FAILED)
        return Video.State.FAILED
    base = video.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    video.poster.save(f"{base}.poster.jpg", ContentFile(frame), save=False)
    updated = Video.objects.filter(pk=video.pk, file=video.file.name).update(poster=video.poster.name, state=Video.State.READY)
    if not updated:  # replaced or removed meanwhile
        default_storage.delete(video.poster.name)
        return ""
    return Video.State.READY


@task()
def make_video_poster(video_id: int) -> str:
    """The background task (django-tasks) that makes a video's poster."""
    return make_poster(video_id)


def video_of(item: NewsItem) -> Video | None:
    try:
        return item.video
    except Video.DoesNotExist:
        return None
