"""The back office's site: every model admin registered on it (ours, auth's, axes', django-otp's)
reads ids and dates from the request only after checking that a database can hold them.

Django's admin passes some request values to the database unchecked, and an id no column can
hold (10^30, -10^30, 2^63) then fails in the driver — SQLite raises OverflowError, PostgreSQL a
DataError — and the page answers 500: the ids chosen for a bulk action (`_selected_action`) and
the rows of an editable list, an id in the address of a model whose key is a relation (an
outlet's monitoring), the choices of a many-to-many field, the selection an autocomplete widget
shows again, and the year of the date drill-down. Here each is validated where it is read: an
id out of range is no object (the admin's own "does not exist" page), no choice (the field's own
message) or an invalid selection (a Persian message), and a bad year is an invalid filter (the
list's own "?e=1" answer). Nothing is caught and hidden.

An inline takes at most INLINE_ROWS rows in one post (a forged row count is refused with the
formset's own message before the rows are built).

`AdminSite.register` puts `InputGuards` in front of each registered admin class and its inlines;
`AdminConfig` makes this site the default one (`admin.site`, `@admin.register`)."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from hamafza.persian.digits import read_int


def storable(field, raw) -> bool:
    """Whether `raw` is a value of `field` (or of the field a relation points to) that the
    database can hold. Non-integer keys are left to the field's own checks."""
    while field.is_relation and getattr(field, "target_field", None) is not None:
        field = field.target_field
    internal = field.get_internal_type()
    if not internal.endswith(("IntegerField", "AutoField")):
        return True
    try:
        value = field.to_python(raw)
    except (ValidationError, ValueError, TypeError):
        return False
    if value is None:
        return True
    low, high = connection.ops.integer_field_range(internal)
    return (low is None or value >= low) and (high is None or value <= high)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many choice whose ids are checked before the database is asked about them."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        for raw in value:
            if not storable(field, raw):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": raw})
        return super()._check_values(value)


class _BoundedAutocomplete:
    """An autocomplete widget shown again with a rejected value: ids no column holds are not
    looked up (they are no selection)."""

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", None) or opts.pk.attname)
        return super().optgroups(name, [v for v in value if storable(target, v)], attr)


class BoundedAutocompleteSelect(_BoundedAutocomplete, AutocompleteSelect):
    pass


class BoundedAutocompleteSelectMultiple(_BoundedAutocomplete, AutocompleteSelectMultiple):
    pass


class BoundedDates:
    """Put in front of an admin's change list class."""

    def get_filters(self, request):
        """The date drill-down's year, month and day: numbers a calendar has, or an invalid filter
        (Django's admin builds a datetime from them and fails on 10^30 or on the year 9999's end)."""
        if self.date_hierarchy:
            for part, high in (("year", 9998), ("month", 12), ("day", 31)):
                raw = request.GET.get(f"{self.date_hierarchy}__{part}")
                if raw is not None and read_int(raw, 1, high) is None:
                    raise IncorrectLookupParameters(_("تاریخ نادرست است."))
        return super().get_filters(request)


@functools.cache
def _bounded(changelist: type) -> type:
    return changelist if issubclass(changelist, BoundedDates) else type(changelist.__name__, (BoundedDates, changelist), {})


class InputGuards:
    """Mixed in front of every admin class (and inline) registered on the site."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BoundedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BoundedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# The rows an inline takes in one post. Django's own bound is max_num + 1,000: an inline's
# TOTAL_FORMS forged to 10^30 made the page build 2,000 empty forms (about 6 s) before its «at
# most» message; no inline of the back office has a tenth of this many rows.
INLINE_ROWS = 200


class InlineGuards(InputGuards):
    """Mixed in front of every inline of an admin registered on the site."""

    def get_max_num(self, request, obj=None, **kwargs):
        wanted = super().get_max_num(request, obj, **kwargs)
        return INLINE_ROWS if wanted is None else min(wanted, INLINE_ROWS)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", INLINE_ROWS)
        return super().get_formset(request, obj, **kwargs)


class ModelAdminGuards(InputGuards):
    def get_object(self, request, object_id, from_field=None):
        """An id no column holds names no object (the admin then says it does not exist)."""
        field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
        if not storable(field, object_id):
            return None
        return super().get_object(request, object_id, from_field)

    def get_changelist(self, request, **kwargs):
        return _bounded(super().get_changelist(request, **kwargs))

    def response_action(self, request, queryset):
        """A bulk action on ids no object can have is refused with a message (the list is shown again)."""
        pk = self.model._meta.pk
        if not all(storable(pk, raw) for raw in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            self.message_user(request, _("موردهای انتخاب‌شده نادرست‌اند؛ دوباره از فهرست انتخاب کنید."),
                              messages.WARNING)
            return None
        return super().response_action(request, queryset)

    def _get_edited_object_pks(self, request, prefix):
        """The rows of an editable list: ids out of range are left to the row form, which refuses them."""
        pk = self.model._meta.pk
        return [raw for raw in super()._get_edited_object_pks(request, prefix) if storable(pk, raw)]


def guarded(admin_class: type, guards: type) -> type:
    if issubclass(admin_class, guards):
        return admin_class
    attrs = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
    if hasattr(admin_class, "inlines"):
        attrs["inlines"] = [guarded(inline, InlineGuards) for inline in admin_class.inlines]
    return type(admin_class.__name__, (guards, admin_class), attrs)


class AdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, guarded(admin_class or admin.ModelAdmin, ModelAdminGuards), **options)


class AdminConfig(DjangoAdminConfig):
    default_site = "hamafza.core.adminguard.AdminSite"
