"""An archive from an older version (a migration it predates) is restored at its own schema and
migrated forward: the later migration runs on the restored rows."""

import gzip
import hashlib
import io
import json
import tarfile

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hamafza.ops.archive import MANIFEST, table_member, write_checksum
from hamafza.ops.backup import make_backup
from hamafza.ops.restore import restore

from .helpers import fresh_installation

# A data migration (existing councils keep the foreign platform they already publish to): an
# archive made before it — and so before every migration that depends on it, 0006's new column of
# channels included — is restored at its own state, then migrated.
LATER = ["distribution", "0005_channels_platforms_existing"]


def _before_later(path) -> None:
    """Rewrite the archive as an installation made before LATER wrote it: without LATER and the
    migrations that depend on it, without the tables those created and without the columns they
    added (an older version had no such rows or values)."""
    from django.db.migrations.loader import MigrationLoader

    from hamafza.ops import tables

    with tarfile.open(path) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    data = {m.name: d for m, d in members}
    manifest = json.loads(data[MANIFEST])
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    after = {tuple(node) for node in graph.backwards_plan(tuple(LATER))}  # LATER and what depends on it
    manifest["migrations"] = [m for m in manifest["migrations"] if tuple(m) not in after]
    older = {m._meta.label_lower: tables.columns(m) for m in tables.state_models({tuple(m) for m in manifest["migrations"]})}
    for label in list(manifest["tables"]):
        if label not in older:
            del manifest["tables"][label]
            manifest["order"].remove(label)
            data.pop(table_member(label))
            continue
        columns = manifest["tables"][label]["columns"]
        if columns == older[label]:
            continue
        keep = [columns.index(c) for c in older[label]]
        lines = [json.dumps([row[i] for i in keep], ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
                 + b"\n" for row in map(json.loads, gzip.decompress(data[table_member(label)]).splitlines())]
        data[table_member(label)] = gzip.compress(b"".join(lines))
        manifest["tables"][label] = {"columns": older[label], "rows": len(lines),
                                     "sha256": hashlib.sha256(b"".join(lines)).hexdigest()}
    data[MANIFEST] = json.dumps(manifest).encode()
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for member, _old in members:
            if member.name in data:
                member.size = len(data[member.name])
                tar.addfile(member, io.BytesIO(data[member.name]))
    write_checksum(path)


def test_an_older_archive_is_migrated_forward(world, media_root, tmp_path):
    from hamafza.agencies.models import Council
    from hamafza.distribution import unchecked
    from hamafza.distribution.models import Channel

    council = world["council"]
    # Before the platforms policy: a Telegram channel on a council that lists no foreign platform.
    unchecked.store_channel(Channel(agency=world["A"], kind="telegram", chat_id="@hz_old", name="کانال قدیمی"),
                            token="123:GOOD", allow_platform=False)
    Council.objects.filter(pk=council.pk).update(platforms=["bale", "eitaa", "rubika"], platforms_note="")
    from tests import factories

    lone = factories.make_agency("اداره کل بی‌شورا", short_name="بی‌شورا")  # on no council: 0006 keeps its channel
    unchecked.store_channel(Channel(agency=lone, kind="telegram", chat_id="@hz_lone", name="کانال بی‌شورا"),
                            token="123:GOOD", allow_platform=False)
    archive = make_backup(tmp_path / "backups").path
    _before_later(archive)  # made before it
    fresh_installation()

    restore(archive)
    restored = Council.objects.get(pk=council.pk)
    assert "telegram" in restored.platforms and "تلگرام" in restored.platforms_note  # it ran on the restored rows
    assert MigrationRecorder(connection).migration_qs.filter(app=LATER[0], name=LATER[1]).exists()
    kept = dict(Channel.objects.values_list("chat_id", "kept_without_council"))
    assert kept == {"@hz_old": False, "@hz_lone": True}  # 0006 ran on the restored rows too
