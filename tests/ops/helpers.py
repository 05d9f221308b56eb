"""What the ops tests compare: every table's rows and checksum, every media file's bytes, pages."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from hamafza.agencies import registry
from hamafza.ops import tables


def table_digests(using: str = "default") -> dict[str, tuple[int, str]]:
    models = tables.state_models(tables.applied_migrations(using))
    return {m._meta.label_lower: (d.rows, d.sha256) for m in models for d in [tables.digest(m, using)]}


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


_VOLATILE = re.compile(r'(nonce|csrfmiddlewaretoken|value)="[^"]*"|csrftoken=[^;]*')


def page(host: str, path: str) -> tuple[int, str]:
    response = Client(HTTP_HOST=host).get(path, follow=True)
    return response.status_code, _VOLATILE.sub("", response.content.decode())


def small_installation(world) -> None:
    """A few published items, one with a photo and an attachment: quick to back up."""
    from tests import factories, mediafiles

    items = [factories.make_item(world["A"]) for _ in range(3)]
    mediafiles.use_as_main_image(items[0], mediafiles.library_image(world["A"]))
    mediafiles.attachment_of(items[0])


def fresh_installation() -> None:
    """An installation that has never held data: a migrated, empty database and no media."""
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    cache.clear()
    registry.invalidate()
