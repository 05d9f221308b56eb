from .agencies import Agency, SocialAccount
from .councils import Council, CouncilMembership
from .sectors import Sector

__all__ = ["Agency", "Council", "CouncilMembership", "Sector", "SocialAccount"]
