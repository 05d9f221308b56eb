"""The scorecard's part of the Khuzestan demo (hamafza.demo.loader): the demo's published stories
that carry a photo gallery are photo reports (گزارش تصویری), as an office would file them, so that
the photo-report column has figures. Everything else on the demo's scorecard comes from the record
the other apps' demos write (news, co-publication, help, meetings, tasks). The demo's channels are
sandboxes, which send nothing: its «ارسال به مجراها» column stays at zero, truthfully."""

from __future__ import annotations

from hamafza.newsroom.models import GalleryImage, NewsItem


def load_demo(councils: dict, agencies: dict, users: dict) -> int:
    with_gallery = GalleryImage.objects.values("item_id")
    return NewsItem.objects.filter(
        pk__in=with_gallery, status=NewsItem.Status.PUBLISHED, kind=NewsItem.Kind.NEWS,
    ).update(kind=NewsItem.Kind.PHOTO_REPORT)
