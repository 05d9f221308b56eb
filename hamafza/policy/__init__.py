"""The one place that answers "may this person do this to that object?".

Every view, API endpoint, export and media URL of an unpublished item asks here; nobody reads a
guarded item with `objects.get` directly. Views use the `access_*` helpers: 404 for an item the
person may not see (the same answer as for a missing one), 403 for one they may only read.

Who sees a news item:
- a published item: everyone, signed in or not;
- its lead agency's staff and head: always;
- a supporting agency's staff and head: once that agency has accepted (ItemAgency.accepted_at);
- the secretariat and observers of a council the lead agency sits on: once it has been submitted
  (submitted, scheduled, published, unpublished — not a draft, nor one returned for changes);
- a site admin (is_superuser): everything.

Who changes it (observers never change anything; secretariat and observers only read items):
- edit: lead-agency staff while it is a draft or returned; the lead head also while it is
  submitted or scheduled, and a published item (a correction); a supporting agency that accepted
  and was granted editing, while it is a draft or returned;
- submit: lead-agency staff or head, from draft or returned;
- approve / return / publish: the lead agency's head, on a submitted item — but not one they wrote
  unless the agency allows self-approval; publish also a scheduled (now) or unpublished item;
- unpublish: the lead head, on a published or scheduled item;
- revisions and comments: the lead agency and accepted supporting agencies.
A site admin may do everything.

The rules live in one module per concept (base: roles; items; council; cooperation; reporting;
distribution; audit); callers use this package only: `from hamafza import policy`.
"""

from .audit import *  # noqa: F401,F403
from .base import *  # noqa: F401,F403
from .base import forget_roles, roles_of  # noqa: F401
from .cooperation import *  # noqa: F401,F403
from .council import *  # noqa: F401,F403
from .distribution import *  # noqa: F401,F403
from .items import *  # noqa: F401,F403
from .reporting import *  # noqa: F401,F403
