"""A sandbox message as the workspace draws it: a bubble in its platform's look."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils.safestring import SafeString, mark_safe

from hamafza.distribution import sandbox
from hamafza.distribution.models import SandboxMessage


@dataclass
class Bubble:
    m: SandboxMessage
    html: SafeString
    photos: list[str] = field(default_factory=list)  # URLs
    length: int = 0
    edits: int = 0


def _url(name: str) -> str:
    try:
        return default_storage.url(name)
    except Exception:  # a storage that cannot give a URL for this name: no picture
        return ""


def bubble(m: SandboxMessage) -> Bubble:
    # visible_html escapes the text and adds only the entity tags it knows.
    return Bubble(m=m, html=mark_safe(sandbox.visible_html(m)), photos=[u for u in map(_url, m.photos or []) if u],
                  length=sandbox.utf16(m.plain or ""), edits=len(m.edits or []))
