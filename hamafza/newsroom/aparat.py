"""An item's Aparat video: the hash of its page address, and Aparat's embed and page URLs."""

from __future__ import annotations

import re

# https://www.aparat.com/v/<hash> (also aparat.com/v/…, with a trailing slash or a query).
_APARAT_PAGE = re.compile(r"^(?:https?://)?(?:www\.)?aparat\.com/v/([A-Za-z0-9]{3,32})/?(?:[?#].*)?$")
_APARAT_HASH = re.compile(r"^[A-Za-z0-9]{3,32}$")
APARAT_EMBED = "https://www.aparat.com/video/video/embed/videohash/{hash}/vt/frame"
APARAT_PAGE = "https://www.aparat.com/v/{hash}"
APARAT_ORIGIN = "https://www.aparat.com"


def aparat_hash(text: str) -> str | None:
    """The video hash of an Aparat page address («https://www.aparat.com/v/abc12») or of a bare
    hash, "" for an empty value, None for anything else."""
    text = (text or "").strip()
    if not text:
        return ""
    match = _APARAT_PAGE.match(text)
    if match:
        return match.group(1)
    return text if _APARAT_HASH.match(text) else None  # a bare hash (a restored revision's)


def aparat_embed(hash_: str) -> str:
    return APARAT_EMBED.format(hash=hash_) if _APARAT_HASH.match(hash_ or "") else ""


def aparat_page(hash_: str) -> str:
    return APARAT_PAGE.format(hash=hash_) if _APARAT_HASH.match(hash_ or "") else ""
