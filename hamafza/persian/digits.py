"""Digits: Persian for display, ASCII for machines; input accepts Persian, Arabic-Indic and Latin."""

FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_FA = str.maketrans("0123456789", FA_DIGITS)
_TO_ASCII = str.maketrans(FA_DIGITS + AR_DIGITS, "0123456789" * 2)


def to_persian_digits(value: object) -> str:
    """Render a value with Persian digits (۰–۹)."""
    return str(value).translate(_TO_FA)


def to_ascii_digits(value: str) -> str:
    """Fold Persian and Arabic-Indic digits to ASCII, for parsing input."""
    return value.translate(_TO_ASCII)


# The largest id a database column holds (PostgreSQL's bigint, SQLite's INTEGER).
MAX_ID = 2**63 - 1


def read_int(raw: object, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number typed with any digits, or None when it is not one or lies outside
    [low, high]. Ids, pages and years from forms and queries go through this: a number no column
    can hold (2^63, 2^70) is then simply not found, instead of failing in the database driver."""
    text = to_ascii_digits(str(raw if raw is not None else "")).strip()
    if not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if low <= value <= high else None


def read_ids(values) -> list[int]:
    """The valid ids among `values` (a form's multiple choice), in order."""
    return [v for v in (read_int(raw) for raw in values) if v is not None]


def format_number(value: int, grouping: bool = True) -> str:
    """An integer with Persian digits and the Persian thousands separator «٬»."""
    text = f"{value:,}" if grouping else str(value)
    return to_persian_digits(text.replace(",", "٬"))
