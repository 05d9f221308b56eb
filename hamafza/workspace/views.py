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


@staff_required
@require_GET
def styleguide(request):
    """Every shared component of the workspace on one page (for people building pages)."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    if request.GET.get("toast"):
        messages.success(request, _("نمونهٔ پیام موفقیت: تغییرات ذخیره شد."))
    rows = [
        {"title": _("افتتاح ۸ کیلومتر از بزرگراه اهواز–خرمشهر"), "status": "published", "status_label": _("منتشرشده"), "agency": _("راه و شهرسازی"), "figure": 3742},
        {"title": _("گزارش تصویری بارش‌های پاییزی"), "status": "submitted", "status_label": _("در انتظار تأیید"), "agency": _("هواشناسی"), "figure": 1024},
        {"title": _("پیش‌نویس خبر راه‌آهن"), "status": "draft", "status_label": _("پیش‌نویس"), "agency": _("راه‌آهن جنوب"), "figure": 0},
    ]
    from .periods import read_period

    period_bar = read_period(request, kinds=("month", "quarter", "year", "span"), default_kind="month")
    return render(request, "workspace/styleguide.html", {"rows": rows, "nav": "", **period_bar.context()})
