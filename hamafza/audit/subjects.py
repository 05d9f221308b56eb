"""What an audit entry's subject says about who may read the entry, decided when it is written.

A domain app registers, for a model it owns, a function that looks at the object (and the
`before` summary of the change) and answers with a Subject: the council the entry belongs to
(when the object belongs to one) and whether the object was private to its agencies at that
moment (a draft). `record()` asks on every entry about a registered model, so a new event kind
about a draft is private without anyone remembering a list of event names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    council_id: int | None = None
    # Recorded while the object was private to its agencies: the council does not read it.
    agency_only: bool = False


_SUBJECTS: dict[str, Callable[[object, dict], Subject]] = {}


def register_subject(model, describe: Callable[[object, dict], Subject]) -> None:
    """From an AppConfig.ready(): `describe(obj, before)` for every entry about `model`."""
    _SUBJECTS[model._meta.label_lower] = describe


def subject_of(obj, before: dict) -> Subject | None:
    describe = _SUBJECTS.get(obj._meta.label_lower)
    return describe(obj, before) if describe is not None else None
