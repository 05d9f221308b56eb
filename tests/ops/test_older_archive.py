"""An archive from an older version (a migration it predates) is restored at its own schema and
migrated forward: the later migration runs on the restored rows."""

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hamafza.audit.models import AuditEvent
from hamafza.newsroom.models import NewsItem
from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore
from tests import factories

from .helpers import fresh_installation
from .test_refusals import _rewrite

LATER = ["newsroom", "0007_forget_never_public_notices"]


def test_an_older_archive_is_migrated_forward(world, media_root, tmp_path):
    item = factories.make_item(world["A"])
    # What newsroom 0007 repairs: an item taken back while only scheduled keeps a publication date.
    NewsItem.objects.filter(pk=item.pk).update(status="unpublished", unpublish_mode="notice")
    AuditEvent.objects.create(action="item.unpublished", object_type="newsroom.newsitem", object_id=item.pk,
                              before={"status": "scheduled"})
    archive = make_backup(tmp_path / "backups").path
    _rewrite(archive, manifest_change=lambda m: m["migrations"].remove(LATER))  # made before 0007
    fresh_installation()

    restore(archive)
    assert NewsItem.objects.get(pk=item.pk).published_at is None  # 0007 ran on the restored rows
    assert MigrationRecorder(connection).migration_qs.filter(app=LATER[0], name=LATER[1]).exists()
