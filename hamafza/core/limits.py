"""Text limits, the same on SQLite and PostgreSQL.

PostgreSQL refuses a value longer than its column (a 500 unless someone checked first); SQLite
stores it. So every save of a Hamafza model passes through `check_instance` (a `pre_save`
receiver installed by hamafza.core's AppConfig): text longer than its CharField's `max_length` is
refused with `TooLong` — a ValidationError naming the field and the limit in Persian — and NUL
characters are removed from text (see hamafza/core/nul.py), on both databases alike.

That is the last net. Forms should say it first, where the person's text is still on the page:
ModelForms take `max_length` from the model; hand-written forms and views use `limit_of` /
`check_lengths` (the same numbers, read from the model), and templates put `maxlength` on their
inputs.

A domain app whose views catch their own error type (council and cooperation catch
CouncilError) registers it with `raise_as`, so an over-long value reaches those views as their
own error, with the field named: the page is shown again with what was typed. Anything not caught
becomes a Persian 400 (`LimitsMiddleware`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django import forms
from django.core import validators
from django.core.exceptions import BadRequest, FieldDoesNotExist, ValidationError
from django.db import models
from django.http import JsonResponse
from django.urls import get_resolver
from django.utils.translation import gettext as _

from hamafza.persian.digits import format_number

NUL = "\x00"


class TooLong(ValidationError):
    """A text longer than its field allows. `message` is Persian; `field` is the field's name."""

    def __init__(self, message: str, field: str = "") -> None:
        # Per field (message_dict) like a ModelForm's errors, so that views reading either form
        # of a ValidationError show it.
        error = ValidationError(message, code="max_length")
        ValidationError.__init__(self, {field: [error]} if field else error)
        self.message = message
        self.field = field


_domain_errors: dict[str, type[TooLong]] = {}


def raise_as(app_label: str, error_class: type[Exception]) -> None:
    """Raise over-long values of `app_label`'s models as `error_class(message, field)` too, so
    that views catching the app's own error show them like any other bad input."""

    def __init__(self, message: str, field: str = "") -> None:
        error_class.__init__(self, message, field)
        TooLong.__init__(self, message, field)

    _domain_errors[app_label] = type(f"{error_class.__name__}TooLong", (error_class, TooLong), {"__init__": __init__})


def _label(field: models.Field) -> str:
    name = str(field.verbose_name or "")
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        return name
    return _("این متن")


def message(label: str, limit: int, length: int) -> str:
    return _("«%(label)s» حداکثر %(limit)s نویسه می‌تواند باشد؛ %(length)s نویسه نوشته شده است.") % {
        "label": label, "limit": format_number(limit), "length": format_number(length),
    }


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]


def limit_of(model: type[models.Model], field_name: str) -> int | None:
    """The model field's max_length: the one number forms and templates should use."""
    return model._meta.get_field(field_name).max_length


class ModelLimitsMixin:
    """For a hand-written form: each text field named like a field of `limits_model` takes that
    field's max_length — validated, and `maxlength` on the input — as a ModelForm would."""

    limits_model: type[models.Model] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            try:
                limit = limit_of(self.limits_model, name) if self.limits_model else None
            except FieldDoesNotExist:
                continue
            if limit and isinstance(field, forms.CharField) and (field.max_length is None or field.max_length > limit):
                field.max_length = limit
                field.validators.append(validators.MaxLengthValidator(limit))
                field.widget.attrs["maxlength"] = str(limit)


def check_lengths(model: type[models.Model], data: Mapping[str, object], error: Callable | None = None) -> None:
    """Refuse the first value in `data` (field name → text) longer than the model's field."""
    for name, value in data.items():
        field = model._meta.get_field(name)
        if isinstance(value, str) and field.max_length is not None and len(value) > field.max_length:
            cls = error or _domain_errors.get(model._meta.app_label, TooLong)
            raise cls(message(_label(field), field.max_length, len(value)), name)


def check_instance(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: strip NULs from text, refuse text longer than its field."""
    if raw or not sender.__module__.startswith("hamafza."):
        return
    only = set(kwargs.get("update_fields") or ())
    values = {}
    for field in _text_fields(sender):
        if only and field.name not in only:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            if NUL in value:
                value = value.replace(NUL, "")
                setattr(instance, field.attname, value)
            if isinstance(field, models.CharField):
                # Where the databases differ (a varchar column). A TextField's max_length is a
                # product rule its forms and actions check; no database enforces it.
                values[field.name] = value
    check_lengths(sender, values)


class LimitsMiddleware:
    """A TooLong that no view caught: a Persian 400 (JSON under /api/) instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return too_long_response(request, exception)


def too_long_response(request, exception):
    """The Persian 400 for a TooLong no view caught (None for any other exception): what
    LimitsMiddleware answers, and the portal's reader path (hamafza/portal/readers.py) too."""
    if not isinstance(exception, TooLong):
        return None
    text = exception.message
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": text}, status=400, json_dumps_params={"ensure_ascii": False})
    handler = get_resolver().resolve_error_handler(400)
    return handler(request, BadRequest(text))
