from .amplification import AmplificationRequest, AmplificationTarget
from .help import HelpOffer, HelpRequest, Need
from .resources import Booking, Resource

__all__ = [
    "AmplificationRequest", "AmplificationTarget", "Booking", "HelpOffer", "HelpRequest", "Need", "Resource",
]
