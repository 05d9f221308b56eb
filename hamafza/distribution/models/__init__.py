from .channels import Channel, ChannelDefault, ItemChannelChoice
from .newsletter import Subscriber
from .outbox import Delivery, RateSlot, SenderLease, TokenPause
from .sandbox import SandboxMessage

__all__ = ["Channel", "ChannelDefault", "Delivery", "ItemChannelChoice", "RateSlot", "SandboxMessage", "SenderLease", "Subscriber", "TokenPause"]
