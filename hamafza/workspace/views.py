"""Staff pages. Every view is behind accounts.decorators.staff_required (signed in, second
factor verified where needed) and reads items only through hamafza.policy."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from hamafza import policy
from hamafza.accounts.decorators import staff_required

from . import desk as desk_sections


@staff_required
@require_GET
def desk(request):
    roles = policy.roles_of(request.user)
    key = request.GET.get("section")
    if key is not None and request.headers.get("HX-Request"):
        section = desk_sections.BY_KEY.get(key)
        if section is None or not section.applies(roles):
            raise Http404
        return render(request, "workspace/desk.html#section", {"section": desk_sections.load(section, request.user, roles)})
    sections = [desk_sections.load(s, request.user, roles) for s in desk_sections.sections_for(roles)]
    return render(request, "workspace/desk.html", {"sections": sections, "nav": "desk"})


@staff_required
@require_GET
def item_detail(request, item_id: int):
    """The stable address of an item in the workspace (used by the desk, notifications and the
    calendar): the editor, which shows read-only to those who may only read."""
    policy.access_item(request.user, item_id)
    return redirect("workspace:news:edit", item_id=item_id)
