from .channels import Channel, ChannelDefault, ItemChannelChoice
from .newsletter import Subscriber
from .outbox import Delivery, RateSlot, TokenPause

__all__ = ["Channel", "ChannelDefault", "Delivery", "ItemChannelChoice", "RateSlot", "Subscriber", "TokenPause"]
