"""The open-data schema of public figures: one row per approved monthly value of a public
indicator. The CSV columns, the JSON objects and the API share these fields."""

from dataclasses import dataclass

SCHEMA_URL_PATH = "/dashboard/open-data/schema.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    nullable: bool = False


FIELDS = [
    Field("indicator_id", "integer", "شناسهٔ پایدار شاخص"),
    Field("indicator", "string", "نام شاخص"),
    Field("agency", "string", "نامک دستگاه (همان نامک نشانی صفحهٔ دستگاه)"),
    Field("agency_name", "string", "نام دستگاه"),
    Field("sector", "string", "کد بخش: road، rail، maritime، air، urban، meteo"),
    Field("sector_name", "string", "نام بخش"),
    Field("unit", "string", "کد واحد: km، tonne، passenger، flight، train، vessel، housing، percent، rial، count، day، mm، hectare"),
    Field("unit_name", "string", "نام واحد (rial یعنی میلیارد ریال)"),
    Field("direction", "string", "higher: بیشتر بهتر است؛ lower: کمتر بهتر است"),
    Field("aggregation", "string", "جمع ماه‌ها در یک دوره: sum (جمع)، average (میانگین)، last (آخرین مقدار)"),
    Field("yearly_target", "decimal string", "هدف سالانه، یا null", True),
    Field("year", "integer", "سال خورشیدی (جلالی)"),
    Field("month", "integer", "ماه خورشیدی، ۱ (فروردین) تا ۱۲ (اسفند)"),
    Field("period", "string", "سال و ماه خورشیدی به شکل YYYY-MM، مثلاً 1404-07"),
    Field("value", "decimal string", "مقدار تأییدشدهٔ ماه، به واحد شاخص"),
    Field("approved_at", "string (ISO 8601)", "زمان تأیید مقدار به دست مدیر روابط عمومی دستگاه", True),
]

_JSON_TYPES = {"integer": "integer", "string": "string", "decimal string": "string", "string (ISO 8601)": "string"}


def json_schema() -> dict:
    props = {}
    for f in FIELDS:
        t = _JSON_TYPES[f.type]
        props[f.name] = {"type": [t, "null"] if f.nullable else t, "description": f.description}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hamafza public performance figures",
        "type": "object",
        "properties": {
            "schema": {"type": "string"},
            "council": {"type": "string"},
            "values": {"type": "array", "items": {"type": "object", "properties": props, "required": [f.name for f in FIELDS]}},
        },
    }
