"""An archive from an older version (a migration it predates) is restored at its own schema and
migrated forward: the later migration runs on the restored rows."""

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore

from .helpers import fresh_installation
from .test_refusals import _rewrite

# A data migration (existing councils keep the foreign platform they already publish to): an
# archive made before it — and so before every migration that depends on it — is restored at its
# own state, then migrated.
LATER = ["distribution", "0005_channels_platforms_existing"]


def _before_later(manifest: dict) -> None:
    """The manifest as an installation made before LATER wrote it: without LATER and the
    migrations that depend on it, and without the tables those created (an older version had no
    such rows)."""
    from django.db.migrations.loader import MigrationLoader

    from hamafza.ops import tables

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    after = {tuple(node) for node in graph.backwards_plan(tuple(LATER))}  # LATER and what depends on it
    manifest["migrations"] = [m for m in manifest["migrations"] if tuple(m) not in after]
    known = {m._meta.label_lower for m in tables.state_models({tuple(m) for m in manifest["migrations"]})}
    for label in [label for label in manifest["tables"] if label not in known]:
        del manifest["tables"][label]
        manifest["order"].remove(label)


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
    _rewrite(archive, manifest_change=_before_later)  # made before it
    fresh_installation()

    restore(archive)
    restored = Council.objects.get(pk=council.pk)
    assert "telegram" in restored.platforms and "تلگرام" in restored.platforms_note  # it ran on the restored rows
    assert MigrationRecorder(connection).migration_qs.filter(app=LATER[0], name=LATER[1]).exists()
