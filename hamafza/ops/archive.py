"""The archive: one tar holding the manifest, one gzipped JSON-lines file per table and the media.

    manifest.json              format, Hamafza version, created at, source engine, migrations,
                               per table: columns, rows, sha256; per media file: size, sha256
    db/<app>.<model>.jsonl.gz  the table's canonical lines (hamafza.ops.tables)
    media/<stored name>        the file as stored

Beside it, `<archive>.sha256` (sha256sum's format) checks the whole tar.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class ArchiveError(Exception):
    """The archive is damaged or cannot be read (the message is for people)."""


def table_member(label: str) -> str:
    return f"db/{label}.jsonl.gz"


def media_member(name: str) -> str:
    return f"media/{name}"


def file_sha256(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            sha.update(block)
    return sha.hexdigest()


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write_checksum(path: Path) -> str:
    digest = file_sha256(path)
    checksum_path(path).write_text(f"{digest}  {path.name}\n")
    return digest


class Writer:
    """Adds members to a new tar; the manifest goes last, when every checksum is known."""

    def __init__(self, path: Path):
        self.path = path
        self.tar = tarfile.open(path, "w", format=tarfile.PAX_FORMAT)

    def add_bytes(self, member: str, data: bytes) -> None:
        self.add_file(member, io.BytesIO(data), len(data))

    def add_file(self, member: str, fileobj, size: int) -> None:
        info = tarfile.TarInfo(member)
        info.size = size
        info.mode = 0o600
        self.tar.addfile(info, fileobj)

    def add_table(self, label: str, lines: Iterator[bytes]) -> tuple[int, str]:
        """Gzip the lines into the table's member; returns (rows, sha256 of the lines)."""
        sha, rows = hashlib.sha256(), 0
        with tempfile.SpooledTemporaryFile(max_size=32 * CHUNK) as buffer:
            with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=3, mtime=0) as gz:
                for line in lines:
                    sha.update(line)
                    gz.write(line)
                    rows += 1
            size = buffer.tell()
            buffer.seek(0)
            self.add_file(table_member(label), buffer, size)
        return rows, sha.hexdigest()

    def close(self, manifest: dict) -> None:
        self.add_bytes(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode())
        self.tar.close()


class Reader:
    """Reads and checks an archive: `verify()` before anything is changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.tar = tarfile.open(self.path, "r:")
            self.manifest = json.loads(self.tar.extractfile(MANIFEST).read())
        except FileNotFoundError:
            raise ArchiveError(_("پروندهٔ پشتیبان «%(path)s» پیدا نشد.") % {"path": path}) from None
        except (tarfile.TarError, KeyError, AttributeError, ValueError, OSError, EOFError):
            raise ArchiveError(_("پروندهٔ پشتیبان آسیب دیده است و خوانده نمی‌شود.")) from None

    def close(self) -> None:
        self.tar.close()

    def _open(self, member: str):
        try:
            return self.tar.extractfile(member)
        except KeyError:
            raise ArchiveError(_("پروندهٔ پشتیبان ناقص است: «%(member)s» در آن نیست.") % {"member": member}) from None

    def table_lines(self, label: str) -> Iterator[bytes]:
        with gzip.GzipFile(fileobj=self._open(table_member(label))) as gz:
            yield from gz

    def media_bytes(self, name: str) -> bytes:
        return self._open(media_member(name)).read()

    def verify(self) -> None:
        """The whole-file checksum (when its file is beside), then every member against the manifest."""
        beside = checksum_path(self.path)
        if beside.exists():
            expected = beside.read_text().split()[0] if beside.read_text().split() else ""
            if file_sha256(self.path) != expected:
                raise ArchiveError(_("پروندهٔ پشتیبان آسیب دیده است: چکیدهٔ SHA-256 آن با پروندهٔ ‎.sha256‎ کنارش نمی‌خواند."))
        damaged = _("پروندهٔ پشتیبان آسیب دیده است: «%(member)s» با فهرست درون آن نمی‌خواند.")
        try:
            for label, table in self.manifest["tables"].items():
                sha, rows = hashlib.sha256(), 0
                for line in self.table_lines(label):
                    sha.update(line)
                    rows += 1
                if (rows, sha.hexdigest()) != (table["rows"], table["sha256"]):
                    raise ArchiveError(damaged % {"member": table_member(label)})
            for name, meta in self.manifest["media"].items():
                data = self.media_bytes(name)
                if (len(data), hashlib.sha256(data).hexdigest()) != (meta["size"], meta["sha256"]):
                    raise ArchiveError(damaged % {"member": media_member(name)})
        except (OSError, EOFError, tarfile.TarError, gzip.BadGzipFile, KeyError):
            raise ArchiveError(_("پروندهٔ پشتیبان آسیب دیده است و خوانده نمی‌شود.")) from None
