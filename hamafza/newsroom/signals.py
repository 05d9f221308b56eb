from django.db import transaction
from django.db.models.signals import post_delete, post_save

from hamafza.agencies.models import CouncilMembership

from .listing import sync_council


def _membership_changed(sender, instance: CouncilMembership, **kwargs) -> None:
    council_id = instance.council_id
    transaction.on_commit(lambda: sync_council(council_id))


post_save.connect(_membership_changed, sender=CouncilMembership, dispatch_uid="placements-membership-save")
post_delete.connect(_membership_changed, sender=CouncilMembership, dispatch_uid="placements-membership-delete")
