"""UNCHECKED writes to channels: no policy, no audit entry. Only the demo loader, the benchmark
loaders (bench/) and the test factories may import this module; everything else saves a channel
through hamafza.distribution.actions.save_channel, which takes the acting person."""

from django.db import transaction

from .actions import _store_channel

store_channel = transaction.atomic(_store_channel)
