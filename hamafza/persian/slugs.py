"""Persian slugs: readable Persian words joined by hyphens, safe in a URL path."""

import re
import unicodedata

from .digits import to_ascii_digits

ZWNJ = "\u200c"
_ARABIC_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا"})
_DROP = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # diacritics and kashida
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def slugify_fa(text: str, max_length: int = 80) -> str:
    """«اطلاع‌رسانی هفته حمل و نقل ۱۴۰۵» → «اطلاع-رسانی-هفته-حمل-و-نقل-1405»."""
    value = unicodedata.normalize("NFC", text or "")
    value = _DROP.sub("", value.translate(_ARABIC_FOLD))
    value = to_ascii_digits(value).replace(ZWNJ, "-").lower()
    value = _NOT_WORD.sub("-", value).strip("-_")
    value = re.sub(r"[-_]+", "-", value)
    if len(value) > max_length:
        value = value[:max_length].rsplit("-", 1)[0] or value[:max_length]
    return value
