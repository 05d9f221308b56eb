"""What the cooperation pages share: which council a page is about."""

from django.http import Http404
from django.utils.translation import gettext as _

from hamafza import policy
from hamafza.agencies.registry import get_registry
from hamafza.persian.digits import to_ascii_digits


def council_for(request):
    """The council the person works in: `?council=` if they may, else the host's council, else
    their first. A person on no council gets a 404 with a Persian message."""
    registry = get_registry()
    councils = [registry.councils[c] for c in policy.viewable_councils(request.user)]
    if not councils:
        raise Http404(_("در هیچ شورایی نقشی ندارید."))
    wanted = to_ascii_digits(request.GET.get("council") or "").strip()
    current = getattr(request, "council", None)
    for c in councils:
        if wanted and str(c.id) == wanted:
            return c
    for c in councils:
        if current is not None and c.id == current.id:
            return c
    return councils[0]
