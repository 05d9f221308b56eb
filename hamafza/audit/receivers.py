"""Membership, council role, agency and council changes go to the audit log, whoever makes them
(the admin, an action, a command): model signals, with the actor from the request context.

The agencies' models are tracked here; an app above the audit log registers its own models with
`track_changes` from its AppConfig.ready() (accounts: people, memberships, council roles), so the
audit log imports no app that writes to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_save

from hamafza.agencies.models import Agency, Council, CouncilMembership

from . import record

# Fields whose change is a "settings change" worth a line; others (timestamps) are ignored.
_IGNORED = {"id", "created_at", "updated_at"}


@dataclass(frozen=True)
class _Tracked:
    only: tuple[str, ...] | None = None  # the fields audited (None: all but _IGNORED)
    scope: Callable[[object], tuple[int | None, int | None]] | None = None  # → (agency_id, council_id)
    created_is_news: Callable[[object], bool] | None = None  # a new row is recorded only when True


_TRACKED: dict[type, _Tracked] = {}


def track_changes(model, *, only=None, scope=None, created_is_news=None) -> None:
    """Record every create, change and delete of `model` (from an AppConfig.ready())."""
    _TRACKED[model] = _Tracked(tuple(only) if only else None, scope, created_is_news)
    uid = model._meta.label_lower
    pre_save.connect(_remember, sender=model, dispatch_uid=f"audit-pre-{uid}")
    post_save.connect(_saved, sender=model, dispatch_uid=f"audit-save-{uid}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-delete-{uid}")


def _tracked(instance) -> _Tracked:
    return _TRACKED.get(type(instance)) or _Tracked()


def _values(instance) -> dict:
    out = {}
    only = _tracked(instance).only
    for field in instance._meta.concrete_fields:
        if field.name in _IGNORED or (only is not None and field.name not in only):
            continue
        value = getattr(instance, field.attname)
        if hasattr(value, "name") and not isinstance(value, str):  # files
            value = value.name
        out[field.attname] = value
    return out


def _remember(sender, instance, **kwargs):
    if instance.pk is None:
        instance._audit_before = None
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old is not None else None


def _scope(instance) -> tuple[int | None, int | None]:
    scope = _tracked(instance).scope
    if scope is not None:
        return scope(instance)
    if isinstance(instance, Agency):
        return instance.pk, None
    if isinstance(instance, Council):
        return instance.head_agency_id, instance.pk
    if isinstance(instance, CouncilMembership):
        return instance.agency_id, instance.council_id
    return getattr(instance, "agency_id", None), None


# What a "created" / "deleted" line keeps of the row.
_IDENTITY = ("user_id", "agency_id", "council_id", "role", "name", "short_name")


def _identity(values: dict) -> dict:
    return {k: values[k] for k in _IDENTITY if k in values}


def _saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    after = _values(instance)
    if created:
        news = _tracked(instance).created_is_news
        if news is not None and not news(instance):
            return
        after = _identity(after) or after
    if before is not None:
        changed = {k for k in after if before.get(k) != after[k]}
        if not changed:
            return
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    agency_id, council_id = _scope(instance)
    name = sender._meta.model_name
    record(None, f"{name}.{'created' if created else 'changed'}", instance,
           agency_id=agency_id, council_id=council_id, before=before or {}, after=after)


def _deleted(sender, instance, **kwargs):
    agency_id, council_id = _scope(instance)
    before = _identity(_values(instance)) or _values(instance)
    record(None, f"{sender._meta.model_name}.deleted", instance, agency_id=agency_id, council_id=council_id,
           before=before)


for model in (Agency, Council, CouncilMembership):
    track_changes(model)
