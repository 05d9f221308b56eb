"""A backup taken while another thread keeps publishing items with photos is consistent:
restored, no item lacks its photo's files and no file lacks its row."""

import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

from hamafza.newsroom.models import Attachment, Image, NewsItem
from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore
from tests import factories, mediafiles

from .helpers import fresh_installation


def _publish_until(stop: threading.Event, agency, done: list) -> None:
    try:
        while not stop.is_set() or len(done) < 3:
            item = factories.make_item(agency)
            mediafiles.use_as_main_image(item, mediafiles.library_image(agency))
            done.append(item.pk)
    finally:
        connection.close()


def test_a_backup_during_publishing_is_consistent(world, media_root, tmp_path):
    stop, done = threading.Event(), []
    writer = threading.Thread(target=_publish_until, args=(stop, world["A"], done))
    writer.start()
    try:
        while len(done) < 2:
            writer.join(0.05)
        archive = make_backup(tmp_path / "backups")
    finally:
        stop.set()
        writer.join()
    assert archive.missing == []
    fresh_installation()
    restore(archive.path)

    items = NewsItem.objects.filter(main_image__isnull=False)
    assert 2 <= items.count() <= len(done)  # what the snapshot saw, at most what was published
    referenced = set()
    for image in Image.objects.all():
        referenced |= {image.file.name, *(r["name"] for r in image.renditions)}
    referenced |= {a.file.name for a in Attachment.objects.all()}
    on_disk = {str(p.relative_to(settings.MEDIA_ROOT)) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    assert referenced == on_disk  # every row's files are there, and no file is without its row
    assert all(item.main_image.file.name in on_disk for item in items)
