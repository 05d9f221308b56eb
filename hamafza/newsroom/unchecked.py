"""UNCHECKED writes to news items and the media library: they bypass hamafza.policy, write no audit entry and notify
nobody. They exist to build data in bulk, and only these may import this module:

- the demo loader (hamafza/demo and each app's demo modules),
- the benchmark loaders (bench/),
- the test factories (tests/factories.py).

Everything else — views, the API, the admin, commands, tasks and other apps' actions — changes
items through the checked actions in hamafza.newsroom.actions (do_create_draft, do_publish,
do_unpublish, …) and hamafza.newsroom.media (ingest_image, update_image, attach_file,
remove_attachment), which take the acting person. tests/newsroom/test_unchecked.py fails when any
other module under hamafza/ imports this one.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .actions import _insert_item, _new_revision
from .media import _store_attachment, _store_image
from .listing import sync_listing
from .models import NewsItem, Revision
from .signals import item_changed, item_published, item_unpublished
from .video import _store_checked_video

create_item = _insert_item  # a new draft of the lead agency: no revision (see first_revision), no audit entry
# A photo into an agency's library, checked by content and re-encoded like an upload: no person.
store_image = _store_image
# A document onto an item, checked by content like an upload: no person, no audit entry.
store_attachment = _store_attachment
# A video onto an item, checked like an upload, with its poster made at once: no person.
store_video = _store_checked_video


def first_revision(item: NewsItem, author=None) -> Revision:
    """The item's first revision («ایجاد», number 1, by `author`), as do_create_draft makes one:
    without it the editor would call the text a person opens «نسخهٔ ۰» and its history would be
    empty. Call it once the item's agencies, sectors and tags are set. No audit entry."""
    return _new_revision(author, item, Revision.Kind.CREATE)


@transaction.atomic
def publish_item(item: NewsItem, at: dt.datetime | None = None) -> NewsItem:
    """Publish now (or at a past time, for imports). Listing rows and placements follow."""
    item.status = NewsItem.Status.PUBLISHED
    item.published_at = at or item.published_at or timezone.now()
    item.save(update_fields=["status", "published_at", "updated_at"])
    sync_listing(item)
    item_published.send(sender=NewsItem, item=item)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item


@transaction.atomic
def unpublish_item(item: NewsItem, reason: str = "") -> NewsItem:
    """Take the item off the portal (the listing rows follow)."""
    item.status = NewsItem.Status.UNPUBLISHED
    item.save(update_fields=["status", "updated_at"])
    sync_listing(item)
    item_unpublished.send(sender=NewsItem, item=item, reason=reason)
    item_changed.send(sender=NewsItem, item_id=item.pk)
    return item
