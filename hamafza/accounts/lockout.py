"""Sign-in lockout (django-axes) by the pair (account, address) and by address alone.

axes counts failures under each of AXES_LOCKOUT_PARAMETERS — `[["username", "ip_address"],
"ip_address"]` — but compares all of them with one limit. An address must be allowed more
failures than a pair (a PR office behind one NAT address mistypes across many accounts), so the
handler scales the address's count to the pair limit: the address locks at
SIGNIN_ADDRESS_FAILURE_LIMIT failures, the pair at AXES_FAILURE_LIMIT. Nobody can lock an account
from another address.
"""

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit

from hamafza.core import clientaddr


def client_address(request: HttpRequest) -> str | None:
    """The client's address (hamafza.core.clientaddr: the proxy's last X-Forwarded-For entry
    behind HTTPS, else REMOTE_ADDR)."""
    return clientaddr.client_address(request.META)


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class PairAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        pair, address = self.get_user_attempts(request, credentials)
        limit = get_failure_limit(request, credentials)
        # ⌊a·L/I⌋ ≥ L exactly when a ≥ I: the address locks at its own limit.
        return max(_failures(pair), _failures(address) * limit // settings.SIGNIN_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A successful sign-in clears its own account's failures from this address, not the
        # address's failures on other accounts (else one valid account would reset a guesser).
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
