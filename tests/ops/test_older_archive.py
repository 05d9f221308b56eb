"""An archive from an older version (a migration it predates) is restored at its own schema and
migrated forward: the later migration runs on the restored rows."""

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore

from .helpers import fresh_installation
from .test_refusals import _rewrite

# The newest migration is a data migration (existing councils keep the foreign platform they
# already publish to): an archive made before it is restored at its own state, then migrated.
LATER = ["distribution", "0005_channels_platforms_existing"]


def test_an_older_archive_is_migrated_forward(world, media_root, tmp_path):
    from hamafza.agencies.models import Council
    from hamafza.distribution import unchecked
    from hamafza.distribution.models import Channel

    council = world["council"]
    # Before the platforms policy: a Telegram channel on a council that lists no foreign platform.
    unchecked.store_channel(Channel(agency=world["A"], kind="telegram", chat_id="@hz_old", name="کانال قدیمی"),
                            token="123:GOOD", allow_platform=False)
    Council.objects.filter(pk=council.pk).update(platforms=["bale", "eitaa", "rubika"], platforms_note="")
    archive = make_backup(tmp_path / "backups").path
    _rewrite(archive, manifest_change=lambda m: m["migrations"].remove(LATER))  # made before it
    fresh_installation()

    restore(archive)
    restored = Council.objects.get(pk=council.pk)
    assert "telegram" in restored.platforms and "تلگرام" in restored.platforms_note  # it ran on the restored rows
    assert MigrationRecorder(connection).migration_qs.filter(app=LATER[0], name=LATER[1]).exists()
