"""The workspace's shared components (see /workspace/_styleguide/): one Persian file input,
the page header with breadcrumbs, empty states. Pages use these instead of hand-made markup."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("workspace/components/file_input.html")
def file_input(name, accept="", required=False, label="", pick="", none="", id="", help="", error=""):
    """A file picker that speaks Persian: the browser's «Choose File / No file chosen» is hidden
    behind a button and the chosen file's name (workspace/ui.js fills it in)."""
    return {
        "name": name, "accept": accept, "required": required, "label": label, "id": id or f"file-{name}",
        "pick": pick or _("انتخاب پرونده"), "none": none or _("پرونده‌ای انتخاب نشده"), "help": help, "error": error,
    }


@register.inclusion_tag("workspace/components/empty.html")
def empty_state(title, hint="", action_url="", action_label=""):
    """Nothing here yet — and what to do next."""
    return {"title": title, "hint": hint, "action_url": action_url, "action_label": action_label}
