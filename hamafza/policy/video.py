"""An item's video: who may put one on an item or take it off, and who may watch it.

- set or remove (upload a file, clear it): whoever may edit the item (policy.items.can_edit_item),
  while it is not published — a published item changes only through a correction, and its video
  stays what readers and channels were given;
- watch the file or its poster (media rule «videos/»): whoever may see the item — everyone once
  it is published, before that the people of policy.items.can_view_item (404 for everyone else).
"""

from __future__ import annotations

from hamafza.newsroom.models import NewsItem

from .items import can_edit_item, can_view_item

__all__ = ["can_set_video", "can_view_video_file"]


def can_set_video(user, item: NewsItem) -> bool:
    return item.status != NewsItem.Status.PUBLISHED and can_edit_item(user, item)


def can_view_video_file(user, name: str) -> bool:
    from django.db.models import Q

    from hamafza.newsroom.models import Video

    video = Video.objects.filter(Q(file=name) | Q(poster=name)).select_related("item").first()
    return video is not None and can_view_item(user, video.item)
