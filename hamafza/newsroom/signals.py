from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from hamafza.agencies.models import CouncilMembership

from .listing import sync_council

# Sent by the newsroom actions after an item's content, status or listing changed (inside the
# transaction; receivers that do work elsewhere defer it with transaction.on_commit). The search
# index listens to it, so the newsroom knows nothing about search.
item_changed = Signal()  # kwargs: item_id

# Workflow events, sent INSIDE the transaction that changes the item, so that a receiver can write
# its own rows atomically with the change (the distribution outbox writes one delivery per
# channel this way). Receivers that talk to the outside world must defer that with on_commit.
item_published = Signal()  # kwargs: item (NewsItem)
item_corrected = Signal()  # kwargs: item, note (str)
item_unpublished = Signal()  # kwargs: item, reason (str)
# The supporting agencies of an item changed through an action (kwargs: item, user, before: the
# supporting agency ids before). The cooperation app invites the new ones (one `support` request
# per council) and withdraws the invitations of removed ones, so every path (workspace, API,
# restoring a revision) goes through the invitation.
supporting_changed = Signal()


def _membership_changed(sender, instance: CouncilMembership, **kwargs) -> None:
    council_id = instance.council_id
    transaction.on_commit(lambda: sync_council(council_id))


post_save.connect(_membership_changed, sender=CouncilMembership, dispatch_uid="placements-membership-save")
post_delete.connect(_membership_changed, sender=CouncilMembership, dispatch_uid="placements-membership-delete")
