"""The demo council plus uploaded media → backup → restore into a fresh installation: every
table's rows, every media file and the portal's pages are identical."""

import pytest

from hamafza.agencies.models import Council
from hamafza.newsroom.models import NewsItem
from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore
from tests import mediafiles
from tests.demo.conftest import load_demo

from .helpers import fresh_installation, media_files, page, table_digests

pytestmark = pytest.mark.django_db(transaction=True)


def _demo_with_uploads():
    load_demo()
    item = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("-published_at").first()
    mediafiles.use_as_main_image(item, mediafiles.library_image(item.lead_agency))
    mediafiles.attachment_of(item)
    return item


def test_backup_then_restore_gives_back_every_row_file_and_page(media_root, tmp_path):
    item = _demo_with_uploads()
    host = Council.objects.order_by("pk").first().hostname or "127.0.0.1"
    paths = ["/", f"/n/{item.pk}", "/search/?q=راه"]
    rows, files = table_digests(), media_files()
    pages = {path: page(host, path) for path in paths}
    assert files and all(status == 200 for status, _ in pages.values())

    archive = make_backup(tmp_path / "backups")
    assert archive.missing == [] and archive.media == len(files)
    fresh_installation()
    assert not NewsItem.objects.exists() and media_files() == {}

    restore(archive.path)
    assert table_digests() == rows
    assert media_files() == files
    assert {path: page(host, path) for path in paths} == pages
