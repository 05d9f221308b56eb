"""The back office's two kinds of admin (the rule: the admin, like a view, never writes a model).

- `ReadOnlyAdmin`: records the product writes itself (releases, coverage, reach counts): listed
  and shown, never added, changed or deleted here.
- `ActionAdmin` + `ActionForm`: configuration whose save is the app's own action, run as the
  signed-in person (the action checks hamafza.policy, validates and writes the audit entry). The
  form's `run(user, data)` calls the action; its error becomes the form's Persian message, a
  refusal (PermissionDenied, Http404) a 403. Nothing is deleted here (no action deletes it).

The action writes only when the page saves. While the form is validated it is tried inside a
savepoint that is always rolled back, on copies of the form's objects (its checks are the
action's own, with their Persian messages, and nothing it wrote, deferred to the commit or
changed in memory stays); then, once the form and every
inline are valid, `ActionAdmin.save_model` runs it for real inside the admin's transaction. So
a later failure — another field's check, an inline's row — leaves no write and no audit entry."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ActionRefused(Exception):
    """The action refused at the save what it accepted while the form was checked (someone else
    saved in between): the admin's transaction is rolled back and the page shown again."""


class ActionForm(forms.ModelForm):
    user = None  # the signed-in person, set by ActionAdmin.get_form
    errors_shown: tuple[type[Exception], ...] = ()  # the action's bad-input errors
    saved = None  # what the action returned at the save

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_pk = self.instance.pk

    @property
    def stored(self):
        """The row as it is saved now, read afresh (the form's instance carries the posted values
        once validated), or None on the add page."""
        if self._stored_pk is None:
            return None
        return type(self.instance)._default_manager.get(pk=self._stored_pk)

    def run(self, user, data: dict):
        raise NotImplementedError

    def attempt(self, data: dict, *, keep: bool):
        """Run the action in a savepoint, kept only if `keep`; what it returned, or None when it
        refused the input (the reason is then the form's error)."""
        if not keep:
            data = copy.deepcopy(data)  # an action may change the objects it is given (an outlet's new address)
        try:
            with transaction.atomic(using=router.db_for_write(self._meta.model)):
                result = self.run(self.user, data)
                if not keep:
                    transaction.set_rollback(True)
        except (PermissionDenied, Http404):
            raise PermissionDenied from None
        except self.errors_shown as exc:
            field = getattr(exc, "field", "")
            self.add_error(field if field in self.fields else None, getattr(exc, "message", None) or str(exc))
            return None
        return result

    def clean(self):
        data = super().clean()
        if not self.errors:
            self.attempt(data, keep=False)  # the action's checks, nothing written
        return data

    def validate_unique(self):
        """The action checks what must be unique (with its own message)."""


class ActionAdmin(admin.ModelAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ActionRefused:
            # Nothing was saved (the admin's transaction is rolled back): checked again, the
            # form now shows the action's reason.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """The action's write, inside the admin's transaction (after the form and every inline
        were found valid); the admin's log and redirect then see the row as the action saved it."""
        saved = form.attempt(form.cleaned_data, keep=True)
        if saved is None:
            raise ActionRefused
        form.saved = saved
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
