"""Digits: Persian for display, ASCII for machines; input accepts Persian, Arabic-Indic and Latin."""

from decimal import ROUND_HALF_UP, Decimal

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


THOUSANDS = "\u066c"  # «٬» ARABIC THOUSANDS SEPARATOR: the one separator of every figure people see
DECIMAL = "\u066b"  # «٫» ARABIC DECIMAL SEPARATOR
MINUS = "\u2212"  # «−»


def format_number(value, grouping: bool = True, places: int = 2) -> str:
    """THE number format for people: Persian digits, «٬» between thousands, «٫» before decimals
    (at most `places`, trailing zeros dropped), «−» for negatives. Integers, Decimals and floats
    alike; every figure in templates, Jinja filters, charts and PDFs goes through here."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    negative = number < 0
    number = abs(number)
    if number == number.to_integral_value():
        text = f"{int(number):,}" if grouping else str(int(number))
    else:
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()
        text = f"{rounded:,f}" if grouping else f"{rounded:f}"
        if "." not in text and rounded == rounded.to_integral_value():
            text = f"{int(rounded):,}" if grouping else str(int(rounded))
    text = text.replace(",", THOUSANDS).replace(".", DECIMAL)
    if negative and text.strip("0" + THOUSANDS + DECIMAL):
        text = MINUS + text
    return to_persian_digits(text)


def format_percent(value, signed: bool = False) -> str:
    """A whole percent with Persian digits: «۱۲٪»; `signed` shows a change: «+۱۲٪», «−۳٪», and
    a change that rounds to nothing as «۰٪» (no sign: it is neither up nor down)."""
    if value is None:
        return "\u2014"
    whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = ("+" if whole > 0 else MINUS if whole < 0 else "") if signed else (MINUS if whole < 0 else "")
    return f"{sign}{format_number(abs(whole))}٪"


def trend(value) -> str:
    """«up», «down» or «flat» for a change in percent, as shown (rounded to a whole percent)."""
    if value is None:
        return "flat"
    whole = int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return "up" if whole > 0 else "down" if whole < 0 else "flat"
