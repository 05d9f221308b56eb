"""The audit log: who changed what, when. Actions call `record(...)`; membership, role, agency
and council changes are recorded by model signals (receivers.py), with the acting person taken
from the request (middleware.py).

Every entry carries its scope: the council it belongs to (`council_id`), or, for what belongs to
an agency on whatever councils it sits (its items, its people), the agency alone; and whether
its subject was private to its agencies when it was written (`agency_only`, from the subject's
registration in subjects.py). Who reads which entries is hamafza.policy (policy/audit.py)."""

from __future__ import annotations

from .context import acting_as, current_actor  # noqa: F401
from .subjects import Subject, register_subject, subject_of  # noqa: F401


def track_changes(model, **how) -> None:
    """Audit every create, change and delete of `model`; an app calls it for its own models from
    its AppConfig.ready() (see receivers.track_changes)."""
    from .receivers import track_changes as track

    track(model, **how)


def record(actor, action: str, obj=None, *, agency_id: int | None = None, council_id: int | None = None,
           before: dict | None = None, after: dict | None = None, object_type: str | None = None,
           object_id: int | None = None, object_repr: str | None = None, agency_only: bool = False):
    """Write one AuditEvent, in the caller's transaction. `action` is a dotted name such as
    "item.submitted"; `before` / `after` are small JSON summaries of what changed. Pass the
    council whenever the object belongs to one (a registered subject supplies it otherwise)."""
    from .models import AuditEvent

    if actor is None or not getattr(actor, "is_authenticated", False):
        actor = current_actor()
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id if object_id is not None else obj.pk
        object_repr = object_repr if object_repr is not None else str(obj)
        subject = subject_of(obj, before or {})
        if subject is not None:
            council_id = council_id if council_id is not None else subject.council_id
            agency_only = agency_only or subject.agency_only
    return AuditEvent.objects.create(
        actor=actor if actor_ok else None,
        actor_name=(getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor_ok else "",
        action=action,
        object_type=object_type or "",
        object_id=object_id,
        object_repr=(object_repr or "")[:250],
        agency_id=agency_id,
        council_id=council_id,
        agency_only=agency_only,
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
    )


def _jsonable(value):
    import datetime as dt

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
