from .channels import Channel, ChannelDefault, ItemChannelChoice
from .newsletter import Subscriber
from .outbox import Delivery, RateSlot, SenderLease, TokenPause

__all__ = ["Channel", "ChannelDefault", "Delivery", "ItemChannelChoice", "RateSlot", "SenderLease", "Subscriber", "TokenPause"]
