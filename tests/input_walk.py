"""The machinery of tests/test_input_walk.py: reading forms out of pages, filling them with
valid-looking values, and the hostile variants (a NUL, ten times the limit, 2^70).

Kept apart from the test module so that the walk itself reads as a list of what is checked."""

from __future__ import annotations

import json
import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hamafza.persian import jalali
from hamafza.persian.digits import to_ascii_digits

HUGE = 2**70
NUL = "\x00"
NO_LIMIT = 10_000  # the length tried where a field states no maxlength
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", "hidden", "number", "date", "time", "datetime-local", ""}
# A 1×1 PNG: what a file field gets (image, evidence and kit fields alike accept it).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    maxlength: int | None = None
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    checked: bool = False
    placeholder: str = ""


@dataclass
class Form:
    page: str  # the page it was found on
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)
    button: tuple[str, str] | None = None  # the submit button pressed (name, value)
    multipart: bool = False

    def key(self) -> tuple:
        return (self.method, _route_shape(self.action), tuple(sorted({f.name for f in self.fields})), self.button)


def _route_shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


class _FormParser(HTMLParser):
    """Forms (method=post|get, or hx-post) with their fields and named submit buttons, and the
    stand-alone htmx buttons (hx-post with hx-vals) and links of a page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: set[str] = set()
        self._form: Form | None = None
        self._buttons: list[tuple[str, str]] = []
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._option_selected = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.add(urljoin(self.page, a["href"]))
        if a.get("hx-get"):  # a fragment the page loads (a panel, a section): its forms count too
            self.links.add(urljoin(self.page, a["hx-get"]))
        if tag == "form":
            method = "post" if a.get("hx-post") or a.get("method", "get").lower() == "post" else "get"
            action = a.get("hx-post") or a.get("action") or self.page
            self._form = Form(self.page, urljoin(self.page, action), method,
                              multipart="multipart" in a.get("enctype", "") or "multipart" in a.get("hx-encoding", ""))
            self._buttons = []
            return
        if tag in ("button", "a", "div", "input") and a.get("hx-post") and (self._form is None or tag == "button"):
            # A stand-alone htmx write: its values come from hx-vals.
            try:
                vals = json.loads(a.get("hx-vals") or "{}")
            except ValueError:
                vals = {}
            if self._form is None or urljoin(self.page, a["hx-post"]) != self._form.action:
                self.forms.append(Form(self.page, urljoin(self.page, a["hx-post"]), "post",
                                       [Field(str(k), "hidden", str(v)) for k, v in vals.items()]))
        form = self._form
        if form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                if a.get("name"):
                    self._buttons.append((a["name"], a.get("value", "")))
                return
            if kind in ("button", "reset"):
                return
            form.fields.append(Field(a.get("name", ""), kind, a.get("value", "on" if kind in ("checkbox", "radio") else ""),
                                     _int(a.get("maxlength")), checked="checked" in a, placeholder=a.get("placeholder", "")))
        elif tag == "button" and a.get("type", "submit") == "submit" and a.get("name"):
            self._buttons.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(a.get("name", ""), "textarea", "", _int(a.get("maxlength")), placeholder=a.get("placeholder", ""))
        elif tag == "select":
            self._select = Field(a.get("name", ""), "select", multiple="multiple" in a)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._select is not None and self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append(self._textarea)
            self._textarea = None
        elif tag == "option" and self._select is not None and self._option is not None:
            value = self._option if self._option is not None else self._option_text.strip()
            self._select.options.append(value)
            if self._option_selected and not (self._select.value and not self._select.multiple):
                self._select.value = value
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            if not self._select.value:
                self._select.value = next((o for o in self._select.options if o), "")
            self._form.fields.append(self._select)
            self._select = None
        elif tag == "form" and self._form is not None:
            form = self._form
            form.fields = [f for f in form.fields if f.name]
            if self._buttons:
                for button in dict.fromkeys(self._buttons):
                    self.forms.append(Form(form.page, form.action, form.method, form.fields, button, form.multipart))
            else:
                self.forms.append(form)
            self._form = None


def _int(raw) -> int | None:
    return int(raw) if raw and str(raw).isdigit() else None


def read_page(url: str, html: str) -> tuple[list[Form], set[str]]:
    parser = _FormParser(url)
    parser.feed(html)
    return parser.forms, parser.links


# --- Valid-looking values ------------------------------------------------------------------------

def _jalali_slash(day) -> str:
    j = jalali.to_jalali(day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


DATE_LIKE = re.compile(r"^[۰-۹0-9]{4}/[۰-۹0-9]{2}/[۰-۹0-9]{2}$")
# Values a field needs to be valid that its form does not show (the test adds ids it knows).
KNOWN: dict[str, str] = {"chat_id": "@walk_channel"}


def plausible(f: Field) -> str:
    """What a person would type into an empty field."""
    if f.value:
        return f.value
    name = f.name.lower()
    if name in KNOWN:
        return KNOWN[name]
    if f.kind == "email" or "email" in name:
        return "someone@example.ir"
    if f.kind == "url" or name.endswith("url") or "link" in name:
        return "https://example.ir/a"
    if f.kind == "number" or name in ("month", "order", "value", "count", "capacity", "quantity"):
        return "3"
    if "time" in name and "date" not in name:
        return "10:30" if "end" not in name else "12:00"
    if (DATE_LIKE.match(f.placeholder) or any(h in name for h in ("date", "day", "deadline", "period", "taken"))
            or name in ("start", "end", "from", "to", "since", "until")):
        past = any(h in name for h in ("start", "from", "since", "taken"))
        later = any(h in name for h in ("end", "until")) or name == "to"
        return _jalali_slash(_today_plus(-30 if past else 20 if later else 5 if "deadline" in name else 10))
    if name in ("year",):
        return str(jalali.to_jalali(_today_plus(0)).year)
    if "password" in name or f.kind == "password":
        return "گذرواژه‌ای-بلند-و-تازه-۱۴۰۵"
    return "متن آزمایشی"


def _today_plus(days: int):
    import datetime as dt

    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=days)


def baseline(form: Form) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    groups = {f.name for f in form.fields if f.kind in ("checkbox", "radio") and f.checked}
    for f in form.fields:
        if f.kind in ("checkbox", "radio"):
            if f.checked or f.name not in groups:
                groups.add(f.name)
                data.setdefault(f.name, []).append(f.value)
            continue
        if f.kind == "file":
            continue
        if f.kind == "select" and f.multiple:
            data.setdefault(f.name, []).extend([f.value] if f.value else [])
            continue
        data.setdefault(f.name, []).append(plausible(f))
    if form.button:
        data.setdefault(form.button[0], []).append(form.button[1])
    return data


def looks_numeric(f: Field, value: str) -> bool:
    text = to_ascii_digits(value or "")
    return f.kind == "number" or text.isdigit() or (f.kind == "select" and any(o.isdigit() for o in f.options))


def variants(form: Form, huge: tuple[int, ...] = (HUGE, 2**63)):
    """(label, data) for every hostile variant of the form: per field, a NUL; ten times the limit;
    2^70 and 2^63 (or the integers in `huge`) where a number or an id goes."""
    base = baseline(form)
    seen = set()
    for f in form.fields:
        if f.kind in ("file", "checkbox", "radio", "submit") or f.name in seen:
            continue
        seen.add(f.name)
        value = (base.get(f.name) or [plausible(f)])[0]

        def with_value(v, f=f):
            data = {k: list(vs) for k, vs in base.items()}
            data[f.name] = [v]
            return data

        yield f"{f.name}: NUL", with_value(value + NUL + "ب"), "nul", f
        if f.kind not in ("hidden",) or not looks_numeric(f, value):
            length = f.maxlength * 10 if f.maxlength else NO_LIMIT
            yield f"{f.name}: {length} chars", with_value(("الف" * length)[:length]), "long", f
        if looks_numeric(f, value) or f.kind == "select":
            for number in huge:
                yield f"{f.name}: {number_label(number)}", with_value(str(number)), "huge", f


def number_label(number: int) -> str:
    """2^70, -10^30: how a hostile integer is named in a problem's line."""
    for base in (2, 10):
        for power in range(1, 130):
            if abs(number) == base**power:
                return f"{'-' if number < 0 else ''}{base}^{power}"
    return str(number)


def files_for(form: Form) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {f.name: SimpleUploadedFile("walk.png", PNG, content_type="image/png")
            for f in form.fields if f.kind == "file"}


PERSIAN = re.compile(r"[\u0600-\u06ff]")
ENGLISH_ERRORS = ("This field", "Ensure this value", "Enter a valid", "Select a valid", "Null characters")


def persian_message(response) -> bool:
    """The answer speaks Persian and carries no English framework message."""
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return bool(PERSIAN.search(text)) and not any(e in text for e in ENGLISH_ERRORS)


def where(exc) -> str:
    """The last frame of the product's code in an exception's traceback (file:line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/hamafza/" in f.filename]
    return f"{frames[-1].filename.split('/hamafza/')[-1]}:{frames[-1].lineno}" if frames else "?"
