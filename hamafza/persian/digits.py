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


def format_number(value: int, grouping: bool = True) -> str:
    """An integer with Persian digits and the Persian thousands separator «٬»."""
    text = f"{value:,}" if grouping else str(value)
    return to_persian_digits(text.replace(",", "٬"))
