from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import registry
from .models import Agency, Council, CouncilMembership, Sector


def _changed(**kwargs) -> None:
    # Now, so that this process (and a test inside a transaction) sees the change at once;
    # and again after commit, so that no other process keeps a copy loaded in between.
    registry.invalidate()
    transaction.on_commit(registry.invalidate)


for _model in (Agency, Council, CouncilMembership, Sector):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"registry-save-{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"registry-delete-{_model.__name__}")
m2m_changed.connect(_changed, sender=Agency.sectors.through, dispatch_uid="registry-agency-sectors")
