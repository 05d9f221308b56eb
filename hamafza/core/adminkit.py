"""The back office's two kinds of admin (the rule: the admin, like a view, never writes a model).

- `ReadOnlyAdmin`: records the product writes itself (releases, coverage, reach counts): listed
  and shown, never added, changed or deleted here.
- `ActionAdmin` + `ActionForm`: configuration whose save is the app's own action, run as the
  signed-in person (the action checks hamafza.policy, validates and writes the audit entry). The
  form's `run(user, data)` calls the action; its error becomes the form's Persian message, a
  refusal (PermissionDenied, Http404) a 403. Nothing is deleted here (no action deletes it)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ActionForm(forms.ModelForm):
    user = None  # the signed-in person, set by ActionAdmin.get_form
    errors_shown: tuple[type[Exception], ...] = ()  # the action's bad-input errors
    saved = None  # what the action returned

    def run(self, user, data: dict):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.saved = self.instance = self.run(self.user, data)  # the model checks see the saved row
        except (PermissionDenied, Http404):
            raise PermissionDenied from None
        except self.errors_shown as exc:
            field = getattr(exc, "field", "")
            self.add_error(field if field in self.fields else None, getattr(exc, "message", None) or str(exc))
        return data

    def validate_unique(self):
        """The action checks what must be unique (and has already written the row)."""


class ActionAdmin(admin.ModelAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        obj.pk = form.saved.pk  # the action saved it (in the form's clean)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
