"""Parsing the editor's and the list's input: Jalali dates and times, ids, the filter form."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorFormField

from hamafza.newsroom.models import NewsItem
from hamafza.newsroom.sanitize import clean_html
from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits

_TIME = re.compile(r"^\s*([0-9]{1,2})\s*[:٫.]\s*([0-9]{2})\s*$")

BODY_EXTENSIONS = {
    "Bold": True, "Italic": True, "Underline": True, "Strike": True, "Subscript": True, "Superscript": True,
    "Heading": {"levels": [2, 3, 4]}, "BulletList": True, "OrderedList": True, "ListItem": True,
    "Blockquote": True, "HorizontalRule": True, "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True, "TableRow": True, "TableHeader": True, "TableCell": True, "History": True, "HTML": True,
}


class BodyForm(forms.Form):
    """Only the rich-text widget: the editor template renders it; nh3 (clean_html) sanitizes."""

    body = ProseEditorFormField(
        label=gettext_lazy("متن"), required=False, config={"extensions": BODY_EXTENSIONS}, sanitize=clean_html,
    )


def parse_jalali_date(text: str, label: str) -> dt.date:
    try:
        return jalali.parse_date(text)
    except jalali.JalaliDateError:
        raise forms.ValidationError(
            _("«%(value)s» تاریخ درستی برای «%(label)s» نیست؛ تاریخ شمسی را مانند ۱۴۰۵/۰۹/۱۲ بنویسید (این روز باید در تقویم وجود داشته باشد).")
            % {"value": text.strip(), "label": label}
        ) from None


def parse_time(text: str) -> dt.time:
    match = _TIME.match(to_ascii_digits(text or ""))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise forms.ValidationError(_("ساعت را مانند ۱۴:۳۰ بنویسید."))
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_schedule(date_text: str, time_text: str) -> dt.datetime:
    """A Jalali date and a time in Tehran, as an aware datetime."""
    day = parse_jalali_date(date_text or "", _("تاریخ انتشار"))
    return dt.datetime.combine(day, parse_time(time_text), tzinfo=jalali.TEHRAN)


def id_list(values) -> list[int]:
    out = []
    for value in values:
        value = to_ascii_digits(str(value)).strip()
        if value.isdigit() and 0 < int(value) < 2**63:
            out.append(int(value))
    return list(dict.fromkeys(out))


@dataclass
class Filters:
    status: str = ""
    agency: int | None = None
    sector: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    raw: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.status or self.agency or self.sector or self.since or self.until or self.text)


def parse_filters(params) -> Filters:
    f = Filters(raw={k: params.get(k, "") for k in ("status", "agency", "sector", "since", "until", "q")})
    status = params.get("status", "")
    if status in NewsItem.Status.values:
        f.status = status
    for name in ("agency", "sector"):
        ids = id_list([params.get(name, "")])
        setattr(f, name, ids[0] if ids else None)
    for name, label in (("since", _("از تاریخ")), ("until", _("تا تاریخ"))):
        text = (params.get(name) or "").strip()
        if text:
            try:
                setattr(f, name, parse_jalali_date(text, label))
            except forms.ValidationError as exc:
                f.errors.extend(exc.messages)
    f.text = " ".join((params.get("q") or "").split())[:200]
    return f
