from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("hamafza_audit_actor", default=None)


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(user):
    """Record model changes made inside the block as done by `user` (the middleware does this
    for every request; commands and tests may use it directly)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)
