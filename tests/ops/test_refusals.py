"""Restore refuses a damaged archive, one from a newer Hamafza, and a database holding data
(without --replace): each with its Persian message, and nothing changes."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from hamafza.ops.archive import MANIFEST, write_checksum
from hamafza.ops.backup import make_backup

from .helpers import media_files, small_installation, table_digests


@pytest.fixture
def archive(world, media_root, tmp_path):
    small_installation(world)
    return make_backup(tmp_path / "backups").path


def _refused(*args) -> str:
    rows, files = table_digests(), media_files()
    with pytest.raises(CommandError) as refusal:
        call_command("restore", *args, "--no-progress")
    assert table_digests() == rows and media_files() == files  # nothing changed
    message = str(refusal.value)
    assert message.startswith("بازگردانی انجام نشد و چیزی تغییر نکرد")
    return message


def _rewrite(path, manifest_change=None, member_change=None) -> None:
    """Rewrite the archive with a changed manifest or member, and a matching .sha256 beside it."""
    with tarfile.open(path) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for member, data in members:
            if member.name == MANIFEST and manifest_change:
                manifest = json.loads(data)
                manifest_change(manifest)
                data = json.dumps(manifest).encode()
            elif member_change and member.name.startswith(member_change[0]):
                data = member_change[1](data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    write_checksum(path)


def test_a_damaged_archive_is_refused_even_with_replace(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    assert "آسیب دیده" in _refused(str(archive), "--replace")


def test_a_file_that_does_not_match_the_manifest_is_refused(archive):
    _rewrite(archive, member_change=("media/images/", lambda data: data[:-1] + b"x"))
    assert "آسیب دیده" in _refused(str(archive), "--replace")


def test_a_truncated_archive_is_refused(archive):
    archive.write_bytes(archive.read_bytes()[:5000])
    archive.with_name(archive.name + ".sha256").unlink()
    assert "آسیب دیده" in _refused(str(archive), "--replace")


def test_an_archive_from_a_newer_version_is_refused(archive):
    _rewrite(archive, manifest_change=lambda m: m["migrations"].append(["newsroom", "9999_from_the_future"]))
    message = _refused(str(archive), "--replace")
    assert "نسخهٔ تازه‌تری" in message and "newsroom.9999_from_the_future" in message


def test_restoring_over_data_needs_replace(archive):
    assert "پایگاه داده خالی نیست" in _refused(str(archive))


def test_with_replace_the_archive_replaces_the_data(archive, world):
    from tests import factories

    rows = table_digests()
    factories.make_item(world["B"])  # written after the backup
    call_command("restore", str(archive), "--replace", "--no-progress")
    assert table_digests() == rows


def test_a_different_secret_key_is_warned_about(archive, settings):
    settings.SECRET_KEY = "another installation's key"
    err = io.StringIO()
    call_command("restore", str(archive), "--replace", "--no-progress", stderr=err)
    assert "توکن‌های کانال‌ها" in err.getvalue()
